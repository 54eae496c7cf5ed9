import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { NO_EVENTS, type PendingEvents } from '@biogate/messaging';
import type { StepDecision } from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import {
  laneContextOf,
  type LaneContext,
  type LaneContextRow,
  type LanePass,
  type RaisedAlert,
  type TemplateAccess,
} from '@biogate/lane-gate';
import type { BoardingAlertKind } from '../alerts/boarding-alert';
import {
  BoardedRow,
  BoardingAlertRow,
  BoardingPassRow,
  FlightBoardingRow,
  ScheduledFlightRow,
  SecurityClearanceRow,
} from './boarding.entities';

/** A flight from an airport: carrier, number, local date and origin. */
export type FlightKey = Pick<
  FlightBoardingRow,
  'carrier' | 'flightNumber' | 'departureDate' | 'origin'
>;

/** What a flight's manifest is made of. */
export interface FlightManifestRows {
  /** The passes issued for the flight, by seat. */
  readonly passes: BoardingPassRow[];
  readonly boarded: BoardedRow[];
  readonly cleared: SecurityClearanceRow[];
  readonly boarding: FlightBoardingRow | null;
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

/** A presentation at a boarding gate as it is kept: the decision, and what it caused. */
export interface BoardingPresentationRecord {
  readonly airport: string;
  readonly gate: string;
  readonly lane: Lane;
  readonly at: Date;
  readonly pass: LanePass | undefined;
  readonly decision: StepDecision;
  readonly boarded: boolean;
  readonly alert: RaisedAlert<BoardingAlertKind> | undefined;
  readonly templateAccess: TemplateAccess | undefined;
}

/**
 * The boarding gate's SQL on its hot path: one statement reads what a gate needs about a pass,
 * one writes what a presentation leaves (the log row, the boarded row, the audit of the template
 * read, the alert), in the caller's transaction. Two boardings of one pass at once: the boarded
 * row's key lets one win, and the unit of work runs the other again, which then sees it.
 */
@Injectable()
export class BoardingStore {
  /** Whether the flight was booked from its airport (only such a flight boards there). */
  isScheduled(em: EntityManager, flight: FlightKey): Promise<boolean> {
    return em.existsBy(ScheduledFlightRow, { ...flight });
  }

  /** The flight's boarding, if it was ever opened. */
  flightBoarding(em: EntityManager, flight: FlightKey): Promise<FlightBoardingRow | null> {
    return em.findOneBy(FlightBoardingRow, { ...flight });
  }

  async saveFlightBoarding(em: EntityManager, boarding: FlightBoardingRow): Promise<void> {
    await em.upsert(FlightBoardingRow, boarding, [
      'carrier',
      'flightNumber',
      'departureDate',
      'origin',
    ]);
  }

  async flightManifest(em: EntityManager, flight: FlightKey): Promise<FlightManifestRows> {
    const passes = await em.find(BoardingPassRow, { where: { ...flight }, order: { seat: 'ASC' } });
    const ids = passes.map((p) => p.passengerId);
    const boarded = ids.length === 0 ? [] : await em.findBy(BoardedRow, { passengerId: In(ids) });
    const cleared =
      ids.length === 0 ? [] : await em.findBy(SecurityClearanceRow, { passengerId: In(ids) });
    return { passes, boarded, cleared, boarding: await this.flightBoarding(em, flight) };
  }

  /** The boarding alerts of an airport, newest first (those of one instant in the order raised). */
  recentAlerts(em: EntityManager, airport: string, limit: number): Promise<BoardingAlertRow[]> {
    return em.find(BoardingAlertRow, {
      where: { airport },
      order: { raisedAt: 'DESC', seq: 'DESC' },
      take: limit,
    });
  }

