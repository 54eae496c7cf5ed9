import type { MigrationInterface, QueryRunner } from 'typeorm';
import { airportOutageTableSql } from '@biogate/airport-outages';

/** Outages in force at each airport (BIOMETRIC, KIOSK), as this service knows them. */
export class SecurityOutages1764000000102 implements MigrationInterface {
  name = 'SecurityOutages1764000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(airportOutageTableSql('security'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE security.airport_outage');
  }
}
