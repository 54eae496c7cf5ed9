import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Instant } from '@biogate/domain';
import {
  DistributedScenarioTarget,
  HttpScenarioTarget,
  ScenarioTargetError,
  type ServiceResponse,
  type ServiceTarget,
} from './scenario-target';

/** A service that logs what it is asked, in order, with its name. */
function service(name: string, log: string[]): ServiceTarget {
  return {
    call: (method, path, _body, at) => {
      log.push(`${name} ${method} ${path}${at === undefined ? '' : ` at ${at}`}`);
      return Promise.resolve<ServiceResponse>({ status: 200, body: {} });
    },
    setClock: async (at: Instant) => {
      // A clock that takes a while to move: a call must not overtake it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${name} clock ${at}`);
    },
    settle: () => {
      log.push(`${name} settle`);
      return Promise.resolve();
    },
    settleUntil: async (until) => {
      log.push(`${name} ${until}`);
      // Slow to answer: what comes after must wait for it, what goes beside it need not.
      await new Promise((resolve) => setTimeout(resolve, name === 'checkin' ? 10 : 1));
      log.push(`${name} ${until} done`);
    },
    deadLetters: () => Promise.resolve(0),
    purgeTemplates: (at: Instant) => {
      log.push(`${name} purge at ${at}`);
      return Promise.resolve({ retentionHours: 24, deleted: { [name]: name.length } });
    },
    overrideIdentity: () => Promise.resolve(),
  };
}

/** The three services (and the operations service) as one target, their calls in one log. */
function threeServices(options: { withOperations?: boolean } = {}): {
  target: DistributedScenarioTarget;
  log: string[];
} {
  const log: string[] = [];
  const target = new DistributedScenarioTarget(
    service('checkin', log),
    service('security', log),
    service('boarding', log),
    ...(options.withOperations === true ? [service('operations', log)] : []),
  );
  return { target, log };
}

describe('DistributedScenarioTarget', () => {
  it.each<[string, string | null]>([
    // Decided at the instant each call carries: no clock keeps them apart.
    ['/v1/bookings', null],
    ['/v1/enrolments', null],
    ['/v1/check-ins', null],
    ['/v1/security/presentations', null],
    // Boarding's presentations must not overtake its openings and closings.
    ['/v1/boarding/presentations', 'boarding'],
    ['/v1/boarding/flights/open', 'boarding'],
    ['/v1/boarding/flights/close', 'boarding'],
    ['/v1/airports/SGN/outages/KIOSK', 'checkin'],
  ])('keeps %s on the clock %s', (path, clock) => {
    const { target } = threeServices();
    expect(target.clockOf(path)).toBe(clock);
  });

  it("moves a service's clock with each call, never with a request of its own", async () => {
    const { target, log } = threeServices();
    await target.setClock(1000);
    expect(log).toEqual([]);
    await Promise.all([
      target.call('POST', '/v1/security/presentations', {}),
      target.call('POST', '/v1/security/presentations', {}),
    ]);
    await target.setClock(2000);
    await target.call('POST', '/v1/check-ins', {});
    await target.call('POST', '/v1/security/presentations', {});
    await target.call('POST', '/v1/boarding/presentations', {}, 1500);
    expect(log).toEqual([
      'security POST /v1/security/presentations at 1000',
      'security POST /v1/security/presentations at 1000',
      'checkin POST /v1/check-ins at 2000',
      'security POST /v1/security/presentations at 2000',
      'boarding POST /v1/boarding/presentations at 1500',
    ]);
  });

  it('moves the operations service at once: it is the console\'s "now"', async () => {
    const { target, log } = threeServices({ withOperations: true });
    await target.setClock(1000);
    await target.setClock(1000);
    await target.call('POST', '/v1/operations/airports/SGN/queues', {});
    await target.call('POST', '/v1/boarding/presentations', {});
    await target.setClock(2000);
    expect(log).toEqual([
      'operations clock 1000',
      'operations POST /v1/operations/airports/SGN/queues at 1000',
      'boarding POST /v1/boarding/presentations at 1000',
      'operations clock 2000',
    ]);
  });

  it.each<[string, ('SECURITY' | 'BOARDING')[] | undefined, string[]]>([
    [
      'every service, in the events’ way',
      undefined,
      ['checkin settle', 'security settle', 'boarding settle'],
    ],
    [
      "the security gate: check-in's writes published, then the gate caught up",
      ['SECURITY'],
      [
        'checkin PUBLISHED',
        'checkin PUBLISHED done',
        'security CAUGHT_UP',
        'security CAUGHT_UP done',
      ],
    ],
    [
      "the boarding gate: check-in's and the security gate's writes published, then the gate caught up",
      ['BOARDING'],
      [
        'checkin PUBLISHED',
        'security PUBLISHED',
        'security PUBLISHED done',
        'checkin PUBLISHED done',
        'boarding CAUGHT_UP',
        'boarding CAUGHT_UP done',
      ],
    ],
    ['no gate: nothing', [], []],
  ])('settles towards %s', async (_case, gates, expected) => {
    const { target, log } = threeServices();
    await target.settle(gates);
    expect(log).toEqual(expected);
  });

  it("purges the gates' copies, then check-in's source, each at the instant given", async () => {
    const { target, log } = threeServices();
    expect(await target.purgeTemplates(1_000)).toEqual({
      retentionHours: 24,
      deleted: { security: 8, boarding: 8, checkin: 7 },
    });
    expect(log).toEqual([
      'security purge at 1000',
      'boarding purge at 1000',
      'checkin purge at 1000',
    ]);
  });

  it('calls without a clock until the first setClock', async () => {
    const { target, log } = threeServices();
    await target.call('GET', '/v1/bookings/x');
    expect(log).toEqual(['checkin GET /v1/bookings/x']);
  });
});

