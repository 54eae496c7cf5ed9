import {
  createParamDecorator,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessDeniedError, describeValue, InputRejectedError } from '@biogate/contracts';
import { ISO_INSTANT_EXPECTATION, parseInstant, type Clock, type Instant } from '@biogate/domain';
import type { Principal } from './api-keys';
import { CLOCK } from './platform-tokens';
import { moveQaClock } from './scenario-control';

/**
 * The request header that carries the instant QA wants the request decided at. A live day moves
 * a service's clock for the request that needs it: one request a simulated second instead of a
 * `PUT /v1/maintenance/clock` and then the step.
 */
export const QA_CLOCK_HEADER = 'x-qa-clock';

/** A request whose `x-qa-clock` the guard took: the instant it is decided at. */
interface QaTimedRequest extends Request {
  principal?: Principal;
  qaInstant?: Instant;
}

/**
 * The instant QA asked the request to be decided at (`x-qa-clock`), undefined without it. A use
 * case that reads its instant from here rather than from the clock is decided at it even while
 * other requests move the clock to other instants (a live day sends several seconds at once).
 */
export const QaInstant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Instant | undefined =>
    context.switchToHttp().getRequest<QaTimedRequest>().qaInstant,
);

/**
 * Sets the service's clock to `x-qa-clock` before the request is handled, as
 * `PUT /v1/maintenance/clock` does (`moveQaClock`): a malformed instant is a 400 naming the
 * header, a caller other than QA a 403, a service on the wall clock a 409. The answer carries the
 * clock back in the same header, so that a caller knows the service took it (one that ignored
 * the header would decide at another instant). Runs after the API-key guard, which names the
 * caller.
 */
@Injectable()
export class QaClockHeaderGuard implements CanActivate {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<QaTimedRequest>();
    const header = request.headers[QA_CLOCK_HEADER];
    if (header === undefined) return true;
    const at = typeof header === 'string' ? parseInstant(header) : undefined;
    if (at === undefined) {
      throw new InputRejectedError('invalid request headers', [
        {
          path: `headers.${QA_CLOCK_HEADER}`,
          message: `expected ${ISO_INSTANT_EXPECTATION}, got ${describeValue(header)}`,
        },
      ]);
    }
    if (request.principal?.role !== 'QA')
      throw new AccessDeniedError(`only a QA key may set the ${QA_CLOCK_HEADER} header`);
    moveQaClock(this.clock, at);
    request.qaInstant = at;
    http.getResponse<Response>().setHeader(QA_CLOCK_HEADER, new Date(at).toISOString());
    return true;
  }
}
