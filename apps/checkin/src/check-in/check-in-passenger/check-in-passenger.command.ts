import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { CheckInPassengerRequestDto } from './check-in-passenger.request.dto';

export class CheckInPassengerCommand {
  constructor(
    readonly principal: Principal,
    readonly request: CheckInPassengerRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
