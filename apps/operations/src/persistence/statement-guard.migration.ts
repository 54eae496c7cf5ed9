import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropStatementGuardSql, statementGuardSql } from '@biogate/persistence';

/**
 * `operations.abandon_statement`: a batch of events applied as one statement (its ids and its rows)
 * abandons itself when one of its events was applied before, and is then applied in a transaction.
 */
export class OperationsStatementGuard1764000000404 implements MigrationInterface {
  name = 'OperationsStatementGuard1764000000404';

  async up(q: QueryRunner): Promise<void> {
    await q.query(statementGuardSql('operations'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropStatementGuardSql('operations'));
  }
}
