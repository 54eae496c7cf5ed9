import { parseBcbp } from '@biogate/domain';
import { settle } from '../support/journey-steps';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';

/**
 * One passenger from booking to boarded across the three services in one process, all
 * biometric: the happy path of the directive, at the instant of each step.
 */
describe('a whole biometric journey in embedded mode', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('PGlite', '2025-11-30T20:00:00+07:00');
  }, 60_000);

  afterAll(() => services.close());

  it('books, enrols, checks in by face, clears security and boards through e-gates', async () => {
    const booked = await services.http
      .post('/v1/bookings')
      .set('x-api-key', KEYS.airlineVN)
      .send({
        pnr: 'JRNY01',
        flight: {
          carrier: 'VN',
          number: '209',
          date: '2025-12-01',
          origin: 'SGN',
          destination: 'HAN',
          departureAt: '2025-12-01T07:00:00+07:00',
          international: false,
        },
        passengers: [
          {
            surname: 'LE',
            givenName: 'THI HOA',
            birthDate: '1988-07-21',
            document: { type: 'CITIZEN_ID_CARD', number: '079188002121' },
            checkedBags: 0,
          },
        ],
      });
    expect(booked.status).toBe(201);
    const passengerId = (booked.body as { passengers: { passengerId: string }[] }).passengers[0]!
      .passengerId;

    // 30 Nov 20:00, in the enrolment window: enrol in the VNeID app (24 h to 1 h before departure).
    const enrolled = await services.http
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.airlineVN)
      .send({
        passengerId,
        channel: 'VNEID_APP',
        consent: true,
        capture: { quality: 'GOOD', seed: 'j1' },
      });
    expect(enrolled.body).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });

    // 30 Nov 23:50, still BIOMETRIC_ENROLMENT: biometric check-in.
    services.clock.set(Date.parse('2025-11-30T23:50:00+07:00'));
    const checkedIn = await services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.airlineVN)
      .send({ passengerId, channel: 'BIOMETRIC', capture: { quality: 'GOOD', seed: 'j2' } });
    expect(checkedIn.status).toBe(201);
    const checkIn = checkedIn.body as {
      decision: { phase: string; incentiveWindow: boolean };
      boardingPass: { bcbp: string };
    };
    expect(checkIn.decision).toMatchObject({ phase: 'BIOMETRIC_ENROLMENT', incentiveWindow: true });
    expect(parseBcbp(checkIn.boardingPass.bcbp).ok).toBe(true);
    await settle(services);

    // Both gates keep the same read model of the pass and of the flight's gallery entry.
    const readModel = (schema: string) =>
      services.opened.platform.unitOfWork.read(async (em) => ({
        pass: await em.query<object[]>(
          `SELECT bcbp, flight_id, carrier, flight_number, to_char(departure_date, 'YYYY-MM-DD') AS date,
                  origin, destination, departure_at, international, seat, issued_at
             FROM ${schema}.boarding_pass WHERE passenger_id = $1`,
          [passengerId],
        ),
        gallery: await em.query<object[]>(
          `SELECT template_id, sealed, departure_at, staged_at
             FROM ${schema}.gallery_entry WHERE passenger_id = $1`,
          [passengerId],
        ),
      }));
    const atSecurity = await readModel('security');
    expect(atSecurity.pass).toEqual([
      expect.objectContaining({
        bcbp: checkIn.boardingPass.bcbp,
        seat: '1A',
        issued_at: new Date('2025-11-30T16:50:00.000Z'),
      }),
    ]);
    expect(atSecurity.gallery).toEqual([
      expect.objectContaining({ staged_at: new Date('2025-11-30T16:50:00.000Z') }),
    ]);
    expect(await readModel('boarding')).toEqual(atSecurity);

    // 1 Dec 00:20: security is judged under the new phase.
    services.clock.set(Date.parse('2025-12-01T00:20:00+07:00'));
    const screened = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send({
        airport: 'SGN',
        lane: 'AUTOMATED',
        boardingPass: checkIn.boardingPass.bcbp,
        document: { type: 'CITIZEN_ID_CARD', number: '079188002121' },
        capture: { quality: 'GOOD', seed: 'j3' },
      });
    expect(screened.body).toMatchObject({
      cleared: true,
      decision: { phase: 'BIOMETRIC_DEFAULT', outcome: 'ALLOWED' },
    });
    await settle(services);

    services.clock.set(Date.parse('2025-12-01T06:20:00+07:00'));
    await services.http
      .post('/v1/boarding/flights/open')
      .set('x-api-key', KEYS.operatorSGN)
      .send({ airport: 'SGN', carrier: 'VN', number: '209', date: '2025-12-01', gate: '5' });
    const boarded = await services.http
      .post('/v1/boarding/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send({
        airport: 'SGN',
        gate: '5',
        lane: 'AUTOMATED',
        boardingPass: checkIn.boardingPass.bcbp,
        document: { type: 'CITIZEN_ID_CARD', number: '079188002121' },
        capture: { quality: 'GOOD', seed: 'j4' },
      });
    expect(boarded.body).toMatchObject({
      boarded: true,
      seat: '1A',
      decision: { outcome: 'ALLOWED' },
    });
    await settle(services);

    const journey = await services.http
      .get(`/v1/passengers/${passengerId}/journey`)
      .set('x-api-key', KEYS.airlineVN);
    expect(journey.status).toBe(200);
    const view = journey.body as {
      steps: { touchpoint: string; point: string; at: string; decision: { phase: string } }[];
      incentiveEligible: boolean;
    };
    expect(view.steps.map((s) => [s.touchpoint, s.point, s.at, s.decision.phase])).toEqual([
      ['CHECK_IN', 'BIOMETRIC', '2025-11-30T16:50:00.000Z', 'BIOMETRIC_ENROLMENT'],
      ['SECURITY', 'AUTOMATED', '2025-11-30T17:20:00.000Z', 'BIOMETRIC_DEFAULT'],
      ['BOARDING', 'AUTOMATED', '2025-11-30T23:20:00.000Z', 'BIOMETRIC_DEFAULT'],
    ]);
    // Security and boarding fell after 1 Dec: the journey was not biometric inside the window.
    expect(view.incentiveEligible).toBe(false);
  });

  it('marks a journey wholly biometric inside the enrolment window as incentive-eligible', async () => {
    services.clock.set(Date.parse('2025-11-20T08:00:00+07:00'));
    const booked = await services.http
      .post('/v1/bookings')
      .set('x-api-key', KEYS.qa)
      .send({
        pnr: 'JRNY02',
        flight: {
          carrier: 'VJ',
          number: '120',
          date: '2025-11-20',
          origin: 'SGN',
          destination: 'DAD',
          departureAt: '2025-11-20T11:00:00+07:00',
          international: false,
        },
        passengers: [
          {
            surname: 'PHAM',
            givenName: 'MINH',
            document: { type: 'IDENTITY_CARD', number: '001099003456' },
            checkedBags: 0,
          },
        ],
      });
    const passengerId = (booked.body as { passengers: { passengerId: string }[] }).passengers[0]!
      .passengerId;
    await services.http
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel: 'COUNTER',
        consent: true,
        capture: { quality: 'GOOD', seed: 'k1' },
      });
    const checkIn = await services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .send({ passengerId, channel: 'BIOMETRIC', capture: { quality: 'GOOD', seed: 'k2' } });
    const bcbp = (checkIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp;
    await settle(services);
    const gate = {
      boardingPass: bcbp,
      document: { type: 'IDENTITY_CARD', number: '001099003456' },
      capture: { quality: 'GOOD', seed: 'k3' },
    };
    await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.qa)
      .send({ airport: 'SGN', lane: 'AUTOMATED', ...gate });
    await settle(services);
    await services.http
      .post('/v1/boarding/flights/open')
      .set('x-api-key', KEYS.qa)
      .send({ airport: 'SGN', carrier: 'VJ', number: '120', date: '2025-11-20', gate: '3' });
    await services.http
      .post('/v1/boarding/presentations')
      .set('x-api-key', KEYS.qa)
      .send({ airport: 'SGN', gate: '3', lane: 'AUTOMATED', ...gate });
    await settle(services);
    const journey = await services.http
      .get(`/v1/passengers/${passengerId}/journey`)
      .set('x-api-key', KEYS.qa);
    expect(journey.body).toMatchObject({ incentiveEligible: true });
    expect((journey.body as { steps: unknown[] }).steps).toHaveLength(3);
  });
});
