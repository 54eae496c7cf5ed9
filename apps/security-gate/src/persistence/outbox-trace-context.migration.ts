import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTraceContextSql, outboxTraceContextSql } from '@biogate/messaging';

/** The trace context of each outbox row (W3C traceparent), for the relay's producer span. */
export class SecurityOutboxTraceContext1764000000104 implements MigrationInterface {
  name = 'SecurityOutboxTraceContext1764000000104';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxTraceContextSql('security'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropOutboxTraceContextSql('security'));
  }
}
