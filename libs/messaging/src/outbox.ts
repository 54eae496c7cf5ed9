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

  /** One statement for all the entries, in their order (`seq` follows the VALUES order). */
  async append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(
      (_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`,
    );
    await em.query(
      `INSERT INTO ${this.schema}.outbox (event_id, topic, message_key, envelope) VALUES ${rows.join(', ')}`,
      entries.flatMap(({ topic, envelope }) => [
        envelope.eventId,
        topic,
        envelope.key,
        JSON.stringify(envelope),
      ]),
    );
  }
}
