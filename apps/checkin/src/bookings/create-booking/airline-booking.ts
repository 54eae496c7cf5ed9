import { randomUUID } from 'node:crypto';
import { InputRejectedError, type InputError } from '@biogate/contracts';
import { compactDateAt, type CompactDate, type Instant, type PhasePolicy } from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import type { AirportRegistry } from '@biogate/reference-data';
import { assertAirlineScope, type Principal } from '@biogate/service-runtime';
import type { FlightRow } from '../../persistence/checkin.entities';
import { bookedFlightProblems, flightOfBooking } from './booked-flight';
import type { BookedFlightDto } from './create-booking.request.dto';

/**
 * What an airline's booking request is decided with, whether it books one PNR or a flight's
 * list of them: the instant, the local day the VNeID purchases are judged on, the stamp of the
 * events, the incentive window, and the flight as the request describes it.
 */
export interface AirlineBooking {
  readonly now: Date;
  readonly today: CompactDate;
  readonly events: EventStamp;
  readonly incentiveWindow: boolean;
  /** The flight as booked, under the id it takes if it is new. */
  readonly booked: FlightRow;
}

/** A booking request of either form, as its command carries it. */
export interface AirlineBookingCommand {
  readonly principal: Principal;
  readonly request: { readonly flight: BookedFlightDto };
  readonly correlationId: string;
  readonly at: Instant;
}

/**
 * The airline's scope on the flight, then the flight's problems and the request's own
 * (`requestProblems`) refused together as `refusedAs`; else what the request is decided with.
 */
export function airlineBooking(
  ports: { readonly policy: PhasePolicy; readonly airports: AirportRegistry },
  { principal, request, correlationId, at }: AirlineBookingCommand,
  refusedAs: string,
  requestProblems: readonly InputError[] = [],
): AirlineBooking {
  assertAirlineScope(principal, request.flight.carrier);
  const offset = ports.policy.compiled.utcOffsetMinutes;
  const problems = [
    ...bookedFlightProblems(request.flight, ports.airports, offset),
    ...requestProblems,
  ];
  if (problems.length > 0) throw new InputRejectedError(refusedAs, problems);
  const now = new Date(at);
  return {
    now,
    today: compactDateAt(now.getTime(), offset),
    events: new EventStamp('checkin', now.toISOString(), correlationId),
    incentiveWindow: ports.policy.inIncentiveWindow(now.getTime()),
    booked: flightOfBooking(request.flight, randomUUID()),
  };
}
