import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropStatementGuardSql, statementGuardSql } from '@biogate/persistence';

/**
 * `boarding.abandon_statement`: a batch of events applied as one statement (its ids and its rows)
 * abandons itself when one of its events was applied before, and is then applied in a transaction.
 */
export class BoardingStatementGuard1764000000206 implements MigrationInterface {
  name = 'BoardingStatementGuard1764000000206';

  async up(q: QueryRunner): Promise<void> {
    await q.query(statementGuardSql('boarding'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropStatementGuardSql('boarding'));
  }
}
