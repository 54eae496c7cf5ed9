import type { EntityManager } from 'typeorm';
import { currentTraceparent } from '@biogate/observability';
import type { EventEnvelope } from './event-envelope';
import { assertSchemaName } from './outbox-schema';

export interface OutboxEntry {
  readonly topic: string;
  readonly envelope: EventEnvelope;
}

/**
 * A use case's events for a store to write within its own statement: given the number of the
 * first free parameter, the insert of the outbox rows (none when there are no events).
 */
export type PendingEvents = (firstParameter: number) => OutboxInsert | undefined;

/** No events to write. */
export const NO_EVENTS: PendingEvents = () => undefined;

/** The insert of outbox rows as SQL, its parameters numbered from a given one. */
export interface OutboxInsert {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * Writes raised events into the service's outbox inside the caller's transaction, so an event
 * exists if and only if the change that raised it committed.
 */
export class Outbox {
  constructor(private readonly schema: string) {
    assertSchemaName(schema);
  }

  /**
   * One statement for all the entries, in their order (`seq` follows it). The same text for any
   * number of entries, so one prepared statement: a purge or a passenger name list writes a
   * number of events no other call repeats.
   */
  async append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await em.query(
      `INSERT INTO ${this.schema}.outbox (event_id, topic, message_key, envelope, trace_context)
       SELECT e.event_id, e.topic, e.message_key, e.envelope, $5
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY
              AS e(event_id, topic, message_key, envelope, position)
        ORDER BY e.position`,
      [
        entries.map((e) => e.envelope.eventId),
        entries.map((e) => e.topic),
        entries.map((e) => e.envelope.key),
        entries.map((e) => JSON.stringify(e.envelope)),
        currentTraceparent() ?? null,
      ],
    );
  }

  /** How many rows wait for the relay, and how long the oldest has waited (seconds; 0 if none). */
  async backlog(em: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = await em.query<{ pending: number; age: number }[]>(
      `SELECT count(*)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
         FROM ${this.schema}.outbox WHERE sent_at IS NULL`,
    );
    return { pending: row?.pending ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
  }

  /**
   * The same insert for a store to run inside its own statement (a CTE of the rows a use case
   * writes), so that a use case's writes and events are one round trip. Parameters are numbered
   * from `first`, after the store's own.
   */
  insertOf(entries: readonly OutboxEntry[], first: number): OutboxInsert {
    const p = (i: number, column: number) => `$${first + 5 * i + column}`;
    const rows = entries.map(
      (_, i) => `(${p(i, 0)}, ${p(i, 1)}, ${p(i, 2)}, ${p(i, 3)}::jsonb, ${p(i, 4)})`,
    );
    // The span that wrote the events (a request's command), for the relay to carry on.
    const traceparent = currentTraceparent() ?? null;
    return {
      sql: `INSERT INTO ${this.schema}.outbox (event_id, topic, message_key, envelope, trace_context) VALUES ${rows.join(', ')}`,
      parameters: entries.flatMap(({ topic, envelope }) => [
        envelope.eventId,
        topic,
        envelope.key,
        JSON.stringify(envelope),
        traceparent,
      ]),
    };
  }
}
