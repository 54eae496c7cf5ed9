import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NO_EVENTS, type PendingEvents } from '@biogate/messaging';
import type { RowsStatement } from '@biogate/persistence';
import {
  laneContextOf,
  laneContextSql,
  presentationParameters,
  presentationWriteTail,
  recentGateAlerts,
  type GatePresentationRecord,
  type LaneContext,
  type LaneContextRow,
  type LanePass,
} from '@biogate/lane-gate';
import type { BoardingAlertKind, BoardingAlertView } from '../alerts/boarding-alert';

/** A flight from an airport: carrier, number, local date (YYYY-MM-DD) and origin. */
export interface FlightKey {
  readonly carrier: string;
  readonly flightNumber: string;
  readonly departureDate: string;
  readonly origin: string;
}

/** A flight's boarding, once opened: at which gate, open or closed, since when. */
export interface FlightBoarding extends FlightKey {
  readonly gate: string;
  readonly state: 'OPEN' | 'CLOSED';
  readonly changedAt: Date;
}

/** A pass issued for a flight, as its manifest lists it. */
export interface ManifestPass {
  readonly passengerId: string;
  readonly seat: string;
  readonly boarded: { readonly gate: string; readonly lane: string; readonly at: Date } | null;
  readonly securityCleared: boolean;
}

/** A pass at a boarding gate, with what the gate's own checks need (domain.md §5). */
export interface PassAtBoarding extends LanePass {
  readonly seat: string;
  /** Where and when this pass boarded, if it has. */
  readonly boarded: { readonly gate: string; readonly at: Date } | null;
  /** The flight's boarding, if opened. */
  readonly boarding: { readonly state: 'OPEN' | 'CLOSED'; readonly gate: string } | null;
  readonly securityCleared: boolean;
}

interface PassAtBoardingRow extends LaneContextRow {
  readonly seat: string;
  readonly boarded_gate: string | null;
  readonly boarded_at: Date | string | null;
  readonly boarding_state: 'OPEN' | 'CLOSED' | null;
  readonly boarding_gate: string | null;
  readonly security_cleared: boolean;
}

/** A presentation at a boarding gate as it is kept: at which gate, besides what every gate keeps. */
export interface BoardingPresentationRecord extends GatePresentationRecord<BoardingAlertKind> {
  readonly gate: string;
}

/**
 * The boarding gate's SQL on its hot path: one statement reads what a gate needs about a pass,
 * one writes what a presentation leaves (the log row, the boarded row, the audit of the template
 * read, the alert), with no transaction around them (`UnitOfWork.singleWrite`). Two boardings of
 * one pass at once: the boarded row's key lets one win, and the unit of work runs the other
 * again, which then sees it.
 */
