import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import { booking } from '../support/booking-fixtures';
import { databaseState } from '../support/database-state';
import { settle } from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

type Json = Record<string, unknown>;

/** domain.md, "Ticket purchase through VNeID": the first step of the biometric journey. */
describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])(
  'ticket purchase through VNeID, on %s',
  (kind) => {
    let services: RunningServices;
    let flight = 600;
    const journey: TransportMessage[] = [];

    beforeAll(async () => {
      // 20 Nov 2025: inside the BIOMETRIC_ENROLMENT (incentive) window.
      services = await startServices(kind, '2025-11-20T07:00:00+07:00');
      services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) => {
        journey.push(m);
        return Promise.resolve();
      });
    }, 60_000);
    afterAll(() => services.close());

    const inApp = (pnr: string, number: string, passenger: Json = {}) =>
      booking(pnr, {
        flight: {
          number: String(flight++),
          date: '2025-11-20',
          departureAt: '2025-11-20T11:00:00+07:00',
        },
        passenger: {
          document: { type: 'CITIZEN_ID_CARD', number, expiresOn: '2031-05-01' },
          purchaseChannel: 'VNEID_APP',
          identityConsent: true,
          ...passenger,
        },
      });
    const post = (body: Json) =>
      services.http.post('/v1/bookings').set('x-api-key', KEYS.qa).send(body);
    const onRecord = (number: string, facts: Json) =>
      services.http
        .put(`/v1/maintenance/population-register/${number}`)
        .set('x-api-key', KEYS.qa)
        .send(facts);

    it('books a level-2 citizen whose identity matches the register, and says so in an event', async () => {
      expect(
        (
          await onRecord('079200600001', {
            surname: 'NGUYEN',
            givenName: 'VAN AN',
            birthDate: '1990-02-03',
          })
        ).status,
      ).toBe(200);
      const response = await post(inApp('APP001', '079200600001'));
      expect(response.status).toBe(201);
      const view = response.body as {
        outcome: string;
        passengers: { passengerId: string; purchaseChannel: string }[];
      };
      expect(view.outcome).toBe('BOOKED');
      expect(view.passengers[0]!.purchaseChannel).toBe('VNEID_APP');
      const passengerId = view.passengers[0]!.passengerId;
      await settle(services);
      const purchased = journey
        .map((m) => JSON.parse(m.value) as EventEnvelope<Json>)
        .find((e) => e.type === 'TicketPurchased' && e.key === passengerId);
      expect(purchased?.payload).toMatchObject({
        passengerId,
        channel: 'VNEID_APP',
        incentiveWindow: true,
        identityConsentAt: '2025-11-20T00:00:00.000Z',
      });
      const journeyView = await services.http
        .get(`/v1/passengers/${passengerId}/journey`)
        .set('x-api-key', KEYS.qa);
      expect(journeyView.body).toMatchObject({
        ticketPurchase: { channel: 'VNEID_APP', incentiveWindow: true },
        fullBiometric: false,
      });
    });

    it.each<[string, Json, Json, string]>([
      [
        'a passport',
        {},
        { document: { type: 'PASSPORT', number: 'C1234567' } },
        'DOCUMENT_NOT_ELIGIBLE',
      ],
      ['a number unknown to the register', { registered: false }, {}, 'NOT_IN_POPULATION_REGISTER'],
      ['a level-1 account', { vneidLevel: 1 }, {}, 'VNEID_LEVEL_TOO_LOW'],
      ['another surname on record', { surname: 'TRAN' }, {}, 'IDENTITY_MISMATCH'],
      ['another birth date on record', { birthDate: '1991-02-03' }, {}, 'IDENTITY_MISMATCH'],
    ])(
      'refuses %s as a value, and creates nothing of the booking',
      async (_label, facts, passenger, reason) => {
        const number = `0792006${String(flight).padStart(5, '0')}`;
        expect((await onRecord(number, { registered: true, vneidLevel: 2, ...facts })).status).toBe(
          200,
        );
        await settle(services);
        const before = await databaseState(services);
        const body = inApp(`REF${String(flight).slice(-3)}`, number, passenger);
        // A second passenger who bought at the airline's desk: refused with the whole booking.
        (body.passengers as Json[]).push({
          surname: 'LE',
          givenName: 'THI HOA',
          document: { type: 'CITIZEN_ID_CARD', number: '079200699999' },
          checkedBags: 0,
        });
        const response = await post(body);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          outcome: 'REFUSED',
          pnr: body.pnr,
          refusals: [{ passenger: 0, reason }],
        });
        await settle(services);
        expect(await databaseState(services)).toEqual(before);
      },
    );

    it.each<[string, Json, string]>([
      ['without consent', { identityConsent: undefined }, 'body.passengers[0].identityConsent'],
      ['with consent refused', { identityConsent: false }, 'body.passengers[0].identityConsent'],
      ['without a birth date', { birthDate: undefined }, 'body.passengers[0].birthDate'],
      [
        'through an unknown channel',
        { purchaseChannel: 'TRAVEL_AGENT' },
        'body.passengers[0].purchaseChannel',
      ],
    ])('refuses a VNeID purchase %s as an input error', async (_label, patch, path) => {
      const response = await post(inApp(`BAD${String(flight).slice(-3)}`, '079200600002', patch));
      expect(response.status).toBe(400);
      expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        path,
      ]);
    });

    it.each([
      ['VNEID_APP', true],
      ['AIRLINE', false],
    ])(
      'marks a journey biometric at all four steps inside the window, bought through %s, FULL_BIOMETRIC: %s',
      async (channel, full) => {
        const number = `0792007${String(flight).padStart(5, '0')}`;
        const number3 = String(flight);
        const body = inApp(`FUL${number3.slice(-3)}`, number, {
          purchaseChannel: channel,
          ...(channel === 'AIRLINE' ? { identityConsent: undefined } : {}),
        });
        const booked = await post(body);
        expect(booked.status).toBe(201);
        const passengerId = (booked.body as { passengers: { passengerId: string }[] })
          .passengers[0]!.passengerId;
        const flightNumber = (body.flight as { number: string }).number;
        const enrolled = await services.http
          .post('/v1/enrolments')
          .set('x-api-key', KEYS.qa)
          .send({ passengerId, channel: 'COUNTER', consent: true, capture: { quality: 'GOOD' } });
        expect(enrolled.body).toMatchObject({ outcome: 'ENROLLED' });
        const checkIn = await services.http
          .post('/v1/check-ins')
          .set('x-api-key', KEYS.qa)
          .send({ passengerId, channel: 'BIOMETRIC', capture: { quality: 'GOOD' } });
        expect(checkIn.status).toBe(201);
        await settle(services);
        const gate = {
          boardingPass: (checkIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp,
          document: { type: 'CITIZEN_ID_CARD', number },
          capture: { quality: 'GOOD' },
        };
        await services.http
          .post('/v1/security/presentations')
          .set('x-api-key', KEYS.qa)
          .send({ airport: 'SGN', lane: 'AUTOMATED', ...gate });
        await services.http.post('/v1/boarding/flights/open').set('x-api-key', KEYS.qa).send({
          airport: 'SGN',
          carrier: 'VN',
          number: flightNumber,
          date: '2025-11-20',
          gate: '3',
        });
        await settle(services);
        await services.http
          .post('/v1/boarding/presentations')
          .set('x-api-key', KEYS.qa)
          .send({ airport: 'SGN', gate: '3', lane: 'AUTOMATED', ...gate });
        await settle(services);
        const view = await services.http
          .get(`/v1/passengers/${passengerId}/journey`)
          .set('x-api-key', KEYS.qa);
        expect(view.body).toMatchObject({
          ticketPurchase: { channel, incentiveWindow: true },
          incentiveEligible: true,
          fullBiometric: full,
        });
      },
    );
  },
);
