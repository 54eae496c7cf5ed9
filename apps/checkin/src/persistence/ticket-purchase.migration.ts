import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each passenger's purchase channel, and the consent recorded with a VNeID purchase. */
export class CheckinTicketPurchase1764000000006 implements MigrationInterface {
  name = 'CheckinTicketPurchase1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE checkin.booked_passenger
         ADD COLUMN purchase_channel varchar(10) NOT NULL DEFAULT 'AIRLINE',
         ADD COLUMN identity_consent_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE checkin.booked_passenger
         DROP COLUMN purchase_channel, DROP COLUMN identity_consent_at`,
    );
  }
}
