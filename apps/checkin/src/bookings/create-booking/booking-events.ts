import {
  PASSENGER_BOOKED,
  TICKET_PURCHASED,
  TOPICS,
  type PassengerBookedV1,
  type TicketPurchasedV1,
} from '@biogate/contracts';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import type { BookedPassengerRow, BookingRow, FlightRow } from '../../persistence/checkin.entities';
import { flightRef } from '../booking.view';

/**
 * What a new booking announces, per passenger: PassengerBooked, and TicketPurchased for a ticket
 * bought in the VNeID app (its consent, and whether it lies in the incentive window).
 */
export function bookingEvents(
  events: EventStamp,
  booking: BookingRow,
  flight: FlightRow,
  passengers: readonly BookedPassengerRow[],
  incentiveWindow: boolean,
): OutboxEntry[] {
  const ids = { bookingId: booking.id, pnr: booking.pnr };
  return passengers.flatMap((p): OutboxEntry[] => [
    {
      topic: TOPICS.journey,
      envelope: events.stamp<PassengerBookedV1>({
        ...PASSENGER_BOOKED,
        key: p.id,
        payload: {
          ...ids,
          passengerId: p.id,
          surname: p.surname,
          givenName: p.givenName,
          flight: flightRef(flight),
        },
      }),
    },
    ...(p.identityConsentAt === null
      ? []
      : [
          {
            topic: TOPICS.journey,
            envelope: events.stamp<TicketPurchasedV1>({
              ...TICKET_PURCHASED,
              key: p.id,
              payload: {
                ...ids,
                passengerId: p.id,
                channel: 'VNEID_APP',
                at: booking.createdAt.toISOString(),
                identityConsentAt: p.identityConsentAt.toISOString(),
                incentiveWindow,
                flight: flightRef(flight),
              },
            }),
          },
        ]),
  ]);
}
