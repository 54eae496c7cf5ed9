import { bookPassenger, booking } from '../support/booking-fixtures';
import { databaseState } from '../support/database-state';
import {
  atBoardingEGate,
  checkedInPassenger,
  openBoarding,
  settle,
  throughSecurity,
} from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

const UNKNOWN = '6f1c2b0e-0000-4000-8000-00000000dead';

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])(
  'scope, privacy and the directive, on %s',
  (kind) => {
    let services: RunningServices;
    let flight = 800;

    beforeAll(async () => {
      services = await startServices(kind);
    }, 60_000);
    afterAll(() => services.close());

    const nextFlight = () => String(flight++);
    const journeySteps = async (passengerId: string) =>
      (
        (await services.http.get(`/v1/passengers/${passengerId}/journey`).set('x-api-key', KEYS.qa))
          .body as { steps: unknown[] }
      ).steps.length;
    const enrol = (
      passengerId: string,
      capture: object = { quality: 'GOOD' },
      key: string = KEYS.qa,
    ) =>
      services.http
        .post('/v1/enrolments')
        .set('x-api-key', key)
        .send({ passengerId, channel: 'COUNTER', consent: true, capture });
    const openAs = (number: string, body: object = {}) =>
      services.http
        .post('/v1/boarding/flights/open')
        .set('x-api-key', KEYS.qa)
        .send({ airport: 'SGN', carrier: 'VN', number, date: '2025-12-01', gate: '12', ...body });

    describe('another airport’s boarding pass', () => {
      it.each([
        ['security', '/v1/security/alerts', { lane: 'MANUAL' }],
        ['boarding', '/v1/boarding/alerts', { lane: 'MANUAL', gate: '3' }],
      ])(
        'at %s tells nothing of the passenger and writes nothing to their journey',
        async (point, alertsPath, body) => {
          const p = await checkedInPassenger(
            services,
            `WA${point.slice(0, 1).toUpperCase()}${flight}`,
            {
              enrolled: false,
              flightNumber: nextFlight(),
            },
          );
          const stepsBefore = await journeySteps(p.passengerId);
          const response = await services.http
            .post(`/v1/${point}/presentations`)
            .set('x-api-key', KEYS.operatorHAN)
            .send({
              airport: 'HAN',
              boardingPass: p.boardingPass,
              document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
              ...body,
            });
          expect(response.status).toBe(200);
          expect(response.body).toMatchObject({
            decision: { reason: 'BOARDING_PASS_WRONG_AIRPORT' },
          });
          const text = JSON.stringify(response.body);
          expect(text).not.toContain(p.passengerId);
          expect(response.body).not.toHaveProperty('seat');
          expect(text).not.toContain('SGN');
          await settle(services);
          expect(await journeySteps(p.passengerId)).toBe(stepsBefore);
          const alerts = (
            await services.http
              .get(alertsPath)
              .query({ airport: 'HAN' })
              .set('x-api-key', KEYS.operatorHAN)
          ).body as { passengerId?: string }[];
          expect(alerts.length).toBeGreaterThan(0);
          expect(JSON.stringify(alerts)).not.toContain(p.passengerId);
        },
      );
    });

    it('tells an existing enrolment only to the matching face, never its template id', async () => {
      const number = '079200770001';
      const vn = await bookPassenger(services, 'ENRVN1', {
        flight: { number: nextFlight() },
        passenger: { document: { type: 'CITIZEN_ID_CARD', number } },
      });
      expect((await enrol(vn)).body).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
      const vjBooking = booking('ENRVJ1', {
        flight: { carrier: 'VJ', number: nextFlight() },
        passenger: { document: { type: 'CITIZEN_ID_CARD', number } },
      });
      const vjBooked = await services.http
        .post('/v1/bookings')
        .set('x-api-key', KEYS.airlineVJ)
        .send(vjBooking);
      expect(vjBooked.status).toBe(201);
      const vj = (vjBooked.body as { passengers: { passengerId: string }[] }).passengers[0]!
        .passengerId;
      const impostor = await enrol(
        vj,
        { quality: 'GOOD', subject: '079200779999' },
        KEYS.airlineVJ,
      );
      expect(impostor.body).toMatchObject({ outcome: 'REFUSED', reason: 'FACE_MISMATCH' });
      expect(impostor.body).not.toHaveProperty('enrolmentId');
      const holder = await enrol(vj, { quality: 'GOOD' }, KEYS.airlineVJ);
      expect(holder.body).toMatchObject({ outcome: 'ENROLLED', reason: 'ALREADY_ENROLLED' });
      expect(holder.body).not.toHaveProperty('templateId');
    });

    it('checks scope before existence: journey, channels and withdrawal', async () => {
      const vn = await bookPassenger(services, 'SCOPE1', { flight: { number: nextFlight() } });
      const enrolment = (await enrol(vn)).body as { enrolmentId: string };
      const calls = (id: string, enrolmentId: string) => [
        services.http.get(`/v1/passengers/${id}/journey`).set('x-api-key', KEYS.airlineVJ),
        services.http.get(`/v1/passengers/${id}/channels`).set('x-api-key', KEYS.airlineVJ),
        services.http.get(`/v1/passengers/${id}/journey`).set('x-api-key', KEYS.operatorHAN),
        services.http.delete(`/v1/enrolments/${enrolmentId}`).set('x-api-key', KEYS.airlineVJ),
      ];
      const known = await Promise.all(calls(vn, enrolment.enrolmentId));
      const unknown = await Promise.all(calls(UNKNOWN, UNKNOWN));
      for (const [i, response] of known.entries()) {
        expect(response.status).toBe(403);
        expect(unknown[i]!.status).toBe(403);
        // The same words but the id: nothing says which one exists.
        expect((response.body as { message: string }).message.replace(/[0-9a-f-]{36}/g, 'ID')).toBe(
          (unknown[i]!.body as { message: string }).message.replace(/[0-9a-f-]{36}/g, 'ID'),
        );
        expect(JSON.stringify(response.body)).not.toMatch(/VN|SGN/);
      }
      const qa = await services.http
        .get(`/v1/passengers/${UNKNOWN}/journey`)
        .set('x-api-key', KEYS.qa);
      expect(qa.status).toBe(404);
    });

    it('opens boarding only at a known airport, for a booked flight', async () => {
      await settle(services);
      const before = await databaseState(services);
      const zzz = await openAs('1', { airport: 'ZZZ' });
      expect(zzz.status).toBe(400);
      expect(zzz.body).toMatchObject({ errors: [{ path: 'body.airport' }] });
      const ghost = await openAs('9999');
      expect(ghost.status).toBe(404);
      expect(await databaseState(services)).toEqual(before);
    });

    it('serves at the e-gates a passenger who enrols after checking a bag in at the counter', async () => {
      const number = nextFlight();
      const passengerId = await bookPassenger(services, 'LATE01', {
        flight: { number },
        passenger: {
          document: { type: 'CITIZEN_ID_CARD', number: '079200880001' },
          checkedBags: 1,
        },
      });
      const checkIn = await services.http
        .post('/v1/check-ins')
        .set('x-api-key', KEYS.qa)
        .send({ passengerId, channel: 'COUNTER' });
      expect(checkIn.body).toMatchObject({ decision: { outcome: 'ALLOWED' } });
      const stagings = () =>
        services.count(
          `SELECT count(*) AS n FROM checkin.template_access WHERE touchpoint = 'GALLERY'`,
        );
      const before = await stagings();
      expect((await enrol(passengerId)).body).toMatchObject({ outcome: 'ENROLLED' });
      // The template read that staged the flight's gallery entry, written with the enrolment.
      expect(await stagings()).toBe(before + 1);
      await settle(services);
      const p = {
        passengerId,
        personalIdNumber: '079200880001',
        boardingPass: (checkIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp,
      };
      expect(await throughSecurity(services, p, 'AUTOMATED')).toMatchObject({
        cleared: true,
        decision: { outcome: 'ALLOWED' },
      });
      expect((await openBoarding(services, number)).status).toBe(200);
      const boarded = await services.http
        .post('/v1/boarding/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(atBoardingEGate(p));
      expect(boarded.body).toMatchObject({ boarded: true, decision: { outcome: 'ALLOWED' } });
    });

    it('serves at the e-gate a passenger who enrols again after withdrawing', async () => {
      const p = await checkedInPassenger(services, `AGN${flight}`, {
        enrolled: true,
        flightNumber: nextFlight(),
      });
      const withdrawn = await services.http
        .delete(`/v1/enrolments/${p.enrolmentId}`)
        .set('x-api-key', KEYS.qa);
      expect(withdrawn.status).toBe(200);
      expect((await enrol(p.passengerId)).body).toMatchObject({
        outcome: 'ENROLLED',
        reason: 'OK',
      });
      await settle(services);
      expect(await throughSecurity(services, p, 'AUTOMATED')).toMatchObject({
        cleared: true,
        decision: { outcome: 'ALLOWED' },
      });
    });

    it.each([
      ['a birth certificate', 'OTHER_VALID', '45/2014'],
      ['a 21-character service ID', 'OTHER_VALID', 'QDND-2019-0001234-HN1'],
      ['a passport with lower-case letters', 'PASSPORT', 'b1234567x'],
    ])('books %s, and the gates judge it the same way', async (_label, type, number) => {
      const p = await checkedInPassenger(services, `DOC${flight}`, {
        enrolled: false,
        flightNumber: nextFlight(),
        document: { type, number },
      });
      const screened = await services.http
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send({
          airport: 'SGN',
          lane: 'MANUAL',
          boardingPass: p.boardingPass,
          document: { type, number },
        });
      expect(screened.body).toMatchObject({ cleared: true, decision: { outcome: 'ALLOWED' } });
    });

    it('refuses a surname or given name over 30 characters, as the message says', async () => {
      const response = await services.http
        .post('/v1/bookings')
        .set('x-api-key', KEYS.qa)
        .send(
          booking('LONG01', { passenger: { surname: 'A'.repeat(31), givenName: 'B'.repeat(31) } }),
        );
      expect(response.status).toBe(400);
      expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        'body.passengers[0].surname',
        'body.passengers[0].givenName',
      ]);
    });
  },
);