@Injectable()
export class BoardingStore {
  /** Whether the flight was booked from its airport (only such a flight boards there). */
  async isScheduled(em: EntityManager, flight: FlightKey): Promise<boolean> {
    const [row] = await em.query<{ scheduled: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM boarding.scheduled_flight
                       WHERE carrier = $1 AND flight_number = $2
                         AND departure_date = $3 AND origin = $4) AS scheduled`,
      keyParameters(flight),
    );
    return row?.scheduled === true;
  }

  /** The flight's boarding, if it was ever opened. */
  async flightBoarding(em: EntityManager, flight: FlightKey): Promise<FlightBoarding | null> {
    const [row] = await em.query<{ gate: string; state: 'OPEN' | 'CLOSED'; changed_at: Date }[]>(
      `SELECT gate, state, changed_at FROM boarding.flight_boarding
        WHERE carrier = $1 AND flight_number = $2 AND departure_date = $3 AND origin = $4`,
      keyParameters(flight),
    );
    return row === undefined
      ? null
      : { ...flight, gate: row.gate, state: row.state, changedAt: new Date(row.changed_at) };
  }

  async saveFlightBoarding(em: EntityManager, boarding: FlightBoarding): Promise<void> {
    await em.query(
      `INSERT INTO boarding.flight_boarding
         (carrier, flight_number, departure_date, origin, gate, state, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (carrier, flight_number, departure_date, origin)
       DO UPDATE SET gate = excluded.gate, state = excluded.state, changed_at = excluded.changed_at`,
      [...keyParameters(boarding), boarding.gate, boarding.state, boarding.changedAt],
    );
  }

  /** The passes issued for the flight by seat, each with its boarding and security clearance. */
  async manifestPasses(em: EntityManager, flight: FlightKey): Promise<ManifestPass[]> {
    const rows = await em.query<
      {
        passenger_id: string;
        seat: string;
        gate: string | null;
        lane: string | null;
        boarded_at: Date | null;
        security_cleared: boolean;
      }[]
    >(
      `SELECT p.passenger_id, p.seat, b.gate, b.lane, b.boarded_at,
              EXISTS (SELECT 1 FROM boarding.security_clearance c
                       WHERE c.passenger_id = p.passenger_id AND c.flight_id = p.flight_id)
                AS security_cleared
         FROM boarding.boarding_pass p
         LEFT JOIN boarding.boarded b ON b.passenger_id = p.passenger_id
        WHERE p.carrier = $1 AND p.flight_number = $2 AND p.departure_date = $3 AND p.origin = $4
        ORDER BY p.seat`,
      keyParameters(flight),
    );
    return rows.map((row) => ({
      passengerId: row.passenger_id,
      seat: row.seat,
      boarded:
        row.gate === null || row.lane === null || row.boarded_at === null
          ? null
          : { gate: row.gate, lane: row.lane, at: new Date(row.boarded_at) },
      securityCleared: row.security_cleared,
    }));
  }

  /** The boarding alerts of an airport, newest first (those of one instant in the order raised). */
  recentAlerts(em: EntityManager, airport: string, limit: number): Promise<BoardingAlertView[]> {
    return recentGateAlerts(em, 'boarding', airport, limit);
  }

  async laneContext(
    em: EntityManager,
    bcbp: string,
    airport: string,
  ): Promise<LaneContext<PassAtBoarding> | null> {
    const [row] = await em.query<PassAtBoardingRow[]>(
      laneContextSql('boarding', {
        columns: `p.seat, b.gate AS boarded_gate, b.boarded_at,
              f.state AS boarding_state, f.gate AS boarding_gate,
              c.passenger_id IS NOT NULL AS security_cleared`,
        joins: `LEFT JOIN boarding.boarded b ON b.passenger_id = p.passenger_id
         LEFT JOIN boarding.flight_boarding f
           ON (f.carrier, f.flight_number, f.departure_date, f.origin)
            = (p.carrier, p.flight_number, p.departure_date, p.origin)
         LEFT JOIN boarding.security_clearance c
           ON c.passenger_id = p.passenger_id AND c.flight_id = p.flight_id`,
      }),
      [bcbp, airport],
    );
    if (row === undefined) return null;
    return laneContextOf<PassAtBoarding>(row, {
      seat: row.seat,
      boarded:
        row.boarded_gate === null || row.boarded_at === null
          ? null
          : { gate: row.boarded_gate, at: new Date(row.boarded_at) },
      boarding:
        row.boarding_state === null || row.boarding_gate === null
          ? null
          : { state: row.boarding_state, gate: row.boarding_gate },
      securityCleared: row.security_cleared,
    });
  }

  /** Writes the presentation, what it caused (its alert too) and its events in one statement. */
  async recordPresentation(
    em: EntityManager,
    record: BoardingPresentationRecord,
    events: PendingEvents = NO_EVENTS,
  ): Promise<void> {
    const parameters = [...presentationParameters(randomUUID(), record), record.gate];
    const outbox = events(parameters.length + 1);
    await em.query(
      `WITH presentation AS (
         INSERT INTO boarding.presentation (id, airport, gate, lane, at, passenger_id, decision)
         VALUES ($1, $2, $15, $3, $4, $5, $7)
       ), boarded AS (
         INSERT INTO boarding.boarded (passenger_id, flight_id, gate, lane, boarded_at)
         SELECT $5::uuid, $6::uuid, $15::varchar, $3::varchar, $4::timestamptz WHERE $8::boolean
       ), ${presentationWriteTail('boarding', '$15', outbox?.sql)}`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
  }
}

/** A security clearance learnt from the security gate (the latest one counts). */
export interface SecurityClearance {
  readonly passengerId: string;
  readonly flightId: string;
  readonly clearedAt: Date;
}

/** A flight booked, as check-in announces it (its facts never change). */
export interface ScheduledFlight {
  readonly flightId: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly origin: string;
}

/** The clearances learnt, written a batch at a time (`DeferredRows`). */
export const SECURITY_CLEARANCES: RowsStatement<SecurityClearance> = {
  table: 'boarding.security_clearance',
  key: (clearance) => `${clearance.passengerId} ${clearance.flightId}`,
  sql: (rows) =>
    `INSERT INTO boarding.security_clearance (passenger_id, flight_id, cleared_at)
       SELECT "passengerId", "flightId", "clearedAt"
         FROM jsonb_to_recordset(${rows}::jsonb)
              AS clearance("passengerId" uuid, "flightId" uuid, "clearedAt" timestamptz)
       ON CONFLICT (passenger_id, flight_id) DO UPDATE SET cleared_at = excluded.cleared_at`,
};

/** The flights booked, written a batch at a time (`DeferredRows`). */
export const SCHEDULED_FLIGHTS: RowsStatement<ScheduledFlight> = {
  table: 'boarding.scheduled_flight',
  key: (flight) => flight.flightId,
  // DO NOTHING takes no lock on a flight already known, so the batches of other partitions
  // booking the same flight do not wait for this one.
  sql: (rows) =>
    `INSERT INTO boarding.scheduled_flight
         (flight_id, carrier, flight_number, departure_date, origin)
       SELECT "flightId", carrier, number, date, origin
         FROM jsonb_to_recordset(${rows}::jsonb) AS flight(
              "flightId" uuid, carrier varchar, number varchar, date date, origin varchar)
       ON CONFLICT DO NOTHING`,
};

function keyParameters(flight: FlightKey): string[] {
  return [flight.carrier, flight.flightNumber, flight.departureDate, flight.origin];
}
