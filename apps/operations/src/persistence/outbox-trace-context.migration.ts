import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTraceContextSql, outboxTraceContextSql } from '@biogate/messaging';

/** The trace context of each outbox row (W3C traceparent), for the relay's producer span. */
export class OperationsOutboxTraceContext1764000000402 implements MigrationInterface {
  name = 'OperationsOutboxTraceContext1764000000402';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxTraceContextSql('operations'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropOutboxTraceContextSql('operations'));
  }
}
