/** Payloads of the journey family, version 1. Changing a payload means a new version. */

export interface FlightRef {
  readonly flightId: string;
  readonly carrier: string;
  readonly number: string;
  /** Local date of departure, YYYY-MM-DD. */
  readonly date: string;
  readonly origin: string;
  readonly destination: string;
  /** ISO 8601 instant. */
  readonly departureAt: string;
  readonly international: boolean;
}

export interface PassengerBookedV1 {
  readonly bookingId: string;
  readonly pnr: string;
  readonly passengerId: string;
  readonly surname: string;
  readonly givenName: string;
  readonly flight: FlightRef;
}

export const PASSENGER_BOOKED = { type: 'PassengerBooked', version: 1 } as const;
