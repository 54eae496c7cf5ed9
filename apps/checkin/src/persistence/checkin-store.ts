import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookedPassengerRow, BookingRow, FlightRow } from './checkin.entities';

export interface BookedPassengerRecord {
  readonly passenger: BookedPassengerRow;
  readonly booking: BookingRow;
  readonly flight: FlightRow;
}

interface BookedPassengerSqlRow {
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
  readonly flight_id: string;
  readonly carrier: string;
  readonly flight_number: string;
  readonly departure_date: string;
  readonly origin: string;
  readonly destination: string;
  readonly departure_at: Date | string;
  readonly international: boolean;
}

/**
 * Check-in's SQL on its hot paths, where the query builder cost a statement per table: one
 * query for a passenger with their booking and flight. Dates come back as `YYYY-MM-DD` text,
 * as the entities keep them (drivers would turn a SQL date into a local-time Date).
 */
@Injectable()
export class CheckinStore {
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
              f.departure_at, f.international
         FROM checkin.booked_passenger p
         JOIN checkin.booking b ON b.id = p.booking_id
         JOIN checkin.flight f ON f.id = b.flight_id
        WHERE p.id = $1`,
      [passengerId],
    );
    return row === undefined ? undefined : bookedPassengerOf(row);
  }
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
    flight: {
      id: row.flight_id,
      carrier: row.carrier,
      flightNumber: row.flight_number,
      departureDate: row.departure_date,
      origin: row.origin,
      destination: row.destination,
      departureAt: new Date(row.departure_at),
      international: row.international,
    },
  };
}
