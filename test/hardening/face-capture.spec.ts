import {
  atBoardingEGate,
  checkedInPassenger,
  openBoarding,
  settle,
  throughSecurity,
} from '../support/journey-steps';
import { bookPassenger } from '../support/booking-fixtures';
import { databaseState } from '../support/database-state';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

interface ErrorBody {
  statusCode: number;
  errors?: { path: string; message: string }[];
}

/** Every shape of "no face" that once skipped the 1:1 match, or might. */
const NO_FACE: [string, Record<string, unknown>][] = [
  ['missing', {}],
  ['null', { capture: null }],
  ['an empty object', { capture: {} }],
  ['an array', { capture: [] }],
  ['a string', { capture: 'GOOD' }],
  ['a quality of null', { capture: { quality: null } }],
  ['an unknown quality', { capture: { quality: 'PERFECT' } }],
  ['a subject of null', { capture: { quality: 'GOOD', subject: null } }],
  ['a presentationAttack of null', { capture: { quality: 'GOOD', presentationAttack: null } }],
];

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])(
  'the face check cannot be skipped, on %s',
  (kind) => {
    let services: RunningServices;
    let flight = 700;

    beforeAll(async () => {
      services = await startServices(kind);
    }, 60_000);
    afterAll(() => services.close());

    const expectRefusedWithoutTrace = async (
      send: () => Promise<{ status: number; body: unknown }>,
    ) => {
      await settle(services);
      const before = await databaseState(services);
      const response = await send();
      expect(response.status).toBe(400);
      const paths = ((response.body as ErrorBody).errors ?? []).map((e) => e.path);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(path.startsWith('body.capture')).toBe(true);
      await settle(services);
      expect(await databaseState(services)).toEqual(before);
    };

    it.each(NO_FACE)(
      'refuses a capture that is %s at the security e-gate, right after a face mismatch',
      async (_label, capture) => {
        const p = await checkedInPassenger(services, `SCA${flight}`, {
          enrolled: true,
          flightNumber: String(flight++),
        });
        const base = {
          airport: 'SGN',
          lane: 'AUTOMATED',
          boardingPass: p.boardingPass,
          document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
        };
        const impostor = await services.http
          .post('/v1/security/presentations')
          .set('x-api-key', KEYS.operatorSGN)
          .send({ ...base, capture: { quality: 'GOOD', subject: '079211112222' } });
        expect(impostor.body).toMatchObject({
          cleared: false,
          decision: { reason: 'FACE_MISMATCH' },
        });
        await expectRefusedWithoutTrace(() =>
          services.http
            .post('/v1/security/presentations')
            .set('x-api-key', KEYS.operatorSGN)
            .send({ ...base, ...capture }),
        );
      },
    );

    it.each(NO_FACE)(
      'refuses a capture that is %s at the boarding e-gate',
      async (_label, capture) => {
        const number = String(flight++);
        const p = await checkedInPassenger(services, `BCA${number}`, {
          enrolled: true,
          flightNumber: number,
        });
        expect((await throughSecurity(services, p, 'AUTOMATED')).cleared).toBe(true);
        const open = await openBoarding(services, number);
        expect(open.status).toBe(200);
        await expectRefusedWithoutTrace(() =>
          services.http
            .post('/v1/boarding/presentations')
            .set('x-api-key', KEYS.operatorSGN)
            .send(atBoardingEGate(p, { capture: undefined, ...capture })),
        );
      },
    );

    it.each(NO_FACE)(
      'refuses a capture that is %s at biometric check-in',
      async (_label, capture) => {
        const pnr = `CCA${flight++}`;
        const passengerId = await bookPassenger(services, pnr, {
          flight: { number: String(flight) },
          passenger: { document: { type: 'CITIZEN_ID_CARD', number: `079200000${flight}` } },
        });
        const enrolment = await services.http
          .post('/v1/enrolments')
          .set('x-api-key', KEYS.qa)
          .send({ passengerId, channel: 'COUNTER', consent: true, capture: { quality: 'GOOD' } });
        expect(enrolment.status).toBe(201);
        await expectRefusedWithoutTrace(() =>
          services.http
            .post('/v1/check-ins')
            .set('x-api-key', KEYS.qa)
            .send({ passengerId, channel: 'BIOMETRIC', ...capture }),
        );
      },
    );

    it('still needs no face at a manual lane, and refuses a null one there too', async () => {
      const p = await checkedInPassenger(services, `MNA${flight}`, {
        enrolled: false,
        flightNumber: String(flight++),
      });
      const base = {
        airport: 'SGN',
        lane: 'MANUAL',
        boardingPass: p.boardingPass,
        document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
      };
      await expectRefusedWithoutTrace(() =>
        services.http
          .post('/v1/security/presentations')
          .set('x-api-key', KEYS.operatorSGN)
          .send({ ...base, capture: null }),
      );
      const manual = await services.http
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(base);
      expect(manual.body).toMatchObject({ cleared: true, decision: { outcome: 'ALLOWED' } });
    });
  },
);
