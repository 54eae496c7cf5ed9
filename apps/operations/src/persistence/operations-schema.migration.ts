import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTablesSql, outboxTablesSql } from '@biogate/messaging';
import { airportOutageTableSql } from '@biogate/airport-outages';

/**
 * The operations service's read model, built only from events: counts per quarter hour and
 * touchpoint, each passenger's steps, the flights, the alerts and the outages of each airport.
 */
export class OperationsSchema1764000000401 implements MigrationInterface {
  name = 'OperationsSchema1764000000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA operations');
    // One row per airport, quarter hour, point and outcome: what the tiles and charts add up.
    await q.query(`CREATE TABLE operations.step_tally (
      airport varchar(3) NOT NULL,
      quarter timestamptz NOT NULL,
      touchpoint varchar(10) NOT NULL,
      point varchar(10) NOT NULL,
      outcome varchar(10) NOT NULL,
      reason varchar(40) NOT NULL,
      redirect_to varchar(10) NOT NULL,
      presentations integer NOT NULL,
      compared integer NOT NULL,
      matched integer NOT NULL,
      PRIMARY KEY (airport, quarter, touchpoint, point, outcome, reason, redirect_to)
    )`);
    await q.query(`CREATE TABLE operations.flight (
      airport varchar(3) NOT NULL,
      carrier varchar(3) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      destination varchar(3),
      departure_at timestamptz,
      gate varchar(10),
      boarding_state varchar(6),
      boarding_changed_at timestamptz,
      PRIMARY KEY (airport, carrier, flight_number, departure_date)
    )`);
    await q.query(`CREATE TABLE operations.passenger (
      passenger_id uuid PRIMARY KEY,
      airport varchar(3) NOT NULL,
      carrier varchar(3) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      surname varchar(60),
      given_name varchar(60),
      seat varchar(5),
      bcbp varchar(160),
      checked_in_at timestamptz,
      check_in_channel varchar(10),
      cleared_at timestamptz,
      security_lane varchar(10),
      boarded_at timestamptz,
      boarding_lane varchar(10)
    )`);
    await q.query(
      `CREATE INDEX passenger_flight
         ON operations.passenger (airport, carrier, flight_number, departure_date)`,
    );
    await q.query(`CREATE TABLE operations.step (
      passenger_id uuid NOT NULL,
      seq bigserial NOT NULL,
      airport varchar(3) NOT NULL,
      touchpoint varchar(10) NOT NULL,
      point varchar(10) NOT NULL,
      at timestamptz NOT NULL,
      outcome varchar(10) NOT NULL,
      reason varchar(40) NOT NULL,
      redirect_to varchar(10) NOT NULL,
      compared boolean NOT NULL,
      matched boolean NOT NULL,
      PRIMARY KEY (passenger_id, seq)
    )`);
    await q.query('CREATE INDEX step_airport ON operations.step (airport, at)');
    await q.query(`CREATE TABLE operations.alert (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      airport varchar(3) NOT NULL,
      touchpoint varchar(10) NOT NULL,
      lane varchar(10) NOT NULL,
      gate varchar(10),
      kind varchar(30) NOT NULL,
      detail text NOT NULL,
      raised_at timestamptz NOT NULL,
      passenger_id uuid,
      flight varchar(12)
    )`);
    // Simulated clocks raise many alerts at one instant: seq keeps their order.
    await q.query('CREATE INDEX alert_airport ON operations.alert (airport, raised_at, seq)');
    await q.query(airportOutageTableSql('operations'));
    // Queue sensors: the latest reading of each queue, and the worst of each quarter hour.
    await q.query(`CREATE TABLE operations.queue_reading (
      airport varchar(3) NOT NULL,
      queue varchar(20) NOT NULL,
      at timestamptz NOT NULL,
      length integer NOT NULL,
      wait_seconds integer NOT NULL,
      PRIMARY KEY (airport, queue)
    )`);
    await q.query(`CREATE TABLE operations.queue_quarter (
      airport varchar(3) NOT NULL,
      quarter timestamptz NOT NULL,
      queue varchar(20) NOT NULL,
      max_length integer NOT NULL,
      max_wait_seconds integer NOT NULL,
      PRIMARY KEY (airport, quarter, queue)
    )`);
    for (const sql of outboxTablesSql('operations')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTablesSql('operations')) await q.query(sql);
    await q.query('DROP SCHEMA operations CASCADE');
  }
}
