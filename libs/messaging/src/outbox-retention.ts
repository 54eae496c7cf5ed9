import type { UnitOfWork } from '@biogate/persistence';
import { deleteAgedRows, reclaimSpace } from './aged-row-purge';
import { assertSchemaName } from './outbox-schema';

export const OUTBOX_RETENTION = Symbol('OUTBOX_RETENTION');

/**
 * How long an outbox keeps a row after the transport accepted it. The outbox is a delivery
 * buffer, not the event log (the topics are): a delivered row only serves someone reading the
 * table to see what a service published lately. 0: the relay deletes each row as it sends it.
 */
export interface OutboxRetentionPolicy {
  readonly keepSentMs: number;
}

/** For a database someone can open and read (PostgreSQL, PGlite in a directory). */
export const DEFAULT_OUTBOX_RETENTION: OutboxRetentionPolicy = { keepSentMs: 60_000 };

/**
 * For a database in this process's memory: nobody else can read its tables, so a delivered row
 * would only hold memory (the outboxes were the largest files of a live day: 100 MB of SGN's
 * morning, kept 60 s at ~120 passengers a second).
 */
export const IN_MEMORY_OUTBOX_RETENTION: OutboxRetentionPolicy = { keepSentMs: 0 };

/** Whether the relay deletes each row as it sends it (`OutboxRelayOptions.deleteSent`). */
export function deletesOnSend(policy: OutboxRetentionPolicy): boolean {
  return policy.keepSentMs === 0;
}

/**
 * Deletes an outbox's rows delivered longer ago than the retention; rows not delivered stay
 * whatever their age. Time is the database's (`sent_at` is its `now()`), not a service's clock:
 * a simulated day that runs ahead or stands still keeps delivered rows as long in real time.
 */
export class SentOutboxPurge {
  /** The relay's count of rows sent when the last purge reclaimed space. */
  private reclaimedThrough = 0;

  /**
   * `relayed`: how many rows the relay has sent so far. With a retention of 0 it deleted each,
   * and their space is for the next purge to reclaim too.
   */
  constructor(
    private readonly schema: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: OutboxRetentionPolicy,
    private readonly relayed: () => number = () => 0,
  ) {
    assertSchemaName(schema);
  }

  /** Returns how many rows it deleted itself. */
  async purge(): Promise<number> {
    const relayed = this.relayed();
    const deletedOnSend = deletesOnSend(this.policy) ? relayed - this.reclaimedThrough : 0;
    const table = `${this.schema}.outbox`;
    const count = await deleteAgedRows(this.unitOfWork, {
      table,
      agedColumn: 'sent_at',
      keepMs: this.policy.keepSentMs,
    });
    if (count + deletedOnSend > 0) await reclaimSpace(this.unitOfWork, table);
    this.reclaimedThrough = relayed;
    return count;
  }
}
