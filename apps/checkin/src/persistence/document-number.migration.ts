import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Other documents' numbers are up to 64 printable characters (domain.md §3), not 20; and the
 * number alone is indexed, since enrolment and retention look passengers up by it.
 */
export class CheckinDocumentNumbers1764000000005 implements MigrationInterface {
  name = 'CheckinDocumentNumbers1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE checkin.booked_passenger ALTER COLUMN document_number TYPE varchar(64)',
    );
    await q.query(
      'CREATE INDEX booked_passenger_document_number ON checkin.booked_passenger (document_number)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX checkin.booked_passenger_document_number');
    await q.query(
      'ALTER TABLE checkin.booked_passenger ALTER COLUMN document_number TYPE varchar(20)',
    );
  }
}
