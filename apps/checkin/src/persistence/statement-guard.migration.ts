import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `checkin.abandon_statement`: raises the error it is given, so that a one-statement change can
 * undo itself when its condition fails (a booking whose PNR exists, a check-in sequence number
 * another check-in took): PostgreSQL rolls back every part of a statement that raises. SQL has no
 * RAISE of its own; the store maps the code back to its outcome (`StatementGuard`).
 */
export class CheckinStatementGuard1764000000008 implements MigrationInterface {
  name = 'CheckinStatementGuard1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION checkin.abandon_statement(code text, message text) RETURNS integer
         LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
       END
       $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION checkin.abandon_statement(text, text)`);
  }
}
