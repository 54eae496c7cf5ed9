import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-envelope';
import { assertSchemaName } from './outbox-schema';

export interface OutboxEntry {
  readonly topic: string;
  readonly envelope: EventEnvelope;
}

/**
 * Writes raised events into the service's outbox inside the caller's transaction, so an event
 * exists if and only if the change that raised it committed.
 */
export class Outbox {
  constructor(private readonly schema: string) {
    assertSchemaName(schema);
  }

  async append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    for (const { topic, envelope } of entries) {
      await em.query(
        `INSERT INTO ${this.schema}.outbox (event_id, topic, message_key, envelope) VALUES ($1, $2, $3, $4)`,
        [envelope.eventId, topic, envelope.key, JSON.stringify(envelope)],
      );
    }
  }
}
