import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropStatementGuardSql, statementGuardSql } from '@biogate/persistence';

/**
 * `checkin.abandon_statement`: raises the error it is given, so that a one-statement change can
 * undo itself when its condition fails (a booking whose PNR exists, a check-in sequence number
 * another check-in took): PostgreSQL rolls back every part of a statement that raises. SQL has no
 * RAISE of its own; the store maps the code back to its outcome (`StatementGuard`).
 */
export class CheckinStatementGuard1764000000008 implements MigrationInterface {
  name = 'CheckinStatementGuard1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(statementGuardSql('checkin'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropStatementGuardSql('checkin'));
  }
}
