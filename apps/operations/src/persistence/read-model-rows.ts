import type { RowsStatement } from '@biogate/persistence';
import type { AlertRow } from '../console/operations-views';
import type { StepCount } from '../read-model/touchpoint-tiles';

/**
 * The rows the operations read model learns from the events, written a batch at a time
 * (`DeferredRows`): one statement per kind whatever the batch holds, each an INSERT over
 * `jsonb_to_recordset` (one parameter, so one prepared statement). Writes commute, since events
 * of different topics come in no fixed order (a boarding change may come before the first
 * booking); two rows of a batch that reach one table row are merged here as the statements in
 * turn would have left it.
 */

/** A flight as a booking names it. */
export interface BookedFlightRow {
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly destination: string;
  readonly departureAt: string;
}

const flightKey = (f: { airport: string; carrier: string; number: string; date: string }) =>
  `${f.airport} ${f.carrier} ${f.number} ${f.date}`;

/** The first booking of a flight says where it goes and when (a later one changes nothing). */
export const BOOKED_FLIGHTS: RowsStatement<BookedFlightRow> = {
  table: 'operations.flight',
  key: flightKey,
  merge: (earlier) => earlier,
  sql: (rows) =>
    `INSERT INTO operations.flight AS f
         (airport, carrier, flight_number, departure_date, destination, departure_at)
       SELECT airport, carrier, number, date, destination, "departureAt"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(airport varchar, carrier varchar,
              number varchar, date date, destination varchar, "departureAt" timestamptz)
       ON CONFLICT (airport, carrier, flight_number, departure_date)
       DO UPDATE SET destination = excluded.destination, departure_at = excluded.departure_at
       WHERE f.destination IS NULL`,
};

/** A flight's boarding opened or closed at a gate. */
export interface BoardingChangeRow {
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly gate: string;
  readonly state: string;
  readonly at: string;
}

/** The latest change wins, whatever order the changes arrive in (the later of equals). */
export const BOARDING_CHANGES: RowsStatement<BoardingChangeRow> = {
  table: 'operations.flight',
  key: flightKey,
  merge: (earlier, later) => (Date.parse(later.at) >= Date.parse(earlier.at) ? later : earlier),
  sql: (rows) =>
    `INSERT INTO operations.flight AS f
         (airport, carrier, flight_number, departure_date, gate, boarding_state, boarding_changed_at)
       SELECT airport, carrier, number, date, gate, state, at
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(airport varchar, carrier varchar,
              number varchar, date date, gate varchar, state varchar, at timestamptz)
       ON CONFLICT (airport, carrier, flight_number, departure_date)
       DO UPDATE SET gate = excluded.gate, boarding_state = excluded.boarding_state,
                     boarding_changed_at = excluded.boarding_changed_at
       WHERE f.boarding_changed_at IS NULL OR f.boarding_changed_at <= excluded.boarding_changed_at`,
};

/** A booked passenger's names (the booking's latest). */
export interface BookedPassengerRow {
  readonly passengerId: string;
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly surname: string;
  readonly givenName: string;
}

export const BOOKED_PASSENGERS: RowsStatement<BookedPassengerRow> = {
  table: 'operations.passenger',
  key: (passenger) => passenger.passengerId,
  sql: (rows) =>
    `INSERT INTO operations.passenger
         (passenger_id, airport, carrier, flight_number, departure_date, surname, given_name)
       SELECT "passengerId", airport, carrier, number, date, surname, "givenName"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r("passengerId" uuid, airport varchar,
              carrier varchar, number varchar, date date, surname varchar, "givenName" varchar)
       ON CONFLICT (passenger_id)
       DO UPDATE SET surname = excluded.surname, given_name = excluded.given_name`,
};

/** One decision at a touchpoint, as the journey view lists it. */
export interface StepRow {
  readonly passengerId: string;
  readonly airport: string;
  readonly touchpoint: string;
  readonly point: string;
  readonly at: string;
  readonly outcome: string;
  readonly reason: string;
  readonly redirectTo: string;
  readonly compared: boolean;
  readonly matched: boolean;
}

