import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NO_EVENTS, type PendingEvents } from '@biogate/messaging';
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
import type { SecurityAlertKind, SecurityAlertView } from '../alerts/security-alert';

/**
 * The security gate's SQL (the read model of passes and galleries is libs/lane-gate's): one
 * statement reads what a lane needs about a pass, one writes what a presentation leaves (the log
 * row, the clearance, the audit of the template read, the alert, the events), with no
 * transaction around them (`UnitOfWork.singleWrite`).
 */
@Injectable()
export class SecurityStore {
  /** The alerts of an airport, newest first (alerts of one instant in the order raised). */
  recentAlerts(em: EntityManager, airport: string, limit: number): Promise<SecurityAlertView[]> {
    return recentGateAlerts(em, 'security', airport, limit);
  }

  /** The pass with this BCBP, its flight's gallery entry for the holder, and the outages. */
  async laneContext(
    em: EntityManager,
    bcbp: string,
    airport: string,
  ): Promise<LaneContext<LanePass> | null> {
    const [row] = await em.query<LaneContextRow[]>(laneContextSql('security'), [bcbp, airport]);
    return row === undefined ? null : laneContextOf(row);
  }

  /** Writes the presentation, what it caused (its alert too) and its events in one statement. */
  async recordPresentation(
    em: EntityManager,
    record: GatePresentationRecord<SecurityAlertKind>,
    events: PendingEvents = NO_EVENTS,
  ): Promise<void> {
    const parameters = presentationParameters(randomUUID(), record);
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
       ), ${presentationWriteTail('security', '$3', outbox?.sql)}`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
  }
}
