import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  BoardingChangedPayloadDto,
  FlightRefDto,
  LaneAlertRaisedPayloadDto,
  QueuesObservedPayloadDto,
} from '@biogate/contracts';
import type { StepRecord } from '../read-model/step-record';
import type { StepCount } from '../read-model/touchpoint-tiles';
import type {
  AlertRow,
  FlightKey,
  FlightRow,
  ManifestRow,
  PassengerJourney,
  PassengerStepRow,
} from '../console/operations-views';

/** A queue's latest reading, before the console's level-of-service band is put on it. */
export interface QueueNow {
  readonly queue: string;
  readonly at: string;
  readonly length: number;
  readonly waitSeconds: number;
}

export interface QuarterCount {
  readonly quarter: string;
  readonly touchpoint: string;
  readonly point: string;
  readonly presentations: number;
  readonly redirected: number;
  readonly rejected: number;
}

const FLIGHT_KEY_OF_REF = (flight: FlightRefDto): FlightKey => ({
  airport: flight.origin,
  carrier: flight.carrier,
  number: flight.number,
  date: flight.date,
});

/** Where a passenger has got to after a step that let them on: when, where, and at check-in the pass. */
const PROGRESS_COLUMNS = {
  CHECK_IN: {
    columns: ['checked_in_at', 'check_in_channel', 'seat', 'bcbp'],
    types: ['timestamptz', 'varchar', 'varchar', 'varchar'],
  },
  SECURITY: { columns: ['cleared_at', 'security_lane'], types: ['timestamptz', 'varchar'] },
  BOARDING: { columns: ['boarded_at', 'boarding_lane'], types: ['timestamptz', 'varchar'] },
} as const;

/** A passenger row as the manifest and the journey read it. */
const PASSENGER_COLUMNS = `passenger_id AS "passengerId", surname, given_name AS "givenName", seat,
  bcbp, checked_in_at AS "checkedInAt", check_in_channel AS "checkInChannel",
  cleared_at AS "clearedAt", security_lane AS "securityLane", boarded_at AS "boardedAt",
  boarding_lane AS "boardingLane", carrier, flight_number AS number,
  to_char(departure_date, 'YYYY-MM-DD') AS date`;

type PassengerRow = Omit<ManifestRow, 'checkedInAt' | 'clearedAt' | 'boardedAt'> & {
  readonly checkedInAt: Date | null;
  readonly clearedAt: Date | null;
  readonly boardedAt: Date | null;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
};

function manifestRowOf(row: PassengerRow): ManifestRow {
  const instant = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
  return {
    passengerId: row.passengerId,
    surname: row.surname,
    givenName: row.givenName,
    seat: row.seat,
    bcbp: row.bcbp,
    checkedInAt: instant(row.checkedInAt),
    checkInChannel: row.checkInChannel,
    clearedAt: instant(row.clearedAt),
    securityLane: row.securityLane,
    boardedAt: instant(row.boardedAt),
    boardingLane: row.boardingLane,
  };
}

/**
 * All of the operations service's SQL. Writes are upserts that commute: events of different
 * topics arrive in no fixed order (a boarding change may come before the first booking).
 */
@Injectable()
export class OperationsStore {
  async recordBooking(
    em: EntityManager,
    booking: { passengerId: string; surname: string; givenName: string; flight: FlightRefDto },
  ): Promise<void> {
    await this.recordFlight(em, booking.flight);
    const key = FLIGHT_KEY_OF_REF(booking.flight);
    await em.query(
      `INSERT INTO operations.passenger
         (passenger_id, airport, carrier, flight_number, departure_date, surname, given_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (passenger_id)
       DO UPDATE SET surname = excluded.surname, given_name = excluded.given_name`,
      [
        booking.passengerId,
        key.airport,
        key.carrier,
        key.number,
        key.date,
        booking.surname,
        booking.givenName,
      ],
    );
  }

