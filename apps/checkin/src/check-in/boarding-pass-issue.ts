import { randomUUID } from 'node:crypto';
import {
  CHECK_IN_DECIDED,
  TOPICS,
  type CheckInDecidedV1,
  type StepDecision,
} from '@biogate/contracts';
import { encodeBcbp, type CheckInChannel } from '@biogate/domain';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import { flightRef } from '../bookings/booking.view';
import type { BookedPassengerRecord } from '../persistence/checkin-store';
import type { CheckInRow } from '../persistence/checkin.entities';
import type { CheckInView } from './check-in.view';
import { seatForSequence } from './seat-map';

export type IssuedBoardingPass = NonNullable<CheckInView['boardingPass']>;

/** An allowed check-in: given the flight's next sequence number, its seat and the BCBP pass. */
export function issueBoardingPass(
  { passenger, booking, flight }: BookedPassengerRecord,
  channel: CheckInChannel,
  sequence: number,
  at: Date,
): CheckInRow {
  const seat = seatForSequence(sequence);
  return {
    id: randomUUID(),
    passengerId: passenger.id,
    flightId: flight.id,
    channel,
    sequence,
    seat,
    boardingPass: encodeBcbp({
      surname: passenger.surname,
      givenName: passenger.givenName,
      pnr: booking.pnr,
      from: flight.origin,
      to: flight.destination,
      carrier: flight.carrier,
      flightNumber: flight.flightNumber,
      flightDate: flight.departureDate,
      compartment: 'Y',
      seat,
      sequence,
      status: '1',
    }),
    checkedInAt: at,
  };
}

export function issued(checkIn: CheckInRow): IssuedBoardingPass {
  return {
    bcbp: checkIn.boardingPass,
    seat: checkIn.seat,
    sequence: checkIn.sequence,
    checkedInAt: checkIn.checkedInAt.toISOString(),
  };
}

/** Every check-in attempt, for the gates and the journey; the pass when one was issued. */
export function checkInDecided(
  events: EventStamp,
  { passenger, flight }: BookedPassengerRecord,
  channel: CheckInChannel,
  decision: StepDecision,
  boardingPass: IssuedBoardingPass | undefined,
): OutboxEntry {
  return {
    topic: TOPICS.journey,
    envelope: events.stamp<CheckInDecidedV1>({
      ...CHECK_IN_DECIDED,
      key: passenger.id,
      payload: {
        passengerId: passenger.id,
        flight: flightRef(flight),
        channel,
        at: events.occurredAt,
        decision,
        ...(boardingPass === undefined
          ? {}
          : {
              boardingPass: {
                bcbp: boardingPass.bcbp,
                seat: boardingPass.seat,
                sequence: boardingPass.sequence,
              },
            }),
      },
    }),
  };
}
