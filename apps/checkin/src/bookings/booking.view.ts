import type { FlightRef } from '@biogate/contracts';
import type { BookedPassengerRow, BookingRow, FlightRow } from '../persistence/checkin.entities';

/** A booking as the API shows it. Document numbers are personal data: shown masked. */
export interface BookingView {
  readonly outcome: 'BOOKED';
  readonly bookingId: string;
  readonly pnr: string;
  readonly flight: FlightRef;
  readonly passengers: readonly {
    readonly passengerId: string;
    readonly surname: string;
    readonly givenName: string;
    readonly document: { readonly type: string; readonly number: string };
    readonly checkedBags: number;
    readonly ssr: readonly string[];
    readonly purchaseChannel: 'AIRLINE' | 'VNEID_APP';
  }[];
}

export function flightRef(flight: FlightRow): FlightRef {
  return {
    flightId: flight.id,
    carrier: flight.carrier,
    number: flight.flightNumber,
    date: flight.departureDate,
    origin: flight.origin,
    destination: flight.destination,
    departureAt: flight.departureAt.toISOString(),
    international: flight.international,
  };
}

export function bookingView(
  booking: BookingRow,
  flight: FlightRow,
  passengers: readonly BookedPassengerRow[],
): BookingView {
  return {
    outcome: 'BOOKED',
    bookingId: booking.id,
    pnr: booking.pnr,
    flight: flightRef(flight),
    passengers: [...passengers]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({
        passengerId: p.id,
        surname: p.surname,
        givenName: p.givenName,
        document: { type: p.documentType, number: maskDocumentNumber(p.documentNumber) },
        checkedBags: p.checkedBags,
        ssr: p.ssr,
        purchaseChannel: p.purchaseChannel,
      })),
  };
}

/** `********1234`: enough for a person to recognise the document, not to use it. */
export function maskDocumentNumber(number: string): string {
  return number.length <= 4
    ? '*'.repeat(number.length)
    : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
}
