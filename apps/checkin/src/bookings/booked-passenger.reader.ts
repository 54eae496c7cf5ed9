import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@biogate/contracts';
import { BookedPassengerRow, BookingRow, FlightRow } from '../persistence/checkin.entities';

export interface BookedPassengerRecord {
  readonly passenger: BookedPassengerRow;
  readonly booking: BookingRow;
  readonly flight: FlightRow;
}

/** A booked passenger with their booking and flight, or NotFoundError. */
export async function readBookedPassenger(
  em: EntityManager,
  passengerId: string,
): Promise<BookedPassengerRecord> {
  const passenger = await em.findOneBy(BookedPassengerRow, { id: passengerId });
  if (!passenger) throw new NotFoundError(`no booked passenger ${passengerId}`);
  const booking = await em.findOneByOrFail(BookingRow, { id: passenger.bookingId });
  const flight = await em.findOneByOrFail(FlightRow, { id: booking.flightId });
  return { passenger, booking, flight };
}
