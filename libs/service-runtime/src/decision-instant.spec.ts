import type { ExecutionContext } from '@nestjs/common';
import { AccessDeniedError, ConflictError, InputRejectedError } from '@biogate/contracts';
import { SimulatedClock, type Clock } from '@biogate/domain';
import type { Principal, Role } from './api-keys';
import { DecisionInstantGuard } from './decision-instant';

const START = Date.parse('2025-11-30T23:00:00Z');
const principal = (role: Role) => ({ name: `a ${role} key`, role }) as Principal;

/** A request with these headers and caller, and the answer's headers. */
function exchange(headers: Record<string, string | string[]>, caller?: Principal) {
  const answered: Record<string, string> = {};
  const request: { headers: typeof headers; principal?: Principal; decisionInstant?: number } = {
    headers,
    ...(caller === undefined ? {} : { principal: caller }),
  };
  const context = {
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({
        setHeader: (name: string, value: string) => {
          answered[name] = value;
        },
      }),
    }),
  } as unknown as ExecutionContext;
  return { context, answered, request };
}

describe('DecisionInstantGuard', () => {
  it("decides a request without the header at the clock's instant, and leaves the clock alone", () => {
    const clock = new SimulatedClock(START);
    const { context, answered, request } = exchange({}, principal('AIRLINE'));
    expect(new DecisionInstantGuard(clock).canActivate(context)).toBe(true);
    expect(clock.now()).toBe(START);
    expect(answered).toEqual({});
    // Fixed on arrival: moving the clock afterwards does not move the request's instant.
    clock.set(START + 60_000);
    expect(request.decisionInstant).toBe(START);
  });

  it.each([
    ['with an offset', '2025-12-01T07:30:05+07:00', '2025-12-01T00:30:05.000Z'],
    ['in UTC, back in time', '2025-09-14T16:59:59Z', '2025-09-14T16:59:59.000Z'],
  ])("moves a QA caller's clock to an instant %s, and answers it", (_case, header, iso) => {
    const clock = new SimulatedClock(START);
    const { context, answered, request } = exchange({ 'x-qa-clock': header }, principal('QA'));
    expect(new DecisionInstantGuard(clock).canActivate(context)).toBe(true);
    expect(clock.now()).toBe(Date.parse(iso));
    expect(answered).toEqual({ 'x-qa-clock': iso });
    // The request keeps its own instant, whatever moves the clock before it is decided.
    expect(request.decisionInstant).toBe(Date.parse(iso));
  });

  it.each<[string, string | string[], Principal | undefined]>([
    ['an empty value', '', principal('QA')],
    ['an instant without an offset', '2025-12-01T07:30:05', principal('QA')],
    ['30 February', '2025-02-30T07:30:05Z', principal('QA')],
    ['milliseconds since 1970', '1764549005000', principal('QA')],
    ['two values', ['2025-12-01T07:30:05Z', '2025-12-01T07:30:06Z'], principal('QA')],
    ['a malformed value from an airline', 'soon', principal('AIRLINE')],
  ])('refuses %s in x-qa-clock with a 400 naming the header', (_case, header, caller) => {
    const clock = new SimulatedClock(START);
    const { context, answered, request } = exchange({ 'x-qa-clock': header }, caller);
    let refusal: unknown;
    try {
      new DecisionInstantGuard(clock).canActivate(context);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InputRejectedError);
    expect((refusal as InputRejectedError).errors).toEqual([
      {
        path: 'headers.x-qa-clock',
        message: expect.stringMatching(/^expected an ISO 8601 instant/),
      },
    ]);
    expect(clock.now()).toBe(START);
    expect(answered).toEqual({});
    expect(request.decisionInstant).toBeUndefined();
  });

  it.each<[string, Principal | undefined]>([
    ['an airline', principal('AIRLINE')],
    ['an operator', principal('OPERATOR')],
    ['a public route (no key checked)', undefined],
  ])('refuses the header from %s with a 403', (_case, caller) => {
    const clock = new SimulatedClock(START);
    const { context } = exchange({ 'x-qa-clock': '2025-12-01T07:30:05Z' }, caller);
    expect(() => new DecisionInstantGuard(clock).canActivate(context)).toThrow(
      new AccessDeniedError('only a QA key may set the x-qa-clock header'),
    );
    expect(clock.now()).toBe(START);
  });

  it('refuses to move a wall clock with a 409', () => {
    const wall: Clock = { now: () => START };
    const { context } = exchange({ 'x-qa-clock': '2025-12-01T07:30:05Z' }, principal('QA'));
    expect(() => new DecisionInstantGuard(wall).canActivate(context)).toThrow(ConflictError);
  });
});
