import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTablesSql, outboxTablesSql } from '@biogate/messaging';

/** The check-in service's own schema: flights, bookings, passengers, enrolments, outbox. */
export class CheckinSchema1764000000001 implements MigrationInterface {
  name = 'CheckinSchema1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA checkin');
    await q.query(`CREATE TABLE checkin.flight (
      id uuid PRIMARY KEY,
      carrier varchar(2) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      origin varchar(3) NOT NULL,
      destination varchar(3) NOT NULL,
      departure_at timestamptz NOT NULL,
      international boolean NOT NULL,
      UNIQUE (carrier, flight_number, departure_date, origin)
    )`);
    await q.query(`CREATE TABLE checkin.booking (
      id uuid PRIMARY KEY,
      carrier varchar(2) NOT NULL,
      pnr varchar(6) NOT NULL,
      flight_id uuid NOT NULL REFERENCES checkin.flight (id),
      created_at timestamptz NOT NULL,
      UNIQUE (carrier, pnr)
    )`);
    await q.query(`CREATE TABLE checkin.booked_passenger (
      id uuid PRIMARY KEY,
      booking_id uuid NOT NULL REFERENCES checkin.booking (id),
      position smallint NOT NULL,
      surname varchar(30) NOT NULL,
      given_name varchar(30) NOT NULL,
      birth_date date,
      document_type varchar(20) NOT NULL,
      document_number varchar(20) NOT NULL,
      document_expires_on date,
      checked_bags smallint NOT NULL,
      ssr text[] NOT NULL,
      UNIQUE (booking_id, position)
    )`);
    await q.query(
      'CREATE INDEX booked_passenger_document ON checkin.booked_passenger (document_type, document_number)',
    );
    for (const sql of outboxTablesSql('checkin')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTablesSql('checkin')) await q.query(sql);
    await q.query('DROP TABLE checkin.booked_passenger');
    await q.query('DROP TABLE checkin.booking');
    await q.query('DROP TABLE checkin.flight');
    await q.query('DROP SCHEMA checkin');
  }
}
