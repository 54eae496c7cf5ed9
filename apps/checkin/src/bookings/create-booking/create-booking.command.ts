import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { CreateBookingRequestDto } from './create-booking.request.dto';

export class CreateBookingCommand {
  constructor(
    readonly principal: Principal,
    readonly request: CreateBookingRequestDto,
    readonly correlationId: string,
    /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
    readonly at: Instant,
  ) {}
}
