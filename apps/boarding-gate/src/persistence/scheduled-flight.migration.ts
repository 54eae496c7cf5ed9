import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The flights booked from each airport, learnt from PassengerBooked: boarding opens only for them. */
export class BoardingScheduledFlights1764000000203 implements MigrationInterface {
  name = 'BoardingScheduledFlights1764000000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE boarding.scheduled_flight (
      flight_id uuid PRIMARY KEY,
      carrier varchar(3) NOT NULL,
      flight_number varchar(5) NOT NULL,
      departure_date date NOT NULL,
      origin varchar(3) NOT NULL,
      UNIQUE (carrier, flight_number, departure_date, origin)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE boarding.scheduled_flight');
  }
}
