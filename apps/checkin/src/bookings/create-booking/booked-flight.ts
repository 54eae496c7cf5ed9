import type { InputError } from '@biogate/contracts';
import { compactDateAt, parseInstant, parseLocalDate } from '@biogate/domain';
import type { AirportRegistry } from '@biogate/reference-data';
import type { FlightRow } from '../../persistence/checkin.entities';
import type { BookedFlightDto } from './create-booking.request.dto';

/**
 * What a DTO cannot check alone: airports of the reference data, and a consistent schedule (the
 * departure instant falls on the flight's local date). Empty when the flight may be booked.
 */
export function bookedFlightProblems(
  flight: BookedFlightDto,
  airports: Pick<AirportRegistry, 'has'>,
  utcOffsetMinutes: number,
): InputError[] {
  const problems: InputError[] = [];
  if (!airports.has(flight.origin)) {
    problems.push({
      path: 'body.flight.origin',
      message: `unknown airport code "${flight.origin}": flights depart from an airport of seeds/reference/airports.json`,
    });
  }
  if (!flight.international && !airports.has(flight.destination)) {
    problems.push({
      path: 'body.flight.destination',
      message: `a domestic flight lands at a Vietnamese airport; "${flight.destination}" is not one (or set international: true)`,
    });
  }
  if (flight.origin === flight.destination) {
    problems.push({ path: 'body.flight.destination', message: 'the same airport as the origin' });
  }
  const departure = parseInstant(flight.departureAt);
  if (
    departure !== undefined &&
    compactDateAt(departure, utcOffsetMinutes) !== parseLocalDate(flight.date)
  ) {
    problems.push({
      path: 'body.flight.departureAt',
      message: `departs on another local date than the flight date ${flight.date}`,
    });
  }
  return problems;
}

/** The flight as the booking names it, a new row should it not be scheduled yet. */
export function flightOfBooking(dto: BookedFlightDto, id: string): FlightRow {
  return {
    id,
    carrier: dto.carrier,
    flightNumber: dto.number,
    departureDate: dto.date,
    origin: dto.origin,
    destination: dto.destination,
    departureAt: new Date(dto.departureAt),
    international: dto.international,
  };
}

/**
 * A flight is known by carrier, number, date and origin; a booking may not redefine it. Why the
 * booking's flight contradicts the one `scheduled`, or undefined when it agrees.
 */
export function flightRedefinition(scheduled: FlightRow, booked: FlightRow): string | undefined {
  const differs =
    scheduled.destination !== booked.destination ||
    scheduled.departureAt.getTime() !== booked.departureAt.getTime() ||
    scheduled.international !== booked.international;
  if (!differs) return undefined;
  return (
    `flight ${booked.carrier}${booked.flightNumber} on ${booked.departureDate} from ${booked.origin} is already scheduled ` +
    `to ${scheduled.destination} at ${scheduled.departureAt.toISOString()} (international: ${String(scheduled.international)})`
  );
}
