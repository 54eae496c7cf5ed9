import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import type { SimulatedPopulationRegister } from '@biogate/domain';
import { CheckInOutbox } from '../../apps/checkin/src/checkin-outbox';
import { bookPassenger } from '../support/booking-fixtures';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

interface Outcome {
  outcome: string;
  reason: string;
  enrolmentId?: string;
  templateId?: string;
  similarity?: number;
}

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('biometric enrolment on %s', (kind) => {
  let services: RunningServices;
  const identity: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind);
    services.transport.subscribe(['biogate.identity.v1'], 'test-identity-reader', (m) =>
      Promise.resolve(void identity.push(m)),
    );
  }, 60_000);

  afterAll(() => services.close());

  const enrol = (body: object, key: string = KEYS.airlineVN) =>
    services.http.post('/v1/enrolments').set('x-api-key', key).send(body);
  const enrolments = () => services.count('SELECT count(*) AS n FROM checkin.enrolment');
  const events = async () => {
    await services.app.get(CheckInOutbox).drain();
    await services.transport.idle();
    return identity.map((m) => JSON.parse(m.value) as EventEnvelope);
  };
  const genuine = (passengerId: string, seed = 'enrol-1') => ({
    passengerId,
    channel: 'COUNTER',
    consent: true,
    capture: { quality: 'GOOD', seed },
  });

  describe('a genuine passenger at the counter', () => {
    let passengerId: string;
    let outcome: Outcome;

    beforeAll(async () => {
      passengerId = await bookPassenger(services, 'EN0001', {
        passenger: { document: { type: 'CITIZEN_ID_CARD', number: '079200005555' } },
      });
      const response = await enrol(genuine(passengerId));
      expect(response.status).toBe(201);
      outcome = response.body as Outcome;
    });

    it('is enrolled after a 1:1 match with the chip photo', () => {
      expect(outcome).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
      expect(outcome.similarity).toBeGreaterThan(0.9);
    });

    it('keeps the template sealed, and announces only identity references', async () => {
      const rows = await services.opened.platform.unitOfWork.read((em) =>
        em.query<{ template_ciphertext: Buffer; template_id: string }[]>(
          'SELECT template_ciphertext, template_id FROM checkin.enrolment WHERE id = $1',
          [outcome.enrolmentId],
        ),
      );
      const sealed = rows[0]!;
      expect(sealed.template_ciphertext).toHaveLength(128 * 4);
      const event = (await events()).find(
        (e) => e.type === 'PassengerEnrolled' && e.key === passengerId,
      );
      expect(event?.payload).toEqual({
        enrolmentId: outcome.enrolmentId,
        templateId: outcome.templateId,
        passengerId,
        channel: 'COUNTER',
      });
      expect(JSON.stringify(event)).not.toContain('079200005555');
    });

    it('opens biometric channels for the passenger', async () => {
      const response = await services.http
        .get(`/v1/passengers/${passengerId}/channels`)
        .query({ at: '2025-12-01T07:30:00+07:00' })
        .set('x-api-key', KEYS.qa);
      expect(response.body).toMatchObject({
        biometricEnrolled: true,
        checkIn: { COUNTER: { redirectTo: 'BIOMETRIC' }, BIOMETRIC: { outcome: 'ALLOWED' } },
        security: { AUTOMATED: { outcome: 'ALLOWED' } },
      });
    });

    it('answers ALREADY_ENROLLED the second time, and stores nothing more', async () => {
      const before = await enrolments();
      const response = await enrol(genuine(passengerId, 'enrol-2'));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        outcome: 'ENROLLED',
        reason: 'ALREADY_ENROLLED',
        enrolmentId: outcome.enrolmentId,
      });
      expect(await enrolments()).toBe(before);
    });

    it('deletes the enrolment and its template when consent is withdrawn', async () => {
      const response = await services.http
        .delete(`/v1/enrolments/${outcome.enrolmentId!}`)
        .set('x-api-key', KEYS.airlineVN);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        enrolmentId: outcome.enrolmentId,
        templateId: outcome.templateId,
      });
      expect(
        await services.count(
          `SELECT count(*) AS n FROM checkin.enrolment WHERE id = '${outcome.enrolmentId!}'`,
        ),
      ).toBe(0);
      const types = (await events()).filter((e) => e.key === passengerId).map((e) => e.type);
      expect(types).toEqual(['PassengerEnrolled', 'ConsentWithdrawn', 'TemplateDeleted']);
      const channels = await services.http
        .get(`/v1/passengers/${passengerId}/channels`)
        .set('x-api-key', KEYS.qa);
      expect(channels.body).toMatchObject({ biometricEnrolled: false });
      expect(
        (
          await services.http
            .delete(`/v1/enrolments/${outcome.enrolmentId!}`)
            .set('x-api-key', KEYS.qa)
        ).status,
      ).toBe(404);
    });
  });

  it.each<[string, Record<string, unknown>, object, string]>([
    [
      'an impostor with another person\u2019s card',
      {},
      { capture: { quality: 'GOOD', subject: '001099999999', seed: 'imp' } },
      'FACE_MISMATCH',
    ],
    [
      'a presentation attack',
      {},
      { capture: { quality: 'GOOD', presentationAttack: true, seed: 'attack-1' } },
      'LIVENESS_FAILED',
    ],
    [
      'a passport holder',
      { document: { type: 'PASSPORT', number: 'C1234567' } },
      {},
      'DOCUMENT_NOT_ELIGIBLE',
    ],
    [
      'the VNeID app two days before the flight',
      {},
      { channel: 'VNEID_APP', at: '2025-11-29T09:00:00+07:00' },
      'OUTSIDE_APP_WINDOW',
    ],
    [
      'the VNeID app with a level-1 account',
      { document: { type: 'CITIZEN_ID_CARD', number: '079200000001' } },
      { channel: 'VNEID_APP', level: 1 },
      'VNEID_LEVEL_TOO_LOW',
    ],
    [
      'someone the register does not know',
      { document: { type: 'CITIZEN_ID_CARD', number: '079200000002' } },
      { unregistered: true },
      'NOT_IN_POPULATION_REGISTER',
    ],
  ])('refuses %s, storing nothing', async (_who, passenger, attempt, reason) => {
    const pnr = `R${reason.slice(0, 5).replace(/_/g, 'X')}`;
    const passengerId = await bookPassenger(services, pnr, { passenger });
    const { at, level, unregistered, ...overrides } = attempt as {
      at?: string;
      level?: 0 | 1;
      unregistered?: boolean;
    };
    const register = services.opened.platform.populationRegister as SimulatedPopulationRegister;
    const number =
      (passenger.document as { number?: string } | undefined)?.number ?? '079200001234';
    if (level !== undefined) register.override(number, { vneidLevel: level });
    if (unregistered) register.override(number, { registered: false });
    if (at !== undefined) services.clock.set(Date.parse(at));
    const before = await enrolments();
    const response = await enrol({ ...genuine(passengerId), ...overrides });
    services.clock.set(Date.parse('2025-12-01T07:30:00+07:00'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'REFUSED', reason });
    expect(await enrolments()).toBe(before);
  });

  it('enrols through the VNeID app inside its window', async () => {
    const passengerId = await bookPassenger(services, 'APP001', {
      passenger: { document: { type: 'VNEID_ACCOUNT', number: '079200007777' } },
    });
    const response = await enrol({ ...genuine(passengerId), channel: 'VNEID_APP' });
    expect(response.status).toBe(201);
  });

  it.each<[string, object, string]>([
    ['no consent', { consent: false }, 'body.consent'],
    ['a capture without quality', { capture: { seed: 'x' } }, 'body.capture.quality'],
    ['an unknown channel', { channel: 'KIOSK' }, 'body.channel'],
  ])('answers 400 for %s', async (_what, patch, path) => {
    const passengerId = await bookPassenger(
      services,
      `B4${path.length}${Object.keys(patch)[0]!.slice(0, 3).toUpperCase()}`
        .slice(0, 6)
        .padEnd(6, 'Z'),
    );
    const before = await enrolments();
    const response = await enrol({ ...genuine(passengerId), ...patch });
    expect(response.status).toBe(400);
    expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      path,
    ]);
    expect(await enrolments()).toBe(before);
  });

  it('lets an airline enrol only its own passengers', async () => {
    const passengerId = await bookPassenger(services, 'OWN001');
    const response = await enrol(genuine(passengerId), KEYS.airlineVJ);
    expect(response.status).toBe(403);
    expect((await enrol(genuine(passengerId), KEYS.operatorSGN)).status).toBe(403);
  });
});