  /**
   * What a decision leaves, in one statement: the passenger's step, the quarter's tally, and,
   * when the step let them on, where they have got to (the flight row comes from the booking,
   * which precedes every step on the passenger's partition).
   */
  async recordStep(em: EntityManager, step: StepRecord, quarter: Date): Promise<void> {
    const key = FLIGHT_KEY_OF_REF(step.flight);
    const reached = PROGRESS_COLUMNS[step.touchpoint];
    const values =
      step.touchpoint === 'CHECK_IN'
        ? [step.at, step.point, step.pass?.seat ?? null, step.pass?.bcbp ?? null]
        : [step.at, step.point];
    await em.query(
      `WITH step AS (
         INSERT INTO operations.step
           (passenger_id, airport, touchpoint, point, at, outcome, reason, redirect_to, compared, matched)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ), progress AS (
         INSERT INTO operations.passenger
           (passenger_id, airport, carrier, flight_number, departure_date, ${reached.columns.join(', ')})
         SELECT $1, $2, $12, $13, $14::date, ${reached.types.map((type, index) => `$${index + 16}::${type}`).join(', ')}
          WHERE $15::boolean
         ON CONFLICT (passenger_id)
         DO UPDATE SET ${reached.columns.map((column) => `${column} = excluded.${column}`).join(', ')}
       )
       INSERT INTO operations.step_tally AS t
         (airport, quarter, touchpoint, point, outcome, reason, redirect_to, presentations, compared, matched)
       VALUES ($2, $11, $3, $4, $6, $7, $8, 1, $9::boolean::int, $10::boolean::int)
       ON CONFLICT (airport, quarter, touchpoint, point, outcome, reason, redirect_to)
       DO UPDATE SET presentations = t.presentations + 1,
                     compared = t.compared + excluded.compared,
                     matched = t.matched + excluded.matched`,
      [
        step.passengerId,
        step.airport,
        step.touchpoint,
        step.point,
        step.at,
        step.outcome,
        step.reason,
        step.redirectTo,
        step.compared,
        step.matched,
        quarter,
        key.carrier,
        key.number,
        key.date,
        step.done,
        ...values,
      ],
    );
  }

  async recordFlight(em: EntityManager, flight: FlightRefDto): Promise<void> {
    const key = FLIGHT_KEY_OF_REF(flight);
    await em.query(
      `INSERT INTO operations.flight AS f
         (airport, carrier, flight_number, departure_date, destination, departure_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (airport, carrier, flight_number, departure_date)
       DO UPDATE SET destination = excluded.destination, departure_at = excluded.departure_at
       WHERE f.destination IS NULL`,
      [key.airport, key.carrier, key.number, key.date, flight.destination, flight.departureAt],
    );
  }

  /** The latest change wins, whatever order the changes arrive in. */
  async changeBoarding(em: EntityManager, change: BoardingChangedPayloadDto): Promise<void> {
    await em.query(
      `INSERT INTO operations.flight AS f
         (airport, carrier, flight_number, departure_date, gate, boarding_state, boarding_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (airport, carrier, flight_number, departure_date)
       DO UPDATE SET gate = excluded.gate, boarding_state = excluded.boarding_state,
                     boarding_changed_at = excluded.boarding_changed_at
       WHERE f.boarding_changed_at IS NULL OR f.boarding_changed_at <= excluded.boarding_changed_at`,
      [
        change.airport,
        change.carrier,
        change.number,
        change.date,
        change.gate,
        change.state,
        change.at,
      ],
    );
  }

  async recordAlert(em: EntityManager, alert: LaneAlertRaisedPayloadDto): Promise<void> {
    await em.query(
      `INSERT INTO operations.alert
         (id, airport, touchpoint, lane, gate, kind, detail, raised_at, passenger_id, flight)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING`,
      [
        alert.alertId,
        alert.airport,
        alert.touchpoint,
        alert.lane,
        alert.gate ?? null,
        alert.kind,
        alert.detail,
        alert.at,
        alert.passengerId ?? null,
        alert.flight === undefined ? null : `${alert.flight.carrier}${alert.flight.number}`,
      ],
    );
  }

  /** The decisions at an airport in [from, to), counted by point, outcome and reason. */
  async stepCounts(em: EntityManager, airport: string, from: Date, to: Date): Promise<StepCount[]> {
    const rows = await em.query<
      (Omit<StepCount, 'presentations' | 'compared' | 'matched'> & {
        presentations: string;
        compared: string;
        matched: string;
      })[]
    >(
      `SELECT touchpoint, point, outcome, reason, redirect_to AS "redirectTo",
              count(*) AS presentations, count(*) FILTER (WHERE compared) AS compared,
              count(*) FILTER (WHERE matched) AS matched
         FROM operations.step
        WHERE airport = $1 AND at >= $2 AND at < $3
        GROUP BY touchpoint, point, outcome, reason, redirect_to`,
      [airport, from, to],
    );
    return rows.map((row) => ({
      ...row,
      presentations: Number(row.presentations),
      compared: Number(row.compared),
      matched: Number(row.matched),
    }));
  }

