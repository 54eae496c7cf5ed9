import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTablesSql, outboxTablesSql } from '@biogate/messaging';

/**
 * The security gate's own schema: what it has learnt from events (boarding passes issued, the
 * sealed galleries of its flights), what it decided (presentations, clearances), its alerts and
 * the audit of template reads.
 */
export class SecuritySchema1764000000101 implements MigrationInterface {
  name = 'SecuritySchema1764000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA security');
    await q.query(`CREATE TABLE security.boarding_pass (
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
      issued_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE security.gallery_entry (
      passenger_id uuid NOT NULL,
      flight_id uuid NOT NULL,
      template_id uuid NOT NULL,
      sealed jsonb NOT NULL,
      departure_at timestamptz NOT NULL,
      staged_at timestamptz NOT NULL,
      PRIMARY KEY (passenger_id, flight_id)
    )`);
    await q.query('CREATE INDEX gallery_entry_template ON security.gallery_entry (template_id)');
    await q.query(`CREATE TABLE security.presentation (
      id uuid PRIMARY KEY,
      airport varchar(3) NOT NULL,
      lane varchar(10) NOT NULL,
      at timestamptz NOT NULL,
      passenger_id uuid,
      flight_id uuid,
      decision jsonb NOT NULL
    )`);
    await q.query(
      'CREATE INDEX presentation_passenger ON security.presentation (passenger_id, at)',
    );
    await q.query(`CREATE TABLE security.clearance (
      passenger_id uuid NOT NULL,
      flight_id uuid NOT NULL,
      lane varchar(10) NOT NULL,
      cleared_at timestamptz NOT NULL,
      PRIMARY KEY (passenger_id, flight_id)
    )`);
    await q.query(`CREATE TABLE security.alert (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      airport varchar(3) NOT NULL,
      kind varchar(30) NOT NULL,
      lane varchar(10) NOT NULL,
      raised_at timestamptz NOT NULL,
      passenger_id uuid,
      detail text NOT NULL
    )`);
    // Simulated clocks raise many alerts at one instant: seq keeps their order.
    await q.query('CREATE INDEX alert_airport ON security.alert (airport, raised_at, seq)');
    await q.query(`CREATE TABLE security.template_access (
      id bigserial PRIMARY KEY,
      template_id uuid NOT NULL,
      accessor varchar(80) NOT NULL,
      touchpoint varchar(20) NOT NULL,
      purpose varchar(60) NOT NULL,
      accessed_at timestamptz NOT NULL
    )`);
    for (const sql of outboxTablesSql('security')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTablesSql('security')) await q.query(sql);
    await q.query('DROP SCHEMA security CASCADE');
  }
}
