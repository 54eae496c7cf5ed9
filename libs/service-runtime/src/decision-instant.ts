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

/** A request the guard has seen: the instant it is decided at. */
interface TimedRequest extends Request {
  principal?: Principal;
  decisionInstant?: Instant;
}

/**
 * The instant the request is decided at: the one QA asked for (`x-qa-clock`), else the clock's
 * when the request arrived, both fixed by `DecisionInstantGuard` before the handler runs. A use
 * case takes it in its command and never reads the clock itself, so that it is decided at its own
 * instant even while other requests move the clock to theirs (a live day sends several seconds at
 * once).
 */
export const DecisionInstant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Instant => {
    const at = context.switchToHttp().getRequest<TimedRequest>().decisionInstant;
    // Only a module without the platform's guards gets here without one: a wiring mistake.
    if (at === undefined) throw new Error('no decision instant: DecisionInstantGuard did not run');
    return at;
  },
);

/**
 * Fixes the instant each request is decided at (`DecisionInstant`): the clock's when it arrives,
 * or the one QA asks for in `x-qa-clock`. That header also sets the service's clock, as
 * `PUT /v1/maintenance/clock` does (`moveQaClock`): a malformed instant is a 400 naming the
 * header, a caller other than QA a 403, a service on the wall clock a 409. The answer carries the
 * clock back in the same header, so that a caller knows the service took it (one that ignored
 * the header would decide at another instant). Runs after the API-key guard, which names the
 * caller.
 */
@Injectable()
export class DecisionInstantGuard implements CanActivate {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<TimedRequest>();
    const header = request.headers[QA_CLOCK_HEADER];
    if (header === undefined) {
      request.decisionInstant = this.clock.now();
      return true;
    }
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
    request.decisionInstant = at;
    http.getResponse<Response>().setHeader(QA_CLOCK_HEADER, new Date(at).toISOString());
    return true;
  }
}
