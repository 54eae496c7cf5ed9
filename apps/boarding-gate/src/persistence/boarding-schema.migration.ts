import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTablesSql, outboxTablesSql } from '@biogate/messaging';

/**
 * The boarding gate's own schema: what it learnt from events (boarding passes, galleries,
 * security clearances), the boarding state of each flight, who boarded, its presentations,
 * alerts and the audit of template reads.
 */
export class BoardingSchema1764000000201 implements MigrationInterface {
  name = 'BoardingSchema1764000000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA boarding');
    await q.query(`CREATE TABLE boarding.boarding_pass (
      passenger_id uuid PRIMARY KEY,
      bcbp varchar(160) NOT NULL UNIQUE,
      flight_id uuid NOT NULL,
      carrier varchar(3) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      origin varchar(3) NOT NULL,
      destination varchar(3) NOT NULL,
      departure_at timestamptz NOT NULL,
      international boolean NOT NULL,
      seat varchar(4) NOT NULL
    )`);
    await q.query('CREATE INDEX boarding_pass_flight ON boarding.boarding_pass (flight_id)');
    await q.query(`CREATE TABLE boarding.gallery_entry (
      passenger_id uuid NOT NULL,
      flight_id uuid NOT NULL,
      template_id uuid NOT NULL,
      sealed jsonb NOT NULL,
      departure_at timestamptz NOT NULL,
      PRIMARY KEY (passenger_id, flight_id)
    )`);
    await q.query('CREATE INDEX boarding_gallery_template ON boarding.gallery_entry (template_id)');
    await q.query(`CREATE TABLE boarding.security_clearance (
      passenger_id uuid NOT NULL,
      flight_id uuid NOT NULL,
      cleared_at timestamptz NOT NULL,
      PRIMARY KEY (passenger_id, flight_id)
    )`);
    await q.query(`CREATE TABLE boarding.flight_boarding (
      carrier varchar(3) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      origin varchar(3) NOT NULL,
      gate varchar(5) NOT NULL,
      state varchar(6) NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (carrier, flight_number, departure_date, origin)
    )`);
    await q.query(`CREATE TABLE boarding.boarded (
      passenger_id uuid PRIMARY KEY,
      flight_id uuid NOT NULL,
      gate varchar(5) NOT NULL,
      lane varchar(10) NOT NULL,
      boarded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE boarding.presentation (
      id uuid PRIMARY KEY,
      airport varchar(3) NOT NULL,
      gate varchar(5) NOT NULL,
      lane varchar(10) NOT NULL,
      at timestamptz NOT NULL,
      passenger_id uuid,
      decision jsonb NOT NULL
    )`);
    await q.query(`CREATE TABLE boarding.alert (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      airport varchar(3) NOT NULL,
      kind varchar(30) NOT NULL,
      gate varchar(5) NOT NULL,
      raised_at timestamptz NOT NULL,
      passenger_id uuid,
      detail text NOT NULL
    )`);
    await q.query(
      'CREATE INDEX boarding_alert_airport ON boarding.alert (airport, raised_at, seq)',
    );
    await q.query(`CREATE TABLE boarding.template_access (
      id bigserial PRIMARY KEY,
      template_id uuid NOT NULL,
      accessor varchar(80) NOT NULL,
      touchpoint varchar(20) NOT NULL,
      purpose varchar(60) NOT NULL,
      accessed_at timestamptz NOT NULL
    )`);
    for (const sql of outboxTablesSql('boarding')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTablesSql('boarding')) await q.query(sql);
    await q.query('DROP SCHEMA boarding CASCADE');
  }
}
