import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import { bookPassenger } from '../support/booking-fixtures';
import {
  checkedInPassenger,
  settle,
  throughSecurity,
  type CheckedInPassenger,
} from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

interface View {
  decision: { outcome: string; reason: string; redirectTo?: string; detail?: string };
  passengerId?: string;
  boarded: boolean;
  alert?: { kind: string };
}

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('the boarding gate on %s', (kind) => {
  let services: RunningServices;
  let flight = 500;
  const journey: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind);
    services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) => {
      journey.push(m);
      return Promise.resolve();
    });
  }, 60_000);

  afterAll(() => services.close());

  const flightKey = (number: string) => ({
    airport: 'SGN',
    carrier: 'VN',
    number,
    date: '2025-12-01',
  });
  const openBoarding = (number: string, gate = '12') =>
    services.http
      .post('/v1/boarding/flights/open')
      .set('x-api-key', KEYS.operatorSGN)
      .send({ ...flightKey(number), gate });
  const present = (p: CheckedInPassenger, patch: object = {}, key: string = KEYS.operatorSGN) =>
    services.http
      .post('/v1/boarding/presentations')
      .set('x-api-key', key)
      .send({
        airport: 'SGN',
        gate: '12',
        lane: 'AUTOMATED',
        boardingPass: p.boardingPass,
        document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
        capture: { quality: 'GOOD', seed: 'boarding' },
        ...patch,
      });
  /** Enrolled, checked in, through security, boarding open at gate 12. */
  const ready = async (pnr: string, options: { security?: boolean; open?: boolean } = {}) => {
    const number = String(flight++);
    const p = await checkedInPassenger(services, pnr, { enrolled: true, flightNumber: number });
    if (options.security !== false)
      expect((await throughSecurity(services, p, 'AUTOMATED')).cleared).toBe(true);
    if (options.open !== false) expect((await openBoarding(number)).status).toBe(200);
    return { p, number };
  };
  const alerts = async () =>
    (
      await services.http
        .get('/v1/boarding/alerts')
        .query({ airport: 'SGN' })
        .set('x-api-key', KEYS.operatorSGN)
    ).body as {
      kind: string;
      passengerId?: string;
    }[];

  it('boards an enrolled, cleared passenger at the e-gate and lists them on the manifest', async () => {
    const { p, number } = await ready('BO0001');
    const view = (await present(p)).body as View;
    expect(view).toMatchObject({
      boarded: true,
      passengerId: p.passengerId,
      decision: { outcome: 'ALLOWED', reason: 'OK' },
    });
    const manifest = await services.http
      .get('/v1/boarding/flights/manifest')
      .query(flightKey(number))
      .set('x-api-key', KEYS.operatorSGN);
    expect(manifest.body).toMatchObject({
      boarding: { state: 'OPEN', gate: '12' },
      checkedIn: 1,
      boarded: [{ passengerId: p.passengerId, seat: '1A', gate: '12', lane: 'AUTOMATED' }],
      missing: [],
    });
    await settle(services);
    const decided = journey
      .map((m) => JSON.parse(m.value) as EventEnvelope<{ boarded: boolean }>)
      .filter((e) => e.type === 'BoardingDecided' && e.key === p.passengerId);
    expect(decided.map((e) => e.payload.boarded)).toEqual([true]);
  });

  it('rejects a second boarding of the same boarding pass and raises DUPLICATE_BOARDING', async () => {
    const { p } = await ready('BO0002');
    expect(((await present(p)).body as View).boarded).toBe(true);
    const again = (await present(p, { lane: 'MANUAL', capture: undefined })).body as View;
    expect(again).toMatchObject({
      boarded: false,
      decision: { outcome: 'REJECTED', reason: 'ALREADY_BOARDED' },
      alert: { kind: 'DUPLICATE_BOARDING' },
    });
    expect((await alerts())[0]).toEqual({
      alertId: expect.any(String),
      airport: 'SGN',
      kind: 'DUPLICATE_BOARDING',
      gate: '12',
      raisedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      passengerId: p.passengerId,
      detail: expect.any(String),
    });
  });

  it('rejects a passenger who has not cleared security, with an alert', async () => {
    const { p } = await ready('BO0003', { security: false });
    const view = (await present(p)).body as View;
    expect(view).toMatchObject({
      boarded: false,
      decision: { reason: 'SECURITY_NOT_CLEARED' },
      alert: { kind: 'SECURITY_NOT_CLEARED' },
    });
  });

  it('rejects before boarding opens, at the wrong gate, and after it closes', async () => {
    const { p, number } = await ready('BO0004', { open: false });
    expect(((await present(p)).body as View).decision).toMatchObject({
      reason: 'BOARDING_NOT_OPEN',
      detail: `boarding of VN${number} is not open yet`,
    });
    await openBoarding(number, '14');
    expect(((await present(p)).body as View).decision).toMatchObject({
      reason: 'WRONG_GATE',
      detail: `VN${number} boards at gate 14`,
    });
    await services.http
      .post('/v1/boarding/flights/close')
      .set('x-api-key', KEYS.operatorSGN)
      .send(flightKey(number));
    expect(((await present(p, { gate: '14' })).body as View).decision).toMatchObject({
      reason: 'BOARDING_NOT_OPEN',
      detail: `boarding of VN${number} is closed`,
    });
  });

  it('sends an impostor at the e-gate to the manual gate with an alert; the manual gate boards the real passenger', async () => {
    const { p, number } = await ready('BO0005');
    const impostor = (
      await present(p, { capture: { quality: 'GOOD', subject: '001066666666', seed: 'x' } })
    ).body as View;
    expect(impostor).toMatchObject({
      boarded: false,
      decision: { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'FACE_MISMATCH' },
      alert: { kind: 'FACE_MISMATCH' },
    });
    const manual = (await present(p, { lane: 'MANUAL', capture: undefined })).body as View;
    expect(manual.boarded).toBe(true);
    const manifest = await services.http
      .get('/v1/boarding/flights/manifest')
      .query(flightKey(number))
      .set('x-api-key', KEYS.qa);
    expect(manifest.body).toMatchObject({ boarded: [{ lane: 'MANUAL' }] });
  });

  it('lists checked-in passengers who have not boarded as missing', async () => {
    const number = String(flight++);
    const a = await checkedInPassenger(services, 'MI0001', {
      enrolled: false,
      flightNumber: number,
    });
    const b = await checkedInPassenger(services, 'MI0002', {
      enrolled: false,
      flightNumber: number,
    });
    await throughSecurity(services, a);
    const manifest = await services.http
      .get('/v1/boarding/flights/manifest')
      .query(flightKey(number))
      .set('x-api-key', KEYS.operatorSGN);
    expect(manifest.body).toMatchObject({
      boarding: { state: 'NOT_OPENED' },
      checkedIn: 2,
      boarded: [],
      missing: [
        { passengerId: a.passengerId, securityCleared: true },
        { passengerId: b.passengerId, securityCleared: false },
      ],
    });
  });

  it.each<[string, () => Promise<{ status: number }>, number]>([
    [
      'boarding opened by an airline',
      () =>
        services.http
          .post('/v1/boarding/flights/open')
          .set('x-api-key', KEYS.airlineVN)
          .send({ ...flightKey('1'), gate: '1' }),
      403,
    ],
    [
      'boarding opened by another airport',
      () =>
        services.http
          .post('/v1/boarding/flights/open')
          .set('x-api-key', KEYS.operatorHAN)
          .send({ ...flightKey('1'), gate: '1' }),
      403,
    ],
    [
      'a booked flight closed that was never opened',
      async () => {
        await bookPassenger(services, 'NEVER1', { flight: { number: '4321' } });
        await settle(services);
        return services.http
          .post('/v1/boarding/flights/close')
          .set('x-api-key', KEYS.qa)
          .send(flightKey('4321'));
      },
      409,
    ],
    [
      'a flight that nobody booked',
      () =>
        services.http
          .post('/v1/boarding/flights/open')
          .set('x-api-key', KEYS.qa)
          .send({ ...flightKey('4999'), gate: '12' }),
      404,
    ],
    [
      'a gate with a space',
      () =>
        services.http
          .post('/v1/boarding/flights/open')
          .set('x-api-key', KEYS.qa)
          .send({ ...flightKey('1'), gate: 'B 7' }),
      400,
    ],
    [
      'a manifest without a date',
      () =>
        services.http
          .get('/v1/boarding/flights/manifest')
          .query({ airport: 'SGN', carrier: 'VN', number: '1' })
          .set('x-api-key', KEYS.qa),
      400,
    ],
  ])('refuses %s', async (_what, call, status) => {
    expect((await call()).status).toBe(status);
  });
});
