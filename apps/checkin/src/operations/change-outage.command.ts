import type { Instant, Outage } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';

export class ChangeOutageCommand {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly outage: Outage,
    readonly inForce: boolean,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
