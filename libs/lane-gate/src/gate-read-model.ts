import type { EntityManager } from 'typeorm';
import type { RowsStatement } from '@biogate/persistence';
import type { CheckInDecidedPayloadDto, GalleryEntryStagedPayloadDto } from '@biogate/contracts';
import type { LanePass } from './lane-pass';

/**
 * What both gates learn from check-in's events and keep in tables of the same shape in their
 * own schemas (`boarding_pass`, `gallery_entry`): the passes issued and the sealed gallery of
 * each flight. One place writes them; a redelivered event writes the same row again.
 */

/** Schemas are written into SQL: only these. */
export type GateSchema = 'security' | 'boarding';

/** The boarding pass a check-in issued, as a lane looks it up by its BCBP. */
export interface IssuedPass extends LanePass {
  readonly bcbp: string;
  readonly seat: string;
  readonly issuedAt: Date;
}

/** A passenger's sealed template staged for one flight's gates. */
export interface StagedGalleryEntry {
  readonly passengerId: string;
  readonly flightId: string;
  readonly templateId: string;
  readonly sealed: object;
  readonly departureAt: Date;
  readonly stagedAt: Date;
}

/** The pass of an allowed check-in; none when the check-in was refused. */
export function issuedPassOf({
  passengerId,
  flight,
  boardingPass,
  at,
}: CheckInDecidedPayloadDto): IssuedPass | undefined {
  if (boardingPass === undefined) return undefined;
  return {
    passengerId,
    bcbp: boardingPass.bcbp,
    flightId: flight.flightId,
    carrier: flight.carrier,
    flightNumber: flight.number,
    departureDate: flight.date,
    origin: flight.origin,
    destination: flight.destination,
    departureAt: new Date(flight.departureAt),
    international: flight.international,
    seat: boardingPass.seat,
    issuedAt: new Date(at),
  };
}

export function galleryEntryOf(
  entry: GalleryEntryStagedPayloadDto,
  stagedAt: string,
): StagedGalleryEntry {
  return {
    passengerId: entry.passengerId,
    flightId: entry.flight.flightId,
    templateId: entry.templateId,
    sealed: entry.sealed,
    departureAt: new Date(entry.flight.departureAt),
    stagedAt: new Date(stagedAt),
  };
}

function issuedPassesIn(schema: GateSchema): RowsStatement<IssuedPass> {
  return {
    table: `${schema}.boarding_pass`,
    key: (pass) => pass.passengerId,
    sql: (rows) =>
      `INSERT INTO ${schema}.boarding_pass
           (passenger_id, bcbp, flight_id, carrier, flight_number, departure_date, origin,
            destination, departure_at, international, seat, issued_at)
         SELECT "passengerId", bcbp, "flightId", carrier, "flightNumber", "departureDate",
                origin, destination, "departureAt", international, seat, "issuedAt"
           FROM jsonb_to_recordset(${rows}::jsonb) AS pass(
                "passengerId" uuid, bcbp varchar, "flightId" uuid, carrier varchar,
                "flightNumber" varchar, "departureDate" date, origin varchar,
                destination varchar, "departureAt" timestamptz, international boolean,
                seat varchar, "issuedAt" timestamptz)
         ON CONFLICT (passenger_id) DO UPDATE SET
           bcbp = excluded.bcbp, flight_id = excluded.flight_id, carrier = excluded.carrier,
           flight_number = excluded.flight_number, departure_date = excluded.departure_date,
           origin = excluded.origin, destination = excluded.destination,
           departure_at = excluded.departure_at, international = excluded.international,
           seat = excluded.seat, issued_at = excluded.issued_at`,
  };
}

function stagedGalleryEntriesIn(schema: GateSchema): RowsStatement<StagedGalleryEntry> {
  return {
    table: `${schema}.gallery_entry`,
    key: (entry) => `${entry.passengerId} ${entry.flightId}`,
    sql: (rows) =>
      `INSERT INTO ${schema}.gallery_entry
           (passenger_id, flight_id, template_id, sealed, departure_at, staged_at)
         SELECT "passengerId", "flightId", "templateId", sealed, "departureAt", "stagedAt"
           FROM jsonb_to_recordset(${rows}::jsonb) AS entry(
                "passengerId" uuid, "flightId" uuid, "templateId" uuid, sealed jsonb,
                "departureAt" timestamptz, "stagedAt" timestamptz)
         ON CONFLICT (passenger_id, flight_id) DO UPDATE SET
           template_id = excluded.template_id, sealed = excluded.sealed,
           departure_at = excluded.departure_at, staged_at = excluded.staged_at`,
  };
}

/**
 * The passes issued, one row per passenger (a later pass replaces the earlier one). One
 * statement per schema: `DeferredRows` gathers rows by statement.
 */
export const ISSUED_PASSES: Readonly<Record<GateSchema, RowsStatement<IssuedPass>>> = {
  security: issuedPassesIn('security'),
  boarding: issuedPassesIn('boarding'),
};

/** The gallery entries staged, one row per passenger and flight (a later one replaces it). */
export const STAGED_GALLERY_ENTRIES: Readonly<
  Record<GateSchema, RowsStatement<StagedGalleryEntry>>
> = {
  security: stagedGalleryEntriesIn('security'),
  boarding: stagedGalleryEntriesIn('boarding'),
};

/** A template deleted at check-in (consent withdrawn, retention): its gallery entries go. */
export async function forgetTemplate(
  em: EntityManager,
  schema: GateSchema,
  templateId: string,
): Promise<void> {
  await em.query(`DELETE FROM ${schema}.gallery_entry WHERE template_id = $1`, [templateId]);
}
