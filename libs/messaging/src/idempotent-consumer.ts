import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '@biogate/persistence';
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
  process(envelope: EventEnvelope, effect: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return this.unitOfWork.transaction(async (em) => {
      const inserted = await em.query<unknown[]>(
        `INSERT INTO ${this.schema}.processed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, envelope.eventId],
      );
      if (inserted.length === 0) return false;
      await effect(em);
      return true;
    });
  }
}
