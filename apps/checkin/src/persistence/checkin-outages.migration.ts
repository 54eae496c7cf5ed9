import type { MigrationInterface, QueryRunner } from 'typeorm';
import { airportOutageTableSql } from '@biogate/airport-outages';

/** Outages in force at each airport (BIOMETRIC, KIOSK), as this service knows them. */
export class CheckinOutages1764000000004 implements MigrationInterface {
  name = 'CheckinOutages1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(airportOutageTableSql('checkin'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checkin.airport_outage');
  }
}