/** Every decision, in the order the events came (their `seq`). */
export const STEPS: RowsStatement<StepRow> = {
  table: 'operations.step',
  sql: (rows) =>
    `INSERT INTO operations.step
         (passenger_id, airport, touchpoint, point, at, outcome, reason, redirect_to, compared, matched)
       SELECT "passengerId", airport, touchpoint, point, at, outcome, reason, "redirectTo",
              compared, matched
         FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb) AS ("passengerId" uuid,
              airport varchar, touchpoint varchar, point varchar, at timestamptz, outcome varchar,
              reason varchar, "redirectTo" varchar, compared boolean, matched boolean))
              WITH ORDINALITY AS r
        ORDER BY ordinality`,
};

/** Decisions of one kind at an airport in a quarter hour, counted. */
export interface StepTallyRow extends StepCount {
  readonly airport: string;
  readonly quarter: string;
}

/** Tallies add up. */
export const STEP_TALLIES: RowsStatement<StepTallyRow> = {
  table: 'operations.step_tally',
  key: (t) =>
    [t.airport, t.quarter, t.touchpoint, t.point, t.outcome, t.reason, t.redirectTo].join(' '),
  merge: (earlier, later) => ({
    ...later,
    presentations: earlier.presentations + later.presentations,
    compared: earlier.compared + later.compared,
    matched: earlier.matched + later.matched,
  }),
  sql: (rows) =>
    `INSERT INTO operations.step_tally AS t
         (airport, quarter, touchpoint, point, outcome, reason, redirect_to, presentations,
          compared, matched)
       SELECT airport, quarter, touchpoint, point, outcome, reason, "redirectTo", presentations,
              compared, matched
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(airport varchar, quarter timestamptz,
              touchpoint varchar, point varchar, outcome varchar, reason varchar,
              "redirectTo" varchar, presentations int, compared int, matched int)
       ON CONFLICT (airport, quarter, touchpoint, point, outcome, reason, redirect_to)
       DO UPDATE SET presentations = t.presentations + excluded.presentations,
                     compared = t.compared + excluded.compared,
                     matched = t.matched + excluded.matched`,
};

/** Where a passenger has got to: each touchpoint that let them on, when and where. */
export interface PassengerProgressRow {
  readonly passengerId: string;
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly checkIn?: {
    readonly at: string;
    readonly channel: string;
    readonly seat: string | null;
    readonly bcbp: string | null;
  };
  readonly security?: { readonly at: string; readonly lane: string };
  readonly boarding?: { readonly at: string; readonly lane: string };
}

/**
 * A touchpoint's columns are set together, and only by a step at that touchpoint (the later of
 * two); the other touchpoints' stay as they are. A touchpoint's columns are set exactly when its
 * instant is in the row.
 */
export const PASSENGER_PROGRESS: RowsStatement<PassengerProgressRow> = {
  table: 'operations.passenger',
  key: (progress) => progress.passengerId,
  // A row holds only the touchpoints its steps reached: the later's replace the earlier's.
  merge: (earlier, later) => ({ ...earlier, ...later }),
  records: (rows) =>
    rows.map((row) => ({
      passengerId: row.passengerId,
      airport: row.airport,
      carrier: row.carrier,
      number: row.number,
      date: row.date,
      checkedInAt: row.checkIn?.at ?? null,
      checkInChannel: row.checkIn?.channel ?? null,
      seat: row.checkIn?.seat ?? null,
      bcbp: row.checkIn?.bcbp ?? null,
      clearedAt: row.security?.at ?? null,
      securityLane: row.security?.lane ?? null,
      boardedAt: row.boarding?.at ?? null,
      boardingLane: row.boarding?.lane ?? null,
    })),
  sql: (rows) =>
    `INSERT INTO operations.passenger AS p
         (passenger_id, airport, carrier, flight_number, departure_date, checked_in_at,
          check_in_channel, seat, bcbp, cleared_at, security_lane, boarded_at, boarding_lane)
       SELECT "passengerId", airport, carrier, number, date, "checkedInAt", "checkInChannel",
              seat, bcbp, "clearedAt", "securityLane", "boardedAt", "boardingLane"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r("passengerId" uuid, airport varchar,
              carrier varchar, number varchar, date date, "checkedInAt" timestamptz,
              "checkInChannel" varchar, seat varchar, bcbp varchar, "clearedAt" timestamptz,
              "securityLane" varchar, "boardedAt" timestamptz, "boardingLane" varchar)
       ON CONFLICT (passenger_id) DO UPDATE SET
         checked_in_at = COALESCE(excluded.checked_in_at, p.checked_in_at),
         check_in_channel = CASE WHEN excluded.checked_in_at IS NULL THEN p.check_in_channel
                                 ELSE excluded.check_in_channel END,
         seat = CASE WHEN excluded.checked_in_at IS NULL THEN p.seat ELSE excluded.seat END,
         bcbp = CASE WHEN excluded.checked_in_at IS NULL THEN p.bcbp ELSE excluded.bcbp END,
         cleared_at = COALESCE(excluded.cleared_at, p.cleared_at),
         security_lane = CASE WHEN excluded.cleared_at IS NULL THEN p.security_lane
                              ELSE excluded.security_lane END,
         boarded_at = COALESCE(excluded.boarded_at, p.boarded_at),
         boarding_lane = CASE WHEN excluded.boarded_at IS NULL THEN p.boarding_lane
                              ELSE excluded.boarding_lane END`,
};

