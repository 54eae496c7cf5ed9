import { encodeBcbp } from '@biogate/domain';
import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import { checkedInPassenger, settle, type CheckedInPassenger } from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

interface View {
  decision: {
    outcome: string;
    reason: string;
    redirectTo?: string;
    rules: string[];
    detail?: string;
    verification?: { similarity: number };
  };
  passengerId?: string;
  cleared: boolean;
  alert?: { alertId: string; kind: string };
}

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('the security gate on %s', (kind) => {
  let services: RunningServices;
  let flight = 300;
  const journey: TransportMessage[] = [];
  const deadLetters: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind);
    services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) => {
      journey.push(m);
      return Promise.resolve();
    });
    services.transport.subscribe(['biogate.journey.v1.dead-letter'], 'test-dead-letters', (m) => {
      deadLetters.push(m);
      return Promise.resolve();
    });
  }, 60_000);

  afterAll(() => services.close());

  const passenger = (pnr: string, enrolled = true, document?: { type: string; number: string }) =>
    checkedInPassenger(services, pnr, {
      enrolled,
      flightNumber: String(flight++),
      ...(document ? { document } : {}),
    });
  const present = (body: object, key: string = KEYS.operatorSGN) =>
    services.http.post('/v1/security/presentations').set('x-api-key', key).send(body);
  const atEGate = (p: CheckedInPassenger, capture: object = { quality: 'GOOD', seed: 'gate' }) => ({
    airport: 'SGN',
    lane: 'AUTOMATED',
    boardingPass: p.boardingPass,
    document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
    capture,
  });
  const alerts = async () =>
    (
      await services.http
        .get('/v1/security/alerts')
        .query({ airport: 'SGN' })
        .set('x-api-key', KEYS.operatorSGN)
    ).body as { kind: string; passengerId?: string; detail: string }[];

  it('clears an enrolled passenger at the e-gate after a 1:1 match with the flight gallery', async () => {
    const p = await passenger('SG0001');
    const response = await present(atEGate(p));
    expect(response.status).toBe(200);
    const view = response.body as View;
    expect(view).toMatchObject({
      passengerId: p.passengerId,
      cleared: true,
      decision: { outcome: 'ALLOWED', rules: ['R2', 'R3', 'R4'] },
    });
    expect(view.decision.verification!.similarity).toBeGreaterThan(0.9);
    expect(
      await services.count(
        `SELECT count(*) AS n FROM security.template_access WHERE touchpoint = 'SECURITY'`,
      ),
    ).toBeGreaterThan(0);
    await settle(services);
    const decided = journey
      .map((m) => JSON.parse(m.value) as EventEnvelope<{ cleared: boolean }>)
      .filter((e) => e.type === 'SecurityDecided' && e.key === p.passengerId);
    expect(decided.map((e) => e.payload.cleared)).toEqual([true]);
  });

  it('sends an impostor to the manual lane and raises a FACE_MISMATCH alert', async () => {
    const p = await passenger('SG0002');
    const view = (
      await present(atEGate(p, { quality: 'GOOD', subject: '001077777777', seed: 'imp' }))
    ).body as View;
    expect(view).toMatchObject({
      cleared: false,
      decision: { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'FACE_MISMATCH' },
      alert: { kind: 'FACE_MISMATCH' },
    });
    expect(await alerts()).toContainEqual(
      expect.objectContaining({ kind: 'FACE_MISMATCH', passengerId: p.passengerId }),
    );
  });

  it('sends a presentation attack to the manual lane and raises an alert', async () => {
    const p = await passenger('SG0003');
    const view = (
      await present(atEGate(p, { quality: 'GOOD', presentationAttack: true, seed: 'attack-1' }))
    ).body as View;
    expect(view).toMatchObject({
      decision: { redirectTo: 'MANUAL', reason: 'LIVENESS_FAILED' },
      alert: { kind: 'PRESENTATION_ATTACK' },
    });
  });

  it('sends a passenger who is not enrolled to the manual lane, and clears them there', async () => {
    const p = await passenger('SG0004', false);
    expect(((await present(atEGate(p))).body as View).decision).toMatchObject({
      redirectTo: 'MANUAL',
      reason: 'NOT_ENROLLED',
    });
    const manual = (await present({ ...atEGate(p), lane: 'MANUAL', capture: undefined }))
      .body as View;
    expect(manual).toMatchObject({
      cleared: true,
      decision: { outcome: 'ALLOWED', rules: ['R8'] },
    });
  });

  it('rejects an expired identity document at any lane (R0)', async () => {
    const p = await passenger('SG0005', false);
    const view = (
      await present({
        ...atEGate(p),
        lane: 'MANUAL',
        document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber, expiresOn: '2025-11-30' },
      })
    ).body as View;
    expect(view).toMatchObject({
      cleared: false,
      decision: { outcome: 'REJECTED', reason: 'INVALID_DOCUMENT' },
    });
  });

  it('no longer matches at the e-gate once consent is withdrawn', async () => {
    const p = await passenger('SG0006');
    await services.http.delete(`/v1/enrolments/${p.enrolmentId!}`).set('x-api-key', KEYS.qa);
    await settle(services);
    expect(
      await services.count(
        `SELECT count(*) AS n FROM security.gallery_entry WHERE passenger_id = '${p.passengerId}'`,
      ),
    ).toBe(0);
    expect(((await present(atEGate(p))).body as View).decision).toMatchObject({
      reason: 'NOT_ENROLLED',
    });
  });

  it.each<[string, () => string, string, string]>([
    [
      'a boarding pass this system never issued',
      () =>
        encodeBcbp({
          surname: 'TRAN',
          givenName: 'B',
          pnr: 'FAKE01',
          from: 'SGN',
          to: 'HAN',
          carrier: 'VN',
          flightNumber: '999',
          flightDate: '2025-12-01',
          compartment: 'Y',
          seat: '1A',
          sequence: 1,
          status: '1',
        }),
      'BOARDING_PASS_UNKNOWN',
      'UNKNOWN_BOARDING_PASS',
    ],
    [
      'a malformed boarding pass',
      () => 'M1NGUYEN/VAN AN',
      'BOARDING_PASS_INVALID',
      'INVALID_BOARDING_PASS',
    ],
  ])('rejects %s and alerts the operators', async (_what, pass, reason, alertKind) => {
    const view = (
      await present({
        airport: 'SGN',
        lane: 'MANUAL',
        boardingPass: pass(),
        document: { type: 'PASSPORT', number: 'C1' },
      })
    ).body as View;
    expect(view).toMatchObject({
      cleared: false,
      decision: { outcome: 'REJECTED', reason },
      alert: { kind: alertKind },
    });
    expect(view.decision.detail).toBeDefined();
    // An unknown pass has no holder: the alert names the lane, not a passenger.
    expect((await alerts())[0]).toEqual({
      alertId: expect.any(String),
      airport: 'SGN',
      kind: alertKind,
      lane: 'MANUAL',
      raisedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      detail: expect.any(String),
    });
  });

  it('rejects a boarding pass for a flight from another airport', async () => {
    const p = await passenger('SG0007', false);
    const view = (
      await present({ ...atEGate(p), airport: 'HAN', lane: 'MANUAL' }, KEYS.operatorHAN)
    ).body as View;
    expect(view.decision).toMatchObject({
      outcome: 'REJECTED',
      reason: 'BOARDING_PASS_WRONG_AIRPORT',
    });
  });

  it.each<[string, object, string, number]>([
    ['an airline key', { airport: 'SGN' }, KEYS.airlineVN, 403],
    ['an operator of another airport', { airport: 'SGN' }, KEYS.operatorHAN, 403],
    ['an unknown airport', { airport: 'XYZ' }, KEYS.qa, 400],
    ['an e-gate without a face', { capture: undefined }, KEYS.qa, 400],
    ['no document', { document: undefined }, KEYS.qa, 400],
  ])('refuses %s', async (_what, patch, key, status) => {
    const body = {
      airport: 'SGN',
      lane: 'AUTOMATED',
      boardingPass: 'M1X',
      document: { type: 'PASSPORT', number: 'C1' },
      capture: { quality: 'GOOD' },
      ...patch,
    };
    const before = await services.count('SELECT count(*) AS n FROM security.presentation');
    expect((await present(body, key)).status).toBe(status);
    expect(await services.count('SELECT count(*) AS n FROM security.presentation')).toBe(before);
  });

  it('dead-letters a poison message with its bytes and goes on consuming', async () => {
    await services.transport.publish([
      { topic: 'biogate.journey.v1', key: 'x', value: '{"not": "an envelope"' },
    ]);
    await services.transport.publish([
      {
        topic: 'biogate.journey.v1',
        key: 'y',
        value: JSON.stringify({
          eventId: '8a6f5c2e-1d3b-4f7a-9c0e-2b4d6f8a1c3e',
          type: 'CheckInDecided',
          version: 9,
          occurredAt: '2025-12-01T00:00:00Z',
          key: 'y',
          correlationId: 'c',
          producer: 'p',
          payload: {},
        }),
      },
    ]);
    await settle(services);
    const letters = deadLetters.map(
      (m) => JSON.parse(m.value) as { group: string; error: string; value: string },
    );
    expect(letters).toContainEqual(
      expect.objectContaining({ group: 'security-gate', value: '{"not": "an envelope"' }),
    );
    expect(letters).toContainEqual(
      expect.objectContaining({
        group: 'security-gate',
        error: 'CheckInDecided version 9 is not one this consumer reads (CheckInDecided@1)',
      }),
    );
    const p = await passenger('SG0008');
    expect(((await present(atEGate(p))).body as View).cleared).toBe(true);
    // QA reads how many this process dead-lettered (a live airport day checks it is none).
    const counted = await services.http
      .get('/v1/maintenance/dead-letters')
      .set('x-api-key', KEYS.qa);
    expect(counted.status).toBe(200);
    const { total, byTopic } = counted.body as { total: number; byTopic: Record<string, number> };
    expect(byTopic['biogate.journey.v1']).toBeGreaterThanOrEqual(2);
    expect(total).toBe(Object.values(byTopic).reduce((sum, n) => sum + n, 0));
    const operator = await services.http
      .get('/v1/maintenance/dead-letters')
      .set('x-api-key', KEYS.operatorSGN);
    expect(operator.status).toBe(403);
  });
});
