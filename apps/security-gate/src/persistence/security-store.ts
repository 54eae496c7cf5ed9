import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StepDecision } from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import { NO_EVENTS, type PendingEvents } from '@biogate/messaging';
import {
  laneContextOf,
  type LaneContext,
  type LaneContextRow,
  type LanePass,
  type RaisedAlert,
  type TemplateAccess,
} from '@biogate/lane-gate';
import type { SecurityAlertKind } from '../alerts/security-alert';
import { SecurityAlertRow } from './security.entities';

/** A presentation at a security lane as it is kept: the decision, and what it caused. */
export interface SecurityPresentationRecord {
  readonly airport: string;
  readonly lane: Lane;
  readonly at: Date;
  readonly pass: LanePass | undefined;
  readonly decision: StepDecision;
  readonly cleared: boolean;
  readonly alert: RaisedAlert<SecurityAlertKind> | undefined;
  readonly templateAccess: TemplateAccess | undefined;
}

/**
 * The security gate's SQL on its hot path: one statement reads what a lane needs about a pass,
 * one writes what a presentation leaves (the log row, the clearance, the audit of the template
 * read, the alert, the events), in the caller's transaction.
 */
@Injectable()
export class SecurityStore {
  /** The alerts of an airport, newest first (alerts of one instant in the order raised). */
  recentAlerts(em: EntityManager, airport: string, limit: number): Promise<SecurityAlertRow[]> {
    return em.find(SecurityAlertRow, {
      where: { airport },
      order: { raisedAt: 'DESC', seq: 'DESC' },
      take: limit,
    });
  }

  /** The pass with this BCBP, its flight's gallery entry for the holder, and the outages. */
  async laneContext(
    em: EntityManager,
    bcbp: string,
    airport: string,
  ): Promise<LaneContext<LanePass> | null> {
    const [row] = await em.query<LaneContextRow[]>(
      `SELECT p.passenger_id, p.flight_id, p.carrier, p.flight_number,
              to_char(p.departure_date, 'YYYY-MM-DD') AS departure_date, p.origin, p.destination,
              p.departure_at, p.international, g.template_id, g.sealed,
              ARRAY(SELECT o.outage FROM security.airport_outage o
                     WHERE o.airport = $2 ORDER BY o.outage) AS outages
         FROM security.boarding_pass p
         LEFT JOIN security.gallery_entry g
           ON g.passenger_id = p.passenger_id AND g.flight_id = p.flight_id
        WHERE p.bcbp = $1`,
      [bcbp, airport],
    );
    return row === undefined ? null : laneContextOf(row);
  }

  /** Writes the presentation, what it caused (its alert too) and its events in one statement. */
  async recordPresentation(
    em: EntityManager,
    record: SecurityPresentationRecord,
    events: PendingEvents = NO_EVENTS,
  ): Promise<void> {
    const parameters = [
      randomUUID(),
      record.airport,
      record.lane,
      record.at,
      record.pass?.passengerId ?? null,
      record.pass?.flightId ?? null,
      JSON.stringify(record.decision),
      record.cleared,
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
         INSERT INTO security.presentation (id, airport, lane, at, passenger_id, flight_id, decision)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       ), clearance AS (
         INSERT INTO security.clearance (passenger_id, flight_id, lane, cleared_at)
         SELECT $5::uuid, $6::uuid, $3::varchar, $4::timestamptz WHERE $8::boolean
         ON CONFLICT (passenger_id, flight_id)
         DO UPDATE SET lane = excluded.lane, cleared_at = excluded.cleared_at
       ), template_access AS (
         INSERT INTO security.template_access (template_id, accessor, touchpoint, purpose, accessed_at)
         SELECT $9::uuid, $10::varchar, 'SECURITY', $11::varchar, $4::timestamptz
          WHERE $9::uuid IS NOT NULL
       )${outbox === undefined ? '' : `, events AS (${outbox.sql})`}
       INSERT INTO security.alert (id, airport, kind, lane, raised_at, passenger_id, detail)
       SELECT $12::uuid, $2::varchar, $13::varchar, $3::varchar, $4::timestamptz, $5::uuid, $14::text
        WHERE $12::uuid IS NOT NULL`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
  }
}
