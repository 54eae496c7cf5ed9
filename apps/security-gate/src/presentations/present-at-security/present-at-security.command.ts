import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { PresentAtSecurityRequestDto } from './present-at-security.request.dto';

export class PresentAtSecurityCommand {
  constructor(
    readonly principal: Principal,
    readonly request: PresentAtSecurityRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
