import type { UnitOfWork } from '@biogate/persistence';
import { deleteAgedRows, reclaimSpace } from './aged-row-purge';
import { assertSchemaName } from './outbox-schema';

export const PROCESSED_EVENT_RETENTION = Symbol('PROCESSED_EVENT_RETENTION');

/**
 * How long a consumer remembers the id of an event it applied, so that a redelivery of it
 * changes nothing. `keepMs` undefined: for good.
 */
export interface ProcessedEventRetentionPolicy {
  readonly keepMs?: number;
}

/**
 * For a database that outlives the process, or events from a broker: a broker can redeliver an
 * event long after it was applied (an offset reset, a group replayed), so every id is kept.
 */
export const DEFAULT_PROCESSED_EVENT_RETENTION: ProcessedEventRetentionPolicy = {};

/**
 * For a database in this process's memory fed by the in-process transport: both die with the
 * process, and a redelivery can only come from a relay whose commit failed after it published
 * (it sends the rows again at its next claim, 250 ms later) or a handler retried (five attempts
 * 20 ms apart): within a second or two. A minute covers that many times over; kept for good,
 * the ids were 25-40 MB of SGN's live day in memory (boarding's alone 13 MB and 12 MB of key).
 */
export const IN_MEMORY_PROCESSED_EVENT_RETENTION: ProcessedEventRetentionPolicy = {
  keepMs: 60_000,
};

/**
 * Forgets the ids one consumer applied longer ago than the retention. Time is the database's
 * (`processed_at` is its `now()`), not a service's clock, which a simulated day moves at will.
 */
export class ProcessedEventPurge {
  constructor(
    private readonly schema: string,
    private readonly consumer: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly keepMs: number,
  ) {
    assertSchemaName(schema);
  }

  /** Returns how many ids it forgot. */
  async purge(): Promise<number> {
    const table = `${this.schema}.processed_events`;
    const count = await deleteAgedRows(this.unitOfWork, {
      table,
      agedColumn: 'processed_at',
      keepMs: this.keepMs,
      condition: { sql: 'consumer = $2', parameters: [this.consumer] },
    });
    if (count > 0) await reclaimSpace(this.unitOfWork, table);
    return count;
  }
}
