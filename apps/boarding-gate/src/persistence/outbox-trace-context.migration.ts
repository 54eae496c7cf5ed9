import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTraceContextSql, outboxTraceContextSql } from '@biogate/messaging';

/** The trace context of each outbox row (W3C traceparent), for the relay's producer span. */
export class BoardingOutboxTraceContext1764000000205 implements MigrationInterface {
  name = 'BoardingOutboxTraceContext1764000000205';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxTraceContextSql('boarding'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropOutboxTraceContextSql('boarding'));
  }
}
