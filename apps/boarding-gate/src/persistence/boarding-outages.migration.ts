import type { MigrationInterface, QueryRunner } from 'typeorm';
import { airportOutageTableSql } from '@biogate/airport-outages';

/** Outages in force at each airport (BIOMETRIC, KIOSK), as this service knows them. */
export class BoardingOutages1764000000202 implements MigrationInterface {
  name = 'BoardingOutages1764000000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(airportOutageTableSql('boarding'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE boarding.airport_outage');
  }
}
