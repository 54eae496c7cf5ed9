import type { FlightRef } from '@biogate/contracts';

/** A boarding pass a gate was told about (CheckInDecided), with its flight. */
export interface LanePass {
  readonly passengerId: string;
  readonly flightId: string;
  readonly carrier: string;
  readonly flightNumber: string;
  readonly departureDate: string;
  readonly origin: string;
  readonly destination: string;
  readonly departureAt: Date;
  readonly international: boolean;
}

/** The flight of a boarding pass as a gate stores it, as events carry it. */
export function flightOfPass(pass: LanePass): FlightRef {
  return {
    flightId: pass.flightId,
    carrier: pass.carrier,
    number: pass.flightNumber,
    date: pass.departureDate,
    origin: pass.origin,
    destination: pass.destination,
    departureAt: pass.departureAt.toISOString(),
    international: pass.international,
  };
}
