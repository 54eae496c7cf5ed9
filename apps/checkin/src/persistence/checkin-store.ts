import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NATIONAL_EID_TYPES, type Outage } from '@biogate/domain';
import { knownOutages } from '@biogate/airport-outages';
import type { StepDecision } from '@biogate/contracts';
import { NO_EVENTS, type PendingEvents } from '@biogate/messaging';
import { abandonedAs, type RowsStatement } from '@biogate/persistence';
import type { TemplateRead } from '../enrolment/enrolled-template.reader';
import {
  BookedPassengerRow,
  BookingRow,
  EnrolmentRow,
  FlightRow,
  JourneyStepRow,
  type CheckInRow,
} from './checkin.entities';

/** A booked passenger with what every use case on them asks next. */
export interface BookedPassengerRecord {
  readonly passenger: BookedPassengerRow;
  readonly booking: BookingRow;
  readonly flight: FlightRow;
  /**
   * The person's enrolment, if their document is a national eID and they enrolled (through this
   * booking or another: enrolment belongs to the personal ID number, so it serves all bookings).
   */
  readonly enrolment: EnrolmentRow | null;
  /** The check-in that issued this passenger's boarding pass, if any. */
  readonly checkIn: CheckInRow | null;
  /** The outages in force at the departure airport. */
  readonly outages: readonly Outage[];
  /** How many passengers had checked in on the flight when this was read. */
  readonly checkInsOnFlight: number;
}

/**
 * A check-in's sequence number that another check-in on the flight took between the read and
 * the write: nothing of the attempt was written.
 */
export class CheckInSequenceTaken extends Error {
  constructor(flightId: string, sequence: number) {
    super(`check-in sequence ${sequence} of flight ${flightId} was taken`);
  }
}

/** What `checkin.abandon_statement` raises for each condition a one-statement change checks. */
const BOOKING_EXISTS = 'BG001';
const SEQUENCE_TAKEN = 'BG002';

/** A flight's columns as `FlightSqlColumns` names them. */
const FLIGHT_COLUMNS = `id AS flight_id, carrier, flight_number,
  to_char(departure_date, 'YYYY-MM-DD') AS departure_date, origin, destination, departure_at,
  international`;

interface FlightSqlColumns {
  readonly flight_id: string;
  readonly carrier: string;
  readonly flight_number: string;
  readonly departure_date: string;
  readonly origin: string;
  readonly destination: string;
  readonly departure_at: Date | string;
  readonly international: boolean;
}

interface BookedPassengerSqlRow extends FlightSqlColumns {
  readonly id: string;
  readonly booking_id: string;
  readonly position: number;
  readonly surname: string;
  readonly given_name: string;
  readonly birth_date: string | null;
  readonly document_type: string;
  readonly document_number: string;
  readonly document_expires_on: string | null;
  readonly checked_bags: number;
  readonly ssr: string[];
  readonly purchase_channel: BookedPassengerRow['purchaseChannel'];
  readonly identity_consent_at: Date | string | null;
  readonly pnr: string;
  readonly booking_carrier: string;
  readonly booking_created_at: Date | string;
  readonly enrolment_id: string | null;
  readonly enrolment_passenger_id: string | null;
  readonly enrolment_channel: string | null;
  readonly consent_at: Date | string | null;
  readonly enrolled_at: Date | string | null;
  readonly template_id: string | null;
  readonly template_ciphertext: Uint8Array | null;
  readonly template_iv: Uint8Array | null;
  readonly template_tag: Uint8Array | null;
  readonly check_in_id: string | null;
  readonly check_in_channel: string | null;
  readonly sequence: number | null;
  readonly seat: string | null;
  readonly boarding_pass: string | null;
  readonly checked_in_at: Date | string | null;
  readonly outages: string[];
  readonly checked_in: number;
}

/**
 * Check-in's SQL on its hot paths, where the query builder cost a statement per table: one
 * query for a passenger with their booking, flight, enrolment, check-in and the outages at the
 * departure airport. Dates come back as `YYYY-MM-DD` text, as the entities keep them (drivers
 * would turn a SQL date into a local-time Date).
 */