  /** A security clearance learnt from the security gate (the latest one counts). */
  async recordClearance(
    em: EntityManager,
    clearance: { passengerId: string; flightId: string; clearedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO boarding.security_clearance (passenger_id, flight_id, cleared_at)
       VALUES ($1, $2, $3)
       ON CONFLICT (passenger_id, flight_id) DO UPDATE SET cleared_at = excluded.cleared_at`,
      [clearance.passengerId, clearance.flightId, clearance.clearedAt],
    );
  }

  /** A flight booked (its facts never change). */
  async recordScheduledFlight(
    em: EntityManager,
    flight: { flightId: string; carrier: string; number: string; date: string; origin: string },
  ): Promise<void> {
    // DO NOTHING takes no lock on a flight already known, so the batches of other partitions
    // booking the same flight do not wait for this one.
    await em.query(
      `INSERT INTO boarding.scheduled_flight
         (flight_id, carrier, flight_number, departure_date, origin)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [flight.flightId, flight.carrier, flight.number, flight.date, flight.origin],
    );
  }

  async laneContext(
    em: EntityManager,
    bcbp: string,
    airport: string,
  ): Promise<LaneContext<PassAtBoarding> | null> {
    const [row] = await em.query<PassAtBoardingRow[]>(
      `SELECT p.passenger_id, p.flight_id, p.carrier, p.flight_number,
              to_char(p.departure_date, 'YYYY-MM-DD') AS departure_date, p.origin, p.destination,
              p.departure_at, p.international, p.seat, g.template_id, g.sealed,
              ARRAY(SELECT o.outage FROM boarding.airport_outage o
                     WHERE o.airport = $2 ORDER BY o.outage) AS outages,
              b.gate AS boarded_gate, b.boarded_at,
              f.state AS boarding_state, f.gate AS boarding_gate,
              c.passenger_id IS NOT NULL AS security_cleared
         FROM boarding.boarding_pass p
         LEFT JOIN boarding.gallery_entry g
           ON g.passenger_id = p.passenger_id AND g.flight_id = p.flight_id
         LEFT JOIN boarding.boarded b ON b.passenger_id = p.passenger_id
         LEFT JOIN boarding.flight_boarding f
           ON (f.carrier, f.flight_number, f.departure_date, f.origin)
            = (p.carrier, p.flight_number, p.departure_date, p.origin)
         LEFT JOIN boarding.security_clearance c
           ON c.passenger_id = p.passenger_id AND c.flight_id = p.flight_id
        WHERE p.bcbp = $1`,
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
    const parameters = [
      randomUUID(),
      record.airport,
      record.gate,
      record.lane,
      record.at,
      record.pass?.passengerId ?? null,
      JSON.stringify(record.decision),
      record.pass?.flightId ?? null,
      record.boarded,
      record.templateAccess?.templateId ?? null,
      record.templateAccess?.accessor ?? null,
      record.templateAccess?.purpose ?? null,
      record.alert?.alertId ?? null,
      record.alert?.kind ?? null,
      record.alert?.detail ?? null,
    ];
    const outbox = events(parameters.length + 1);
    await em.query(
      `WITH presentation AS (
         INSERT INTO boarding.presentation (id, airport, gate, lane, at, passenger_id, decision)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       ), boarded AS (
         INSERT INTO boarding.boarded (passenger_id, flight_id, gate, lane, boarded_at)
         SELECT $6::uuid, $8::uuid, $3::varchar, $4::varchar, $5::timestamptz WHERE $9::boolean
       ), template_access AS (
         INSERT INTO boarding.template_access (template_id, accessor, touchpoint, purpose, accessed_at)
         SELECT $10::uuid, $11::varchar, 'BOARDING', $12::varchar, $5::timestamptz
          WHERE $10::uuid IS NOT NULL
       )${outbox === undefined ? '' : `, events AS (${outbox.sql})`}
       INSERT INTO boarding.alert (id, airport, kind, gate, raised_at, passenger_id, detail)
       SELECT $13::uuid, $2::varchar, $14::varchar, $3::varchar, $5::timestamptz, $6::uuid, $15::text
        WHERE $13::uuid IS NOT NULL`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
  }
}