  /** Presentations per quarter hour and point in [from, to). */
  async quarterCounts(
    em: EntityManager,
    airport: string,
    from: Date,
    to: Date,
  ): Promise<QuarterCount[]> {
    const rows = await em.query<
      {
        quarter: Date;
        touchpoint: string;
        point: string;
        presentations: string;
        redirected: string | null;
        rejected: string | null;
      }[]
    >(
      `SELECT quarter, touchpoint, point, sum(presentations) AS presentations,
              sum(presentations) FILTER (WHERE outcome = 'REDIRECTED') AS redirected,
              sum(presentations) FILTER (WHERE outcome = 'REJECTED') AS rejected
         FROM operations.step_tally
        WHERE airport = $1 AND quarter >= $2 AND quarter < $3
        GROUP BY quarter, touchpoint, point
        ORDER BY quarter, touchpoint, point`,
      [airport, from, to],
    );
    return rows.map((row) => ({
      quarter: new Date(row.quarter).toISOString(),
      touchpoint: row.touchpoint,
      point: row.point,
      presentations: Number(row.presentations),
      redirected: Number(row.redirected ?? 0),
      rejected: Number(row.rejected ?? 0),
    }));
  }

  /**
   * The newest first. Simulated clocks raise many alerts at one instant, and the two gates' events
   * reach this service in either order: at one instant the later touchpoint of the journey
   * (boarding) comes first, then the order in which its gate raised them, so the list is the
   * same however the events arrived (a rebuild from the topics gives it again).
   */
  async alerts(
    em: EntityManager,
    airport: string,
    filter: { kind?: string; limit: number },
  ): Promise<AlertRow[]> {
    const rows = await em.query<(Omit<AlertRow, 'raisedAt'> & { raisedAt: Date })[]>(
      `SELECT id AS "alertId", touchpoint, lane, gate, kind, detail, raised_at AS "raisedAt",
              passenger_id AS "passengerId", flight
         FROM operations.alert
        WHERE airport = $1 AND ($2::varchar IS NULL OR kind = $2)
        ORDER BY raised_at DESC, (touchpoint = 'BOARDING') DESC, seq DESC
        LIMIT $3`,
      [airport, filter.kind ?? null, filter.limit],
    );
    return rows.map((row) => ({ ...row, raisedAt: new Date(row.raisedAt).toISOString() }));
  }

  async alertCounts(
    em: EntityManager,
    airport: string,
    from: Date,
  ): Promise<Record<string, number>> {
    const rows = await em.query<{ kind: string; count: string }[]>(
      `SELECT kind, count(*) AS count FROM operations.alert
        WHERE airport = $1 AND raised_at >= $2 GROUP BY kind ORDER BY kind`,
      [airport, from],
    );
    return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
  }

