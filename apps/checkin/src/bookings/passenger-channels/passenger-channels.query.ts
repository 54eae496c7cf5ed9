import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';

export class PassengerChannelsQuery {
  constructor(
    readonly principal: Principal,
    readonly passengerId: string,
    /** The instant asked about (`?at=`), else the request's (`DecisionInstant`). */
    readonly at: Instant,
  ) {}
}
