import type { StepDecision } from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import { ALERT_PLACE } from './gate-alerts.query';
import type { GateSchema } from './gate-read-model';
import type { LanePass } from './lane-pass';
import type { TemplateAccess } from './gallery-template';
import type { RaisedAlert } from './lane-alert-raised';

/** A presentation at a gate's lane as its store keeps it: the decision, and what it caused. */
export interface GatePresentationRecord<K extends string> {
  readonly airport: string;
  readonly lane: Lane;
  readonly at: Date;
  readonly pass: LanePass | undefined;
  readonly decision: StepDecision;
  /** Security cleared the passenger; boarding boarded them. */
  readonly allowed: boolean;
  readonly alert: RaisedAlert<K> | undefined;
  readonly templateAccess: TemplateAccess | undefined;
}

const TOUCHPOINT = { security: 'SECURITY', boarding: 'BOARDING' } as const;

/**
 * The parameters of a presentation's write that both gates share, in this order, so that their
 * SQL names them alike: $1 the presentation's id, $2 airport, $3 lane, $4 at, $5 passenger,
 * $6 flight, $7 decision, $8 allowed, $9-$11 the template read (template, accessor, purpose),
 * $12-$14 the alert (id, kind, detail). A gate's own parameters follow from $15.
 */
export function presentationParameters<K extends string>(
  presentationId: string,
  record: GatePresentationRecord<K>,
): unknown[] {
  return [
    presentationId,
    record.airport,
    record.lane,
    record.at,
    record.pass?.passengerId ?? null,
    record.pass?.flightId ?? null,
    JSON.stringify(record.decision),
    record.allowed,
    record.templateAccess?.templateId ?? null,
    record.templateAccess?.accessor ?? null,
    record.templateAccess?.purpose ?? null,
    record.alert?.alertId ?? null,
    record.alert?.kind ?? null,
    record.alert?.detail ?? null,
  ];
}

/**
 * How both gates' presentation writes end, after their own CTEs: the audit of the template read,
 * the events (`eventsSql`, the outbox's CTE, when there are any) and the alert, raised where the
 * gate raises them (`placeParameter`: security's lane, boarding's gate).
 */
export function presentationWriteTail(
  schema: GateSchema,
  placeParameter: string,
  eventsSql: string | undefined,
): string {
  return `template_access AS (
         INSERT INTO ${schema}.template_access (template_id, accessor, touchpoint, purpose, accessed_at)
         SELECT $9::uuid, $10::varchar, '${TOUCHPOINT[schema]}', $11::varchar, $4::timestamptz
          WHERE $9::uuid IS NOT NULL
       )${eventsSql === undefined ? '' : `, events AS (${eventsSql})`}
       INSERT INTO ${schema}.alert (id, airport, kind, ${ALERT_PLACE[schema]}, raised_at, passenger_id, detail)
       SELECT $12::uuid, $2::varchar, $13::varchar, ${placeParameter}::varchar, $4::timestamptz,
              $5::uuid, $14::text
        WHERE $12::uuid IS NOT NULL`;
}
