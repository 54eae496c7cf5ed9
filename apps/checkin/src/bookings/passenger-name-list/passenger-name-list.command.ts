import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { PassengerNameListRequestDto } from './passenger-name-list.request.dto';

export class BookPassengerNameListCommand {
  constructor(
    readonly principal: Principal,
    readonly request: PassengerNameListRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
