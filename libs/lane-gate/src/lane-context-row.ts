import { OUTAGES, type Outage } from '@biogate/domain';
import type { LanePass } from './lane-pass';
import type { LaneContext } from './lane-presentation';

/** The columns a gate's store selects for a lane context (see each gate's store). */
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
