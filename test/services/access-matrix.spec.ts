import { KEYS, startServices, type RunningServices } from '../support/service-harness';

type Method = 'get' | 'post' | 'put' | 'delete';
type Role = 'AIRLINE' | 'OPERATOR' | 'QA';

const UUID = '6f1c2b0e-0000-4000-8000-000000000000';
const ROLE_KEYS: Record<Role, string> = {
  AIRLINE: KEYS.airlineVN,
  OPERATOR: KEYS.operatorSGN,
  QA: KEYS.qa,
};

/** Every /v1 endpoint, the roles it admits, and (for writes) a body the DTO would accept in shape. */
const ENDPOINTS: [Method, string, readonly Role[], object | undefined][] = [
  ['post', '/v1/bookings', ['AIRLINE', 'QA'], { pnr: 'ABC123' }],
  ['post', '/v1/passenger-name-lists', ['AIRLINE', 'QA'], { bookings: [] }],
  ['get', '/v1/bookings/VN/ABC123', ['AIRLINE', 'QA'], undefined],
  ['get', `/v1/passengers/${UUID}/channels`, ['AIRLINE', 'OPERATOR', 'QA'], undefined],
  ['get', `/v1/passengers/${UUID}/journey`, ['AIRLINE', 'OPERATOR', 'QA'], undefined],
  ['post', '/v1/enrolments', ['AIRLINE', 'QA'], { passengerId: UUID }],
  ['delete', `/v1/enrolments/${UUID}`, ['AIRLINE', 'QA'], undefined],
  ['post', '/v1/check-ins', ['AIRLINE', 'OPERATOR', 'QA'], { passengerId: UUID }],
  ['post', '/v1/policy/evaluate', ['AIRLINE', 'OPERATOR', 'QA'], {}],
  ['get', '/v1/airports/SGN/outages', ['OPERATOR', 'QA'], undefined],
  ['put', '/v1/airports/SGN/outages/KIOSK', ['OPERATOR', 'QA'], undefined],
  ['delete', '/v1/airports/SGN/outages/KIOSK', ['OPERATOR', 'QA'], undefined],
  ['post', '/v1/security/presentations', ['OPERATOR', 'QA'], { airport: 'SGN' }],
  ['get', '/v1/security/alerts?airport=SGN', ['OPERATOR', 'QA'], undefined],
  ['post', '/v1/boarding/flights/open', ['OPERATOR', 'QA'], { airport: 'SGN' }],
  ['post', '/v1/boarding/flights/close', ['OPERATOR', 'QA'], { airport: 'SGN' }],
  ['post', '/v1/boarding/presentations', ['OPERATOR', 'QA'], { airport: 'SGN' }],
  [
    'get',
    '/v1/boarding/flights/manifest?airport=SGN&carrier=VN&number=1&date=2025-12-01',
    ['OPERATOR', 'QA'],
    undefined,
  ],
  ['get', '/v1/boarding/alerts?airport=SGN', ['OPERATOR', 'QA'], undefined],
  ['post', '/v1/maintenance/template-purge', ['QA'], undefined],
  ['get', '/v1/maintenance/clock', ['QA'], undefined],
  ['put', '/v1/maintenance/clock', ['QA'], { at: '2025-12-01T07:30:00+07:00' }],
  ['post', '/v1/maintenance/settle', ['QA'], undefined],
  ['put', '/v1/maintenance/population-register/079200001234', ['QA'], { vneidLevel: 1 }],
];

const TABLES = [
  'checkin.booking',
  'checkin.enrolment',
  'checkin.check_in',
  'checkin.journey_step',
  'checkin.airport_outage',
  'checkin.outbox',
  'security.presentation',
  'security.alert',
  'boarding.flight_boarding',
  'boarding.presentation',
  'boarding.alert',
];

describe('access and input on every endpoint', () => {
  let services: RunningServices;
  let baseline: number[];

  beforeAll(async () => {
    // Delivered events stay in the outbox (in memory they would go as sent): a refused request
    // that published one would show.
    services = await startServices('PGlite', undefined, {
      env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '86400' },
    });
    baseline = await counts();
  }, 60_000);

  afterAll(() => services.close());

  async function counts(): Promise<number[]> {
    return Promise.all(TABLES.map((table) => services.count(`SELECT count(*) AS n FROM ${table}`)));
  }

  const call = (method: Method, path: string, key?: string, body?: object) => {
    const request = services.http[method](path);
    const withKey = key === undefined ? request : request.set('x-api-key', key);
    return body === undefined ? withKey : withKey.send(body);
  };

  it.each(ENDPOINTS.map(([method, path]) => [method.toUpperCase(), path, method]))(
    '%s %s answers 401 without a key',
    async (_m, path, method) => {
      const response = await call(method, path);
      expect(response.status).toBe(401);
    },
  );

  const forbidden = ENDPOINTS.flatMap(([method, path, roles]) =>
    (['AIRLINE', 'OPERATOR', 'QA'] as const)
      .filter((role) => !roles.includes(role))
      .map((role) => [method.toUpperCase(), path, role, method] as const),
  );
  it.each(forbidden)('%s %s answers 403 to the %s role', async (_m, path, role, method) => {
    const response = await call(method, path, ROLE_KEYS[role]);
    expect(response.status).toBe(403);
    expect((response.body as { message: string }).message).toBe(
      `the ${role} role may not call this endpoint`,
    );
  });

  const writes = ENDPOINTS.filter(([, , , body]) => body !== undefined);
  it.each(writes.map(([method, path, , body]) => [method.toUpperCase(), path, method, body]))(
    '%s %s refuses an unknown field with 400',
    async (_m, path, method, body) => {
      const response = await call(method, path, KEYS.qa, {
        ...(body as object),
        hidden: 'x',
      });
      expect(response.status).toBe(400);
      expect(
        (response.body as { errors: { path: string; message: string }[] }).errors,
      ).toContainEqual({
        path: 'body.hidden',
        message: 'unknown field',
      });
    },
  );

  const othersAdmitted = ENDPOINTS.flatMap(([method, path, roles, body]) =>
    roles
      .filter((role) => role !== 'QA')
      .map((role) => [method.toUpperCase(), path, role, method, body] as const),
  );
  it.each(othersAdmitted)(
    '%s %s refuses x-qa-clock from the %s role with 403, its clock unmoved',
    async (_m, path, role, method, body) => {
      const before = services.clock.now();
      const request = services.http[method](path)
        .set('x-api-key', ROLE_KEYS[role])
        .set('x-qa-clock', '2025-12-02T09:00:00+07:00');
      const response = await (body === undefined ? request : request.send(body));
      expect(response.status).toBe(403);
      expect((response.body as { message: string }).message).toBe(
        'only a QA key may set the x-qa-clock header',
      );
      expect(response.headers['x-qa-clock']).toBeUndefined();
      expect(services.clock.now()).toBe(before);
    },
  );

  it('moves the clock for the request that carries x-qa-clock (QA), and says so', async () => {
    const before = services.clock.now();
    const moved = await services.http
      .get('/v1/maintenance/clock')
      .set('x-api-key', KEYS.qa)
      .set('x-qa-clock', '2025-12-02T09:00:00+07:00');
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ now: '2025-12-02T02:00:00.000Z', settable: true });
    expect(moved.headers['x-qa-clock']).toBe('2025-12-02T02:00:00.000Z');
    expect(services.clock.now()).toBe(Date.parse('2025-12-02T02:00:00Z'));
    services.clock.set(before);
  });

  it('changed nothing in any table', async () => {
    expect(await counts()).toEqual(baseline);
  });
});
