import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Check-ins and boarding passes, and the log of every check-in attempt with its decision. */
export class CheckinBoardingPasses1764000000003 implements MigrationInterface {
  name = 'CheckinBoardingPasses1764000000003';

  async up(q: QueryRunner): Promise<void> {
    // Incremented under the row lock of the flight: sequence numbers and seats never collide.
    await q.query('ALTER TABLE checkin.flight ADD COLUMN checked_in integer NOT NULL DEFAULT 0');
    await q.query(`CREATE TABLE checkin.check_in (
      id uuid PRIMARY KEY,
      passenger_id uuid NOT NULL UNIQUE REFERENCES checkin.booked_passenger (id),
      flight_id uuid NOT NULL REFERENCES checkin.flight (id),
      channel varchar(10) NOT NULL,
      sequence integer NOT NULL,
      seat varchar(4) NOT NULL,
      boarding_pass varchar(160) NOT NULL,
      checked_in_at timestamptz NOT NULL,
      UNIQUE (flight_id, sequence)
    )`);
    await q.query(`CREATE TABLE checkin.journey_step (
      id uuid PRIMARY KEY,
      passenger_id uuid NOT NULL REFERENCES checkin.booked_passenger (id),
      touchpoint varchar(10) NOT NULL,
      point varchar(10) NOT NULL,
      at timestamptz NOT NULL,
      decision jsonb NOT NULL
    )`);
    await q.query('CREATE INDEX journey_step_passenger ON checkin.journey_step (passenger_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checkin.journey_step');
    await q.query('DROP TABLE checkin.check_in');
    await q.query('ALTER TABLE checkin.flight DROP COLUMN checked_in');
  }
}
