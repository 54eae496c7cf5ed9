import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Other documents' numbers are up to 64 printable characters (domain.md §3), not 20. */
export class CheckinDocumentNumbers1764000000005 implements MigrationInterface {
  name = 'CheckinDocumentNumbers1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE checkin.booked_passenger ALTER COLUMN document_number TYPE varchar(64)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE checkin.booked_passenger ALTER COLUMN document_number TYPE varchar(20)',
    );
  }
}
