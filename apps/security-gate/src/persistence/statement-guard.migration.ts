import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropStatementGuardSql, statementGuardSql } from '@biogate/persistence';

/**
 * `security.abandon_statement`: a batch of events applied as one statement (its ids and its rows)
 * abandons itself when one of its events was applied before, and is then applied in a transaction.
 */
export class SecurityStatementGuard1764000000105 implements MigrationInterface {
  name = 'SecurityStatementGuard1764000000105';

  async up(q: QueryRunner): Promise<void> {
    await q.query(statementGuardSql('security'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropStatementGuardSql('security'));
  }
}
