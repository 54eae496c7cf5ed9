import { assertSchemaName } from '@biogate/persistence';

/**
 * The outbox and processed-event tables every service keeps in its own schema. Used by each
 * service's first migration; schema names are code constants, never input.
 */
export function outboxTablesSql(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `CREATE TABLE ${schema}.outbox (
      seq bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`,
    `CREATE INDEX outbox_unsent ON ${schema}.outbox (seq) WHERE sent_at IS NULL`,
    `CREATE TABLE ${schema}.processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
  ];
}

/**
 * The W3C `traceparent` of the span that wrote a row, so that the relay's producer span (and the
 * consumers' after it) continue that trace; null where nothing was traced. A later migration of
 * every service.
 */
export function outboxTraceContextSql(schema: string): string {
  assertSchemaName(schema);
  return `ALTER TABLE ${schema}.outbox ADD COLUMN trace_context text`;
}

export function dropOutboxTraceContextSql(schema: string): string {
  assertSchemaName(schema);
  return `ALTER TABLE ${schema}.outbox DROP COLUMN trace_context`;
}

export function dropOutboxTablesSql(schema: string): string[] {
  assertSchemaName(schema);
  return [`DROP TABLE ${schema}.processed_events`, `DROP TABLE ${schema}.outbox`];
}

// Where the services' schema names were first checked: importers keep this path.
export { assertSchemaName };