/** An alert a gate raised, at its airport. */
export interface RaisedAlertRow extends AlertRow {
  readonly airport: string;
}

/** In the order the events came (`seq` breaks ties of one instant in the console's list). */
export const ALERTS: RowsStatement<RaisedAlertRow> = {
  table: 'operations.alert',
  sql: (rows) =>
    `INSERT INTO operations.alert
         (id, airport, touchpoint, lane, gate, kind, detail, raised_at, passenger_id, flight)
       SELECT "alertId", airport, touchpoint, lane, gate, kind, detail, "raisedAt",
              "passengerId", flight
         FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb) AS ("alertId" uuid,
              airport varchar, touchpoint varchar, lane varchar, gate varchar, kind varchar,
              detail varchar, "raisedAt" timestamptz, "passengerId" uuid, flight varchar))
              WITH ORDINALITY AS r
        ORDER BY ordinality
       ON CONFLICT (id) DO NOTHING`,
};

/** A queue sensor's reading. */
export interface QueueReadingRow {
  readonly airport: string;
  readonly queue: string;
  readonly at: string;
  readonly length: number;
  readonly waitSeconds: number;
}

/** Each queue's latest reading: a later one wins (the later of equals). */
export const QUEUE_READINGS: RowsStatement<QueueReadingRow> = {
  table: 'operations.queue_reading',
  key: (reading) => `${reading.airport} ${reading.queue}`,
  merge: (earlier, later) => (Date.parse(later.at) >= Date.parse(earlier.at) ? later : earlier),
  sql: (rows) =>
    `INSERT INTO operations.queue_reading AS q (airport, queue, at, length, wait_seconds)
       SELECT airport, queue, at, length, "waitSeconds"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(airport varchar, queue varchar,
              at timestamptz, length int, "waitSeconds" int)
       ON CONFLICT (airport, queue) DO UPDATE
         SET at = excluded.at, length = excluded.length, wait_seconds = excluded.wait_seconds
         WHERE q.at <= excluded.at`,
};

/** A queue's worst in a quarter hour. */
export interface QueueQuarterRow {
  readonly airport: string;
  readonly quarter: string;
  readonly queue: string;
  readonly maxLength: number;
  readonly maxWaitSeconds: number;
}

export const QUEUE_QUARTERS: RowsStatement<QueueQuarterRow> = {
  table: 'operations.queue_quarter',
  key: (worst) => `${worst.airport} ${worst.quarter} ${worst.queue}`,
  merge: (earlier, later) => ({
    ...later,
    maxLength: Math.max(earlier.maxLength, later.maxLength),
    maxWaitSeconds: Math.max(earlier.maxWaitSeconds, later.maxWaitSeconds),
  }),
  sql: (rows) =>
    `INSERT INTO operations.queue_quarter AS w
         (airport, quarter, queue, max_length, max_wait_seconds)
       SELECT airport, quarter, queue, "maxLength", "maxWaitSeconds"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(airport varchar, quarter timestamptz,
              queue varchar, "maxLength" int, "maxWaitSeconds" int)
       ON CONFLICT (airport, quarter, queue) DO UPDATE
         SET max_length = GREATEST(w.max_length, excluded.max_length),
             max_wait_seconds = GREATEST(w.max_wait_seconds, excluded.max_wait_seconds)`,
};