@Injectable()
export class CheckInStore {
  async bookedPassenger(
    em: EntityManager,
    passengerId: string,
  ): Promise<BookedPassengerRecord | undefined> {
    const [row] = await em.query<BookedPassengerSqlRow[]>(
      `SELECT p.id, p.booking_id, p.position, p.surname, p.given_name,
              to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.document_type,
              p.document_number, to_char(p.document_expires_on, 'YYYY-MM-DD') AS document_expires_on,
              p.checked_bags, p.ssr, p.purchase_channel, p.identity_consent_at,
              b.pnr, b.carrier AS booking_carrier, b.created_at AS booking_created_at,
              f.id AS flight_id, f.carrier, f.flight_number,
              to_char(f.departure_date, 'YYYY-MM-DD') AS departure_date, f.origin, f.destination,
              f.departure_at, f.international, f.checked_in,
              e.id AS enrolment_id, e.passenger_id AS enrolment_passenger_id,
              e.channel AS enrolment_channel, e.consent_at, e.enrolled_at, e.template_id,
              e.template_ciphertext, e.template_iv, e.template_tag,
              c.id AS check_in_id, c.channel AS check_in_channel, c.sequence, c.seat,
              c.boarding_pass, c.checked_in_at,
              ARRAY(SELECT o.outage FROM checkin.airport_outage o
                     WHERE o.airport = f.origin ORDER BY o.outage) AS outages
         FROM checkin.booked_passenger p
         JOIN checkin.booking b ON b.id = p.booking_id
         JOIN checkin.flight f ON f.id = b.flight_id
         LEFT JOIN checkin.enrolment e
           ON e.personal_id_number = p.document_number AND p.document_type = ANY($2::text[])
         LEFT JOIN checkin.check_in c ON c.passenger_id = p.id
        WHERE p.id = $1`,
      [passengerId, NATIONAL_EID_TYPES],
    );
    return row === undefined ? undefined : bookedPassengerOf(row);
  }

  /**
   * The flight with the key of `flight` (carrier, number, date, origin), added as `flight` says
   * if it is new. The caller compares what it finds with what it asked for.
   */
  async scheduledFlight(em: EntityManager, flight: FlightRow): Promise<FlightRow> {
    const key = [flight.carrier, flight.flightNumber, flight.departureDate, flight.origin];
    // One statement for the usual cases: added now, or there already. A flight added by a
    // transaction that committed while this one ran is not in this statement's snapshot.
    const [found] = await em.query<FlightSqlColumns[]>(
      `WITH added AS (
         INSERT INTO checkin.flight
           (id, carrier, flight_number, departure_date, origin, destination, departure_at, international)
         VALUES ($5, $1, $2, $3, $4, $6, $7, $8)
         ON CONFLICT (carrier, flight_number, departure_date, origin) DO NOTHING
         RETURNING ${FLIGHT_COLUMNS}
       )
       SELECT * FROM added
       UNION ALL
       SELECT ${FLIGHT_COLUMNS} FROM checkin.flight
        WHERE carrier = $1 AND flight_number = $2 AND departure_date = $3 AND origin = $4`,
      [...key, flight.id, flight.destination, flight.departureAt, flight.international],
    );
    if (found !== undefined) return flightOf(found);
    const [committed] = await em.query<FlightSqlColumns[]>(
      `SELECT ${FLIGHT_COLUMNS} FROM checkin.flight
        WHERE carrier = $1 AND flight_number = $2 AND departure_date = $3 AND origin = $4`,
      key,
    );
    if (committed === undefined) throw new Error(`flight ${key.join(' ')} vanished`);
    return flightOf(committed);
  }

  /**
   * A booking, its passengers and its events, in one statement; false, and nothing written, when
   * the airline already has a booking with this PNR. One statement, so it needs no transaction
   * of its own.
   */
  async addBooking(
    em: EntityManager,
    booking: BookingRow,
    passengers: readonly BookedPassengerRow[],
    events: PendingEvents = NO_EVENTS,
  ): Promise<boolean> {
    const outbox = events(7);
    const added = await abandonedAs(
      BOOKING_EXISTS,
      em.query<{ n: number }[]>(
        `WITH bookings AS (
         INSERT INTO checkin.booking (id, carrier, pnr, flight_id, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (carrier, pnr) DO NOTHING
         RETURNING id
       ), passengers AS (${passengersOfBookingsWritten(6)})${outbox === undefined ? '' : `, events AS (${outbox.sql})`}
       SELECT CASE WHEN EXISTS (SELECT 1 FROM bookings) THEN (SELECT count(*)::integer FROM passengers)
                   ELSE checkin.abandon_statement('${BOOKING_EXISTS}', 'the booking exists') END AS n`,
        [
          booking.id,
          booking.carrier,
          booking.pnr,
          booking.flightId,
          booking.createdAt,
          JSON.stringify(passengers.map(passengerRecord)),
          ...(outbox?.parameters ?? []),
        ],
      ),
    );
    return added !== BOOKING_EXISTS;
  }

