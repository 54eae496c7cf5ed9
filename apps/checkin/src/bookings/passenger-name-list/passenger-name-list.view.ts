import type { FlightRef } from '@biogate/contracts';
import type { BookingView } from '../booking.view';
import type { PurchaseRefusalView } from '../ticket-purchase';

/** A listed PNR the airline had booked already: nothing of it changed. */
export interface AlreadyBookedView {
  readonly outcome: 'ALREADY_BOOKED';
  readonly pnr: string;
}

export type ListedBookingView = BookingView | PurchaseRefusalView | AlreadyBookedView;

/** A passenger name list as booked: each booking's outcome, in the order of the list. */
export interface PassengerNameListView {
  readonly flight: FlightRef;
  readonly booked: number;
  readonly refused: number;
  readonly alreadyBooked: number;
  readonly bookings: readonly ListedBookingView[];
}

export function passengerNameListView(
  flight: FlightRef,
  bookings: readonly ListedBookingView[],
): PassengerNameListView {
  const count = (outcome: ListedBookingView['outcome']) =>
    bookings.filter((b) => b.outcome === outcome).length;
  return {
    flight,
    booked: count('BOOKED'),
    refused: count('REFUSED'),
    alreadyBooked: count('ALREADY_BOOKED'),
    bookings,
  };
}
