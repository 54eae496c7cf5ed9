import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { PresentAtBoardingRequestDto } from './present-at-boarding.request.dto';

export class PresentAtBoardingCommand {
  constructor(
    readonly principal: Principal,
    readonly request: PresentAtBoardingRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
