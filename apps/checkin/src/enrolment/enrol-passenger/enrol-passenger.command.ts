import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { EnrolPassengerRequestDto } from './enrol-passenger.request.dto';

export class EnrolPassengerCommand {
  constructor(
    readonly principal: Principal,
    readonly request: EnrolPassengerRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