  /**
   * Bookings of one list, their passengers with them, in one statement: the ids of those written.
   * A booking whose airline has its PNR already is left out, and so are its passengers.
   */
  async addBookings(
    em: EntityManager,
    bookings: readonly { booking: BookingRow; passengers: readonly BookedPassengerRow[] }[],
  ): Promise<Set<string>> {
    if (bookings.length === 0) return new Set();
    const added = await em.query<{ id: string }[]>(
      `WITH bookings AS (
         INSERT INTO checkin.booking (id, carrier, pnr, flight_id, created_at)
         SELECT b.id, b.carrier, b.pnr, b.flight_id, b.created_at
           FROM jsonb_to_recordset($1::jsonb) AS b(
                  id uuid, carrier varchar, pnr varchar, flight_id uuid, created_at timestamptz)
         ON CONFLICT (carrier, pnr) DO NOTHING
         RETURNING id
       ), passengers AS (${passengersOfBookingsWritten(2)})
       SELECT id FROM bookings`,
      [
        JSON.stringify(
          bookings.map(({ booking }) => ({
            id: booking.id,
            carrier: booking.carrier,
            pnr: booking.pnr,
            flight_id: booking.flightId,
            created_at: booking.createdAt.toISOString(),
          })),
        ),
        JSON.stringify(bookings.flatMap(({ passengers }) => passengers.map(passengerRecord))),
      ],
    );
    return new Set(added.map((row) => row.id));
  }

  /** A booking by its airline and PNR, with its flight and passengers (in booking order). */
  async bookingByPnr(
    em: EntityManager,
    carrier: string,
    pnr: string,
  ): Promise<{ booking: BookingRow; flight: FlightRow; passengers: BookedPassengerRow[] } | null> {
    const booking = await em.findOneBy(BookingRow, { carrier, pnr });
    if (booking === null) return null;
    const flight = await em.findOneByOrFail(FlightRow, { id: booking.flightId });
    const passengers = await em.find(BookedPassengerRow, {
      where: { bookingId: booking.id },
      order: { position: 'ASC' },
    });
    return { booking, flight, passengers };
  }

  /** A passenger's journey log, in the order of its instants. */
  journeySteps(em: EntityManager, passengerId: string): Promise<JourneyStepRow[]> {
    return em.find(JourneyStepRow, { where: { passengerId }, order: { at: 'ASC' } });
  }

  async enrolment(em: EntityManager, enrolmentId: string): Promise<EnrolmentRow | null> {
    return em.findOneBy(EnrolmentRow, { id: enrolmentId });
  }

  /** Deletes enrolments and so their templates (withdrawn consent, retention). */
  async deleteEnrolments(em: EntityManager, enrolmentIds: readonly string[]): Promise<void> {
    if (enrolmentIds.length > 0) await em.delete(EnrolmentRow, [...enrolmentIds]);
  }

  /**
   * The enrolments of people with no flight departing at or after `departedBefore`: kept no
   * longer (domain.md §6).
   */
  async expiredEnrolments(
    em: EntityManager,
    departedBefore: Date,
  ): Promise<{ id: string; templateId: string; passengerId: string }[]> {
    const rows = await em.query<{ id: string; template_id: string; passenger_id: string }[]>(
      `SELECT e.id, e.template_id, e.passenger_id FROM checkin.enrolment e
        WHERE NOT EXISTS (
          SELECT 1 FROM checkin.booked_passenger p
            JOIN checkin.booking b ON b.id = p.booking_id
            JOIN checkin.flight f ON f.id = b.flight_id
           WHERE p.document_number = e.personal_id_number AND f.departure_at >= $1)`,
      [departedBefore],
    );
    return rows.map((r) => ({ id: r.id, templateId: r.template_id, passengerId: r.passenger_id }));
  }

