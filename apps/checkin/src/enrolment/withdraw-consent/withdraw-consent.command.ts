import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';

export class WithdrawConsentCommand {
  constructor(
    readonly principal: Principal,
    readonly enrolmentId: string,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
