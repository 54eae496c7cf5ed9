import type { EntityManager } from 'typeorm';
import { DeferredRows, type UnitOfWork } from '@biogate/persistence';
import type { EventEnvelope } from './event-envelope';
import { assertSchemaName } from './outbox-schema';

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction
 * as the effect, so a redelivered event finds its id and changes nothing.
 */
export class IdempotentConsumer {
  constructor(
    private readonly schema: string,
    private readonly consumer: string,
    private readonly unitOfWork: UnitOfWork,
  ) {
    assertSchemaName(schema);
  }

  /** Returns false when the event had already been processed. */
  async process(
    envelope: EventEnvelope,
    effect: (em: EntityManager, later: DeferredRows) => Promise<void>,
  ): Promise<boolean> {
    return (await this.processInOrder([envelope], (em, _, later) => effect(em, later))) === 1;
  }

  /**
   * Applies the events not yet processed, in the order given, in one transaction: one insert
   * records every id, and its answer says which are new (an id twice in the list counts once).
   * The rows the effects defer are written after the last of them, before the commit.
   * Returns how many were applied.
   */
  async processInOrder(
    envelopes: readonly EventEnvelope[],
    effect: (em: EntityManager, index: number, later: DeferredRows) => Promise<void>,
  ): Promise<number> {
    return (await this.applyNew(envelopes, effect)).length;
  }

  /** As `processInOrder`, answering which of the envelopes (by index) the committed unit applied. */
  applyNew(
    envelopes: readonly EventEnvelope[],
    effect: (em: EntityManager, index: number, later: DeferredRows) => Promise<void>,
  ): Promise<number[]> {
    // PostgreSQL answers uuids in lower case; a producer may have written them otherwise.
    const ids = envelopes.map((envelope) => envelope.eventId.toLowerCase());
    return this.unitOfWork.transaction(async (em) => {
      const inserted = await em.query<{ event_id: string }[]>(
        `INSERT INTO ${this.schema}.processed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, ids],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      // Per attempt: a unit that lost a race runs again, and only the last attempt committed.
      const applied: number[] = [];
      const later = new DeferredRows();
      for (const [index, id] of ids.entries()) {
        if (!fresh.delete(id)) continue;
        await effect(em, index, later);
        applied.push(index);
      }
      await later.flush(em);
      return applied;
    });
  }
}
