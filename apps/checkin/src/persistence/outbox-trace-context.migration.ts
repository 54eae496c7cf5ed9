import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTraceContextSql, outboxTraceContextSql } from '@biogate/messaging';

/** The trace context of each outbox row (W3C traceparent), for the relay's producer span. */
export class CheckinOutboxTraceContext1764000000007 implements MigrationInterface {
  name = 'CheckinOutboxTraceContext1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxTraceContextSql('checkin'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropOutboxTraceContextSql('checkin'));
  }
}
