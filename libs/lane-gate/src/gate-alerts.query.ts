import { IsString, Matches } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { expected, OptionalField } from '@biogate/contracts';
import type { GateSchema } from './gate-read-model';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** `?airport=SGN&limit=50`: the alerts of one airport, newest first. */
export class AirportAlertsQueryDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport'))
  @IsString(expected('the 3-letter IATA code of the airport'))
  airport!: string;

  /** Query strings are text: an integer from 1 to 1000; 100 when left out. */
  @OptionalField()
  @Matches(/^(?:[1-9]\d{0,2}|1000)$/, expected('a number of alerts from 1 to 1000'))
  @IsString(expected('a number of alerts from 1 to 1000'))
  limit?: string;
}

export function alertLimit(text: string | undefined): number {
  return text === undefined ? 100 : Number(text);
}

/** Where each gate raises its alerts: at a security lane, at a boarding gate. */
export const ALERT_PLACE = { security: 'lane', boarding: 'gate' } as const;

/** An alert as operators read it; `lane` at security, `gate` at boarding. */
export type GateAlertView<S extends GateSchema, K extends string> = {
  readonly alertId: string;
  readonly airport: string;
  readonly kind: K;
  readonly raisedAt: string;
  readonly passengerId?: string;
  readonly detail: string;
} & { readonly [place in (typeof ALERT_PLACE)[S]]: string };

interface GateAlertRow {
  readonly id: string;
  readonly airport: string;
  readonly kind: string;
  readonly place: string;
  readonly raised_at: Date | string;
  readonly passenger_id: string | null;
  readonly detail: string;
}

/** The alerts of an airport at a gate, newest first (those of one instant in the order raised). */
export async function recentGateAlerts<S extends GateSchema, K extends string>(
  em: EntityManager,
  schema: S,
  airport: string,
  limit: number,
): Promise<GateAlertView<S, K>[]> {
  const place = ALERT_PLACE[schema];
  const rows = await em.query<GateAlertRow[]>(
    `SELECT id, airport, kind, ${place} AS place, raised_at, passenger_id, detail
       FROM ${schema}.alert WHERE airport = $1
      ORDER BY raised_at DESC, seq DESC LIMIT $2`,
    [airport, limit],
  );
  return rows.map(
    (row) =>
      ({
        alertId: row.id,
        airport: row.airport,
        kind: row.kind as K,
        [place]: row.place,
        raisedAt: new Date(row.raised_at).toISOString(),
        ...(row.passenger_id === null ? {} : { passengerId: row.passenger_id }),
        detail: row.detail,
      }) as GateAlertView<S, K>,
  );
}
