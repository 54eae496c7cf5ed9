import { OUTAGES, type Outage } from '@biogate/domain';
import type { LanePass } from './lane-pass';
import type { LaneContext } from './lane-presentation';
import type { GateSchema } from './gate-read-model';

/** The columns `laneContextSql` selects. */
export interface LaneContextRow {
  readonly passenger_id: string;
  readonly flight_id: string;
  readonly carrier: string;
  readonly flight_number: string;
  /** `to_char(…, 'YYYY-MM-DD')`: drivers turn a SQL date into a local-time Date otherwise. */
  readonly departure_date: string;
  readonly origin: string;
  readonly destination: string;
  readonly departure_at: Date | string;
  readonly international: boolean;
  readonly template_id: string | null;
  readonly sealed: object | null;
  readonly outages: readonly string[];
}

/**
 * What a lane needs about a pass, in one query: the pass with this BCBP (`$1`), its flight's
 * gallery entry for the holder, and the outages at the airport (`$2`). A gate adds its own
 * columns and joins over the pass `p` (the boarding gate: its boarded row, the flight's boarding,
 * the security clearance).
 */
export function laneContextSql(
  schema: GateSchema,
  own: { readonly columns?: string; readonly joins?: string } = {},
): string {
  return `SELECT p.passenger_id, p.flight_id, p.carrier, p.flight_number,
              to_char(p.departure_date, 'YYYY-MM-DD') AS departure_date, p.origin, p.destination,
              p.departure_at, p.international, g.template_id, g.sealed,
              ARRAY(SELECT o.outage FROM ${schema}.airport_outage o
                     WHERE o.airport = $2 ORDER BY o.outage) AS outages${own.columns === undefined ? '' : `,\n              ${own.columns}`}
         FROM ${schema}.boarding_pass p
         LEFT JOIN ${schema}.gallery_entry g
           ON g.passenger_id = p.passenger_id AND g.flight_id = p.flight_id${own.joins === undefined ? '' : `\n         ${own.joins}`}
        WHERE p.bcbp = $1`;
}

/** The lane context of a row, with the gate's own fields of the pass added by `extra`. */
export function laneContextOf<P extends LanePass = LanePass>(
  row: LaneContextRow,
  extra: Omit<P, keyof LanePass> = {} as Omit<P, keyof LanePass>,
): LaneContext<P> {
  const pass = {
    passengerId: row.passenger_id,
    flightId: row.flight_id,
    carrier: row.carrier,
    flightNumber: row.flight_number,
    departureDate: row.departure_date,
    origin: row.origin,
    destination: row.destination,
    departureAt: new Date(row.departure_at),
    international: row.international,
    ...extra,
  } as P;
  return {
    pass,
    galleryEntry:
      row.template_id === null || row.sealed === null
        ? null
        : { templateId: row.template_id, flightId: row.flight_id, sealed: row.sealed },
    outages: row.outages.filter((o): o is Outage => (OUTAGES as readonly string[]).includes(o)),
  };
}