  /**
   * A new enrolment, its template sealed, in one statement with the template reads its gallery
   * entries made and its events. The personal ID number is unique (one per person).
   */
  async recordEnrolment(
    em: EntityManager,
    enrolment: EnrolmentRow,
    reads: readonly TemplateRead[],
    events: PendingEvents = NO_EVENTS,
  ): Promise<void> {
    const parameters = [
      enrolment.id,
      enrolment.personalIdNumber,
      enrolment.passengerId,
      enrolment.channel,
      enrolment.consentAt,
      enrolment.enrolledAt,
      enrolment.templateId,
      enrolment.templateCiphertext,
      enrolment.templateIv,
      enrolment.templateTag,
      ...templateReadColumns(reads),
    ];
    const outbox = events(parameters.length + 1);
    await em.query(
      `WITH enrolled AS (
         INSERT INTO checkin.enrolment (id, personal_id_number, passenger_id, channel, consent_at,
           enrolled_at, template_id, template_ciphertext, template_iv, template_tag)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       )${outbox === undefined ? '' : `, events AS (${outbox.sql})`}
       ${templateAccessInsert(11)}`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
  }

  /** The decision of the check-in that issued `checkIn`'s boarding pass, from the journey log. */
  async decisionThatIssued(em: EntityManager, checkIn: CheckInRow): Promise<StepDecision> {
    const [step] = await em.query<{ decision: StepDecision }[]>(
      `SELECT decision FROM checkin.journey_step
        WHERE passenger_id = $1 AND touchpoint = 'CHECK_IN' AND point = $2 AND at = $3
        LIMIT 1`,
      [checkIn.passengerId, checkIn.channel, checkIn.checkedInAt],
    );
    if (step === undefined)
      throw new Error(`the journey log lost the check-in of passenger ${checkIn.passengerId}`);
    return step.decision;
  }

  /**
   * How many passengers have checked in on a flight, the flight's row locked until the
   * transaction ends: no other check-in on it can take the next sequence number meanwhile.
   */
  async lockedCheckInsOnFlight(em: EntityManager, flightId: string): Promise<number> {
    const [flight] = await em.query<{ checked_in: number }[]>(
      `SELECT checked_in FROM checkin.flight WHERE id = $1 FOR UPDATE`,
      [flightId],
    );
    if (flight === undefined) throw new Error(`flight ${flightId} vanished`);
    return flight.checked_in;
  }

  /**
   * What a check-in attempt leaves, in one statement: the journey step, the check-in when a pass
   * was issued (taking its sequence number on the flight), the template reads it made (the 1:1
   * check, the gallery staging) and its events. The sequence number is taken only if it is the
   * flight's next; if another check-in took it first, nothing is written and this throws
   * `CheckInSequenceTaken`.
   */
  async recordCheckIn(
    em: EntityManager,
    attempt: {
      readonly step: CheckInStep;
      readonly checkIn: CheckInRow | undefined;
      readonly reads: readonly TemplateRead[];
    },
    events: PendingEvents = NO_EVENTS,
  ): Promise<void> {
    const { step, checkIn } = attempt;
    const parameters = [
      step.id,
      step.passengerId,
      step.channel,
      step.at,
      JSON.stringify(step.decision),
      checkIn?.id ?? null,
      checkIn?.flightId ?? null,
      checkIn?.sequence ?? null,
      checkIn?.seat ?? null,
      checkIn?.boardingPass ?? null,
      ...templateReadColumns(attempt.reads),
    ];
    const outbox = events(parameters.length + 1);
    const written = em.query(
      `WITH taken AS (
         UPDATE checkin.flight SET checked_in = $8::integer
          WHERE id = $7::uuid AND checked_in = $8::integer - 1
         RETURNING id
       ), step AS (
         INSERT INTO checkin.journey_step (id, passenger_id, touchpoint, point, at, decision)
         VALUES ($1, $2, 'CHECK_IN', $3, $4, $5)
       ), issued AS (
         INSERT INTO checkin.check_in
           (id, passenger_id, flight_id, channel, sequence, seat, boarding_pass, checked_in_at)
         SELECT $6::uuid, $2::uuid, $7::uuid, $3::varchar, $8::integer, $9::varchar,
                $10::varchar, $4::timestamptz
          WHERE $6::uuid IS NOT NULL
       ), reads AS (
         ${templateAccessInsert(11)}
       )${outbox === undefined ? '' : `, events AS (${outbox.sql})`}
       SELECT checkin.abandon_statement('${SEQUENCE_TAKEN}', 'the sequence number was taken')
        WHERE $6::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM taken)`,
      [...parameters, ...(outbox?.parameters ?? [])],
    );
    if ((await abandonedAs(SEQUENCE_TAKEN, written)) === SEQUENCE_TAKEN && checkIn !== undefined)
      throw new CheckInSequenceTaken(checkIn.flightId, checkIn.sequence);
  }

  /**
   * The flights not yet departed at `at` that a person (by document number) is checked in on,
   * with the passenger id of each booking: where a new enrolment's gallery entries go.
   */
  async checkedInFlightsOf(
    em: EntityManager,
    documentNumber: string,
    at: Date,
  ): Promise<{ passengerId: string; flight: FlightRow }[]> {
    const rows = await em.query<(FlightSqlColumns & { passenger_id: string })[]>(
      `SELECT c.passenger_id, f.id AS flight_id, f.carrier, f.flight_number,
              to_char(f.departure_date, 'YYYY-MM-DD') AS departure_date, f.origin, f.destination,
              f.departure_at, f.international
         FROM checkin.booked_passenger p
         JOIN checkin.check_in c ON c.passenger_id = p.id
         JOIN checkin.flight f ON f.id = c.flight_id
        WHERE p.document_number = $1 AND f.departure_at >= $2
        ORDER BY f.departure_at, c.passenger_id`,
      [documentNumber, at],
    );
    return rows.map((row) => ({ passengerId: row.passenger_id, flight: flightOf(row) }));
  }

  /** Template reads of a use case that writes nothing else beside them. */
  async recordTemplateReads(em: EntityManager, reads: readonly TemplateRead[]): Promise<void> {
    if (reads.length === 0) return;
    await em.query(templateAccessInsert(1), templateReadColumns(reads));
  }
}

/** A check-in attempt as the journey log keeps it. */
export interface CheckInStep {
  readonly id: string;
  readonly passengerId: string;
  readonly channel: string;
  readonly at: Date;
  readonly decision: StepDecision;
}

function flightOf(row: FlightSqlColumns): FlightRow {
  return {
    id: row.flight_id,
    carrier: row.carrier,
    flightNumber: row.flight_number,
    departureDate: row.departure_date,
    origin: row.origin,
    destination: row.destination,
    departureAt: new Date(row.departure_at),
    international: row.international,
  };
}

/** The insert of template reads, from their five column arrays at parameters `first` on. */
function templateAccessInsert(first: number): string {
  const [ids, accessors, touchpoints, purposes, at] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `INSERT INTO checkin.template_access (template_id, accessor, touchpoint, purpose, accessed_at)
       SELECT * FROM unnest(${ids}::uuid[], ${accessors}::varchar[], ${touchpoints}::varchar[],
                            ${purposes}::varchar[], ${at}::timestamptz[])`;
}

/** Template reads as the five column arrays of an `unnest` insert (`templateAccessInsert`). */
function templateReadColumns(reads: readonly TemplateRead[]): unknown[] {
  return [
    reads.map((r) => r.templateId),
    reads.map((r) => r.accessor),
    reads.map((r) => r.touchpoint),
    reads.map((r) => r.purpose),
    reads.map((r) => r.at.toISOString()),
  ];
}

function bookedPassengerOf(row: BookedPassengerSqlRow): BookedPassengerRecord {
  return {
    passenger: {
      id: row.id,
      bookingId: row.booking_id,
      position: row.position,
      surname: row.surname,
      givenName: row.given_name,
      birthDate: row.birth_date,
      documentType: row.document_type,
      documentNumber: row.document_number,
      documentExpiresOn: row.document_expires_on,
      checkedBags: row.checked_bags,
      ssr: row.ssr,
      purchaseChannel: row.purchase_channel,
      identityConsentAt:
        row.identity_consent_at === null ? null : new Date(row.identity_consent_at),
    },
    booking: {
      id: row.booking_id,
      carrier: row.booking_carrier,
      pnr: row.pnr,
      flightId: row.flight_id,
      createdAt: new Date(row.booking_created_at),
    },
    flight: flightOf(row),
    enrolment:
      row.enrolment_id === null
        ? null
        : {
            id: row.enrolment_id,
            personalIdNumber: row.document_number,
            passengerId: row.enrolment_passenger_id as string,
            channel: row.enrolment_channel as string,
            consentAt: new Date(row.consent_at as Date | string),
            enrolledAt: new Date(row.enrolled_at as Date | string),
            templateId: row.template_id as string,
            templateCiphertext: Buffer.from(row.template_ciphertext as Uint8Array),
            templateIv: Buffer.from(row.template_iv as Uint8Array),
            templateTag: Buffer.from(row.template_tag as Uint8Array),
          },
    checkIn:
      row.check_in_id === null
        ? null
        : {
            id: row.check_in_id,
            passengerId: row.id,
            flightId: row.flight_id,
            channel: row.check_in_channel as string,
            sequence: row.sequence as number,
            seat: row.seat as string,
            boardingPass: row.boarding_pass as string,
            checkedInAt: new Date(row.checked_in_at as Date | string),
          },
    outages: knownOutages(row.outages),
    checkInsOnFlight: row.checked_in,
  };
}

/**
 * The gates' decisions in the passengers' journey logs, written a batch at a time
 * (`DeferredRows`); a step about a passenger this service never booked cannot be placed in a
 * journey, and is left out. The passenger is looked up by a subquery per step, by its key: as
 * `EXISTS`, PostgreSQL planned a join that read every booked passenger for each batch (a
 * function's rows are estimated at 100), a cost that grew with the day.
 */
export const GATE_STEPS: RowsStatement<JourneyStepRow> = {
  table: 'checkin.journey_step',
  sql: (rows) =>
    `INSERT INTO checkin.journey_step (id, passenger_id, touchpoint, point, at, decision)
       SELECT step.id, step."passengerId", step.touchpoint, step.point, step.at, step.decision
         FROM jsonb_to_recordset(${rows}::jsonb) AS step(
              id uuid, "passengerId" uuid, touchpoint varchar, point varchar,
              at timestamptz, decision jsonb)
        WHERE (SELECT true FROM checkin.booked_passenger p WHERE p.id = step."passengerId")`,
};

/**
 * The insert of booked passengers (`passengerRecord`s, a jsonb parameter) of the bookings that a
 * statement's CTE `bookings` wrote: a booking left out (its PNR existed) takes its passengers.
 */
function passengersOfBookingsWritten(parameter: number): string {
  return `INSERT INTO checkin.booked_passenger
           (id, booking_id, position, surname, given_name, birth_date, document_type,
            document_number, document_expires_on, checked_bags, ssr, purchase_channel,
            identity_consent_at)
         SELECT p.id, p.booking_id, p.position, p.surname, p.given_name, p.birth_date,
                p.document_type, p.document_number, p.document_expires_on, p.checked_bags,
                p.ssr, p.purchase_channel, p.identity_consent_at
           FROM jsonb_to_recordset($${parameter}::jsonb) AS p(
                  id uuid, booking_id uuid, position smallint, surname varchar, given_name varchar,
                  birth_date date, document_type varchar, document_number varchar,
                  document_expires_on date, checked_bags smallint, ssr text[],
                  purchase_channel varchar, identity_consent_at timestamptz)
           JOIN bookings ON bookings.id = p.booking_id
         RETURNING id`;
}

/** A booked passenger as a record of `jsonb_to_recordset`, by column. */
function passengerRecord(p: BookedPassengerRow) {
  return {
    id: p.id,
    booking_id: p.bookingId,
    position: p.position,
    surname: p.surname,
    given_name: p.givenName,
    birth_date: p.birthDate,
    document_type: p.documentType,
    document_number: p.documentNumber,
    document_expires_on: p.documentExpiresOn,
    checked_bags: p.checkedBags,
    ssr: p.ssr,
    purchase_channel: p.purchaseChannel,
    identity_consent_at: p.identityConsentAt?.toISOString() ?? null,
  };
}
