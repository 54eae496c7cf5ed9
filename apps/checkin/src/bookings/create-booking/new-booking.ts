import { randomUUID } from 'node:crypto';
import type { BookedPassengerRow, BookingRow } from '../../persistence/checkin.entities';
import type { BookedPassengerDto } from './create-booking.request.dto';

export interface NewBooking {
  readonly booking: BookingRow;
  readonly passengers: BookedPassengerRow[];
}

/**
 * The rows of a PNR booked now on `flightId`, its passengers in the order given. A passenger who
 * bought in the VNeID app consented to identity sharing when they bought.
 */
export function newBooking(
  carrier: string,
  pnr: string,
  flightId: string,
  passengers: readonly BookedPassengerDto[],
  now: Date,
): NewBooking {
  const booking: BookingRow = { id: randomUUID(), carrier, pnr, flightId, createdAt: now };
  return {
    booking,
    passengers: passengers.map((p, position) => ({
      id: randomUUID(),
      bookingId: booking.id,
      position,
      surname: p.surname,
      givenName: p.givenName,
      birthDate: p.birthDate ?? null,
      documentType: p.document.type,
      documentNumber: p.document.number,
      documentExpiresOn: p.document.expiresOn ?? null,
      checkedBags: p.checkedBags,
      ssr: p.ssr ?? [],
      purchaseChannel: p.purchaseChannel ?? 'AIRLINE',
      identityConsentAt: p.purchaseChannel === 'VNEID_APP' ? now : null,
    })),
  };
}
