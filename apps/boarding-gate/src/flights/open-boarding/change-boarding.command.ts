import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { FlightAtAirportDto } from '../flight-key.dto';

/** Open boarding at a gate, or close it (the gate is kept). */
export class ChangeBoardingCommand {
  constructor(
    readonly principal: Principal,
    readonly flight: FlightAtAirportDto,
    readonly change:
      { readonly state: 'OPEN'; readonly gate: string } | { readonly state: 'CLOSED' },
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
