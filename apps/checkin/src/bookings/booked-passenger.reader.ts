import type { EntityManager } from 'typeorm';
import { BookedPassengerRow, BookingRow, FlightRow } from '../persistence/checkin.entities';

export interface BookedPassengerRecord {
  readonly passenger: BookedPassengerRow;
  readonly booking: BookingRow;
  readonly flight: FlightRow;
}

/** A booked passenger with their booking and flight; callers go through readPassengerInScope. */
export async function findBookedPassenger(
  em: EntityManager,
  passengerId: string,
): Promise<BookedPassengerRecord | undefined> {
  const passenger = await em.findOneBy(BookedPassengerRow, { id: passengerId });
  if (!passenger) return undefined;
  const booking = await em.findOneByOrFail(BookingRow, { id: passenger.bookingId });
  const flight = await em.findOneByOrFail(FlightRow, { id: booking.flightId });
  return { passenger, booking, flight };
}
