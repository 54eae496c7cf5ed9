import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
 * The operations service's reads, for the console. What the events write is in
 * `read-model-rows`, a batch at a time.
 */
@Injectable()
export class OperationsStore {
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