/** A local HTTP server answering with `handler` for the tests of one describe block: its URL. */
function serverFor(handler: RequestListener): () => string {
  const server = createServer(handler);
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return () => url;
}

describe('HttpScenarioTarget on kept-alive sockets', () => {
  /** Requests per connection; the server drops a connection on its nth request, unanswered. */
  const seen = new WeakMap<Socket, number>();
  let dropOn = 2;
  let answered = 0;

  const url = serverFor((request, response) => {
    const n = (seen.get(request.socket) ?? 0) + 1;
    seen.set(request.socket, n);
    if (n === dropOn) {
      request.socket.destroy();
      return;
    }
    answered++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ n }));
  });

  it('sends a request again, once, on a new socket when a reused one turns out closed', async () => {
    dropOn = 2;
    answered = 0;
    const target = new HttpScenarioTarget(url(), 'key');
    expect(await target.call('GET', '/a')).toEqual({ status: 200, body: { n: 1 } });
    // The kept-alive socket is reset under the second request: it goes again on a new one.
    expect(await target.call('GET', '/b')).toEqual({ status: 200, body: { n: 1 } });
    expect(answered).toBe(2);
  });

  it('sends it again on a socket of its own, not on another kept-alive one the server closed too', async () => {
    dropOn = 2;
    answered = 0;
    const target = new HttpScenarioTarget(url(), 'key');
    // Two calls at once: two kept-alive sockets, each answered once, then both idle in the pool.
    await Promise.all([target.call('GET', '/a'), target.call('GET', '/b')]);
    // Both are reset under their next request: the call is answered on a third, new socket.
    expect(await target.call('GET', '/c')).toEqual({ status: 200, body: { n: 1 } });
    expect(answered).toBe(3);
  });

  it('does not retry a request on a new socket: the failure is reported', async () => {
    dropOn = 1;
    const target = new HttpScenarioTarget(url(), 'key');
    await expect(target.call('GET', '/a')).rejects.toThrow(ScenarioTargetError);
  });
});

describe('HttpScenarioTarget moving a clock with a request', () => {
  const received: (string | undefined)[] = [];

  const url = serverFor((request, response) => {
    const clock = request.headers['x-qa-clock'];
    received.push(typeof clock === 'string' ? clock : undefined);
    // /takes: a service that knows the header; /ignores: one that does not; /refuses: its 409.
    if (request.url === '/takes' && typeof clock === 'string')
      response.setHeader('x-qa-clock', clock);
    response.statusCode = request.url === '/refuses' ? 409 : 200;
    response.setHeader('content-type', 'application/json');
    response.end('{}');
  });

  const at = Date.parse('2025-12-01T07:30:05+07:00');

  it('sends the instant in x-qa-clock and checks that the service took it', async () => {
    received.length = 0;
    const target = new HttpScenarioTarget(url(), 'key');
    expect((await target.call('POST', '/takes', {}, at)).status).toBe(200);
    expect((await target.call('POST', '/takes', {})).status).toBe(200);
    expect(received).toEqual(['2025-12-01T00:30:05.000Z', undefined]);
  });

  it('fails on a service that answered without taking the header: it decided at another instant', async () => {
    const target = new HttpScenarioTarget(url(), 'key');
    await expect(target.call('POST', '/ignores', {}, at)).rejects.toThrow(
      /POST \/ignores at .* did not take the x-qa-clock header \(answered without it\)/,
    );
  });

  it("hands back a refusal, whose body says why (the service's own answer)", async () => {
    const target = new HttpScenarioTarget(url(), 'key');
    expect((await target.call('POST', '/refuses', {}, at)).status).toBe(409);
  });
});

describe('HttpScenarioTarget purging templates', () => {
  /** What the service answers the purge with, as JSON text. */
  let answer = '';

  const url = serverFor((request, response) => {
    const clock = request.headers['x-qa-clock'];
    if (typeof clock === 'string') response.setHeader('x-qa-clock', clock);
    response.statusCode = request.url === '/v1/maintenance/template-purge' ? 200 : 404;
    response.setHeader('content-type', 'application/json');
    response.end(answer);
  });

  it('reads what each holder deleted, at the instant given', async () => {
    answer = JSON.stringify({
      at: '2025-12-03T17:00:00.000Z',
      retentionHours: 24,
      deleted: { 'security-gate': 3, 'check-in': 2 },
    });
    const report = await new HttpScenarioTarget(url(), 'key').purgeTemplates(1_764_781_200_000);
    expect(report).toEqual({ retentionHours: 24, deleted: { 'security-gate': 3, 'check-in': 2 } });
  });

  it.each([
    ['no retention', { deleted: {} }],
    ['a count that is not a number', { retentionHours: 24, deleted: { 'check-in': '2' } }],
    ['no counts', { retentionHours: 24, deleted: null }],
  ])('refuses an answer with %s: not a purge report', async (_case, body) => {
    answer = JSON.stringify(body);
    await expect(
      new HttpScenarioTarget(url(), 'key').purgeTemplates(1_764_781_200_000),
    ).rejects.toThrow(/POST \/v1\/maintenance\/template-purge answered 200/);
  });
});