  /** The flights of an airport departing in [from, to), with their passengers counted. */
  async flights(em: EntityManager, airport: string, from: Date, to: Date): Promise<FlightRow[]> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT f.carrier, f.flight_number AS number, to_char(f.departure_date, 'YYYY-MM-DD') AS date,
              f.destination, f.departure_at AS "departureAt", f.gate, f.boarding_state AS boarding,
              count(p.passenger_id) AS booked,
              count(p.checked_in_at) AS "checkedIn",
              count(p.cleared_at) AS cleared,
              count(p.boarded_at) AS boarded,
              count(p.boarded_at) FILTER (WHERE p.boarding_lane = 'AUTOMATED') AS "boardedAutomated"
         FROM operations.flight f
         LEFT JOIN operations.passenger p
           ON (p.airport, p.carrier, p.flight_number, p.departure_date)
            = (f.airport, f.carrier, f.flight_number, f.departure_date)
        WHERE f.airport = $1 AND f.departure_at >= $2 AND f.departure_at < $3
        GROUP BY f.airport, f.carrier, f.flight_number, f.departure_date
        ORDER BY f.departure_at, f.carrier, f.flight_number`,
      [airport, from, to],
    );
    return rows.map((row) => ({
      carrier: String(row.carrier),
      number: String(row.number),
      date: String(row.date),
      destination: row.destination as string | null,
      departureAt:
        row.departureAt === null ? null : new Date(row.departureAt as Date).toISOString(),
      gate: row.gate as string | null,
      boarding: row.boarding as FlightRow['boarding'],
      booked: Number(row.booked),
      checkedIn: Number(row.checkedIn),
      cleared: Number(row.cleared),
      boarded: Number(row.boarded),
      boardedAutomated: Number(row.boardedAutomated),
    }));
  }

  async manifest(em: EntityManager, flight: FlightKey): Promise<ManifestRow[]> {
    const rows = await em.query<PassengerRow[]>(
      `SELECT ${PASSENGER_COLUMNS} FROM operations.passenger
        WHERE airport = $1 AND carrier = $2 AND flight_number = $3 AND departure_date = $4
        ORDER BY surname, given_name, passenger_id`,
      [flight.airport, flight.carrier, flight.number, flight.date],
    );
    return rows.map(manifestRowOf);
  }

  /** A passenger of this airport's flights, and their steps here; null for anyone else. */
  async journey(
    em: EntityManager,
    airport: string,
    passengerId: string,
  ): Promise<PassengerJourney | null> {
    const [row] = await em.query<PassengerRow[]>(
      `SELECT ${PASSENGER_COLUMNS} FROM operations.passenger
        WHERE passenger_id = $1 AND airport = $2`,
      [passengerId, airport],
    );
    if (row === undefined) return null;
    const steps = await em.query<(Omit<PassengerStepRow, 'at'> & { at: Date })[]>(
      `SELECT touchpoint, point, at, outcome, reason, NULLIF(redirect_to, '') AS "redirectTo"
         FROM operations.step WHERE passenger_id = $1 AND airport = $2 ORDER BY at, seq`,
      [passengerId, airport],
    );
    return {
      flight: { airport, carrier: row.carrier, number: row.number, date: row.date },
      passenger: manifestRowOf(row),
      steps: steps.map((step) => ({ ...step, at: new Date(step.at).toISOString() })),
    };
  }

  /** Queue readings: the latest of each queue (a later one wins), and each quarter's worst. */
  async recordQueues(
    em: EntityManager,
    observed: QueuesObservedPayloadDto,
    quarter: Date,
  ): Promise<void> {
    const { airport, at, readings } = observed;
    const queues = readings.map((r) => r.queue);
    const lengths = readings.map((r) => r.length);
    const waits = readings.map((r) => r.waitSeconds);
    await em.query(
      `WITH readings AS (
         SELECT * FROM unnest($4::varchar[], $5::int[], $6::int[]) AS r(queue, length, wait_seconds)
       ), latest AS (
         INSERT INTO operations.queue_reading AS q (airport, queue, at, length, wait_seconds)
         SELECT $1, queue, $2, length, wait_seconds FROM readings
         ON CONFLICT (airport, queue) DO UPDATE
           SET at = excluded.at, length = excluded.length, wait_seconds = excluded.wait_seconds
           WHERE q.at <= excluded.at
       )
       INSERT INTO operations.queue_quarter AS w (airport, quarter, queue, max_length, max_wait_seconds)
       SELECT $1, $3, queue, length, wait_seconds FROM readings
       ON CONFLICT (airport, quarter, queue) DO UPDATE
         SET max_length = GREATEST(w.max_length, excluded.max_length),
             max_wait_seconds = GREATEST(w.max_wait_seconds, excluded.max_wait_seconds)`,
      [airport, at, quarter, queues, lengths, waits],
    );
  }

  async latestQueues(em: EntityManager, airport: string): Promise<QueueNow[]> {
    const rows = await em.query<{ queue: string; at: Date; length: number; waitSeconds: number }[]>(
      `SELECT queue, at, length, wait_seconds AS "waitSeconds"
         FROM operations.queue_reading WHERE airport = $1`,
      [airport],
    );
    return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }

  /** The worst wait of each queue per quarter hour in [from, to). */
  async queueQuarters(
    em: EntityManager,
    airport: string,
    from: Date,
    to: Date,
  ): Promise<{ quarter: string; queue: string; maxLength: number; maxWaitSeconds: number }[]> {
    const rows = await em.query<
      { quarter: Date; queue: string; maxLength: number; maxWaitSeconds: number }[]
    >(
      `SELECT quarter, queue, max_length AS "maxLength", max_wait_seconds AS "maxWaitSeconds"
         FROM operations.queue_quarter
        WHERE airport = $1 AND quarter >= $2 AND quarter < $3`,
      [airport, from, to],
    );
    return rows.map((row) => ({ ...row, quarter: new Date(row.quarter).toISOString() }));
  }
}
