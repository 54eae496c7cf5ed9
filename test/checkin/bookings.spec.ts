import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import { booking } from '../support/booking-fixtures';
import { CheckInOutbox } from '../../apps/checkin/src/checkin-outbox';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

type Json = Record<string, unknown>;

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('check-in bookings API on %s', (kind) => {
  let services: RunningServices;
  const journey: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind);
    services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) =>
      Promise.resolve(void journey.push(m)),
    );
  }, 60_000);

  afterAll(() => services.close());

  const bookings = () => services.count('SELECT count(*) AS n FROM checkin.booking');
  const post = (body: unknown, key: string = KEYS.airlineVN) =>
    services.http
      .post('/v1/bookings')
      .set('x-api-key', key)
      .send(body as object);

  it('creates a booking and announces each passenger on the journey topic, without identity numbers', async () => {
    const response = await post(booking('K7Q2ZD'));
    expect(response.status).toBe(201);
    const body = response.body as {
      bookingId: string;
      passengers: { passengerId: string; document: Json }[];
    };
    expect(body).toMatchObject({
      pnr: 'K7Q2ZD',
      flight: {
        carrier: 'VN',
        number: '213',
        origin: 'SGN',
        destination: 'HAN',
        departureAt: '2025-12-01T02:00:00.000Z',
      },
      passengers: [
        {
          surname: 'NGUYEN',
          givenName: 'VAN AN',
          document: { type: 'CITIZEN_ID_CARD', number: '********1234' },
        },
      ],
    });
    const passengerId = body.passengers[0]!.passengerId;
    await services.app.get(CheckInOutbox).drain();
    await services.transport.idle();
    const event = journey
      .map((m) => JSON.parse(m.value) as EventEnvelope)
      .find((e) => e.key === passengerId);
    expect(event).toMatchObject({
      type: 'PassengerBooked',
      version: 1,
      producer: 'checkin',
      occurredAt: '2025-12-01T00:30:00.000Z',
      payload: { passengerId, pnr: 'K7Q2ZD', flight: { carrier: 'VN', number: '213' } },
    });
    expect(JSON.stringify(event)).not.toContain('079200001234');
  });

  it('refuses the same PNR twice with 409, and announces nothing', async () => {
    const events = () => services.count('SELECT count(*) AS n FROM checkin.outbox');
    // Delivered first: a relay deleting sent rows could not move the count while it is checked.
    await services.app.get(CheckInOutbox).drain();
    const before = [await bookings(), await events()];
    const response = await post(booking('K7Q2ZD'));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ message: 'booking VN K7Q2ZD already exists' });
    // The booking's one statement abandoned itself: none of it, events included, was written.
    expect([await bookings(), await events()]).toEqual(before);
  });

  it('refuses a PNR that exists with 409 on a flight not yet scheduled, and schedules no flight', async () => {
    const flights = () => services.count('SELECT count(*) AS n FROM checkin.flight');
    const events = () => services.count('SELECT count(*) AS n FROM checkin.outbox');
    await services.app.get(CheckInOutbox).drain();
    const before = [await bookings(), await flights(), await events()];
    const response = await post(booking('K7Q2ZD', { flight: { number: '9213' } }));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ message: 'booking VN K7Q2ZD already exists' });
    expect([await bookings(), await flights(), await events()]).toEqual(before);
  });

  it('refuses a booking that reschedules a known flight with 409', async () => {
    const response = await post(
      booking('M3XK9P', { flight: { departureAt: '2025-12-01T10:00:00+07:00' } }),
    );
    expect(response.status).toBe(409);
    expect((response.body as { message: string }).message).toContain('is already scheduled');
  });

  it.each<[string, string | undefined, number, string]>([
    ['no key', undefined, 401, 'an API key is required in the x-api-key header'],
    ['an unknown key', 'not-a-real-key-at-all', 401, 'unknown API key'],
    ['an operator key', KEYS.operatorSGN, 403, 'the OPERATOR role may not call this endpoint'],
    ['another airline', KEYS.airlineVJ, 403, 'Vietjet (demo) may not act for airline VN'],
  ])('refuses %s', async (_who, key, status, message) => {
    const before = await bookings();
    const call = services.http.post('/v1/bookings').send(booking('ZZ0001'));
    const response = await (key === undefined ? call : call.set('x-api-key', key));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ message });
    expect(await bookings()).toBe(before);
  });

  it('lets QA post for any airline', async () => {
    expect((await post(booking('QA0001'), KEYS.qa)).status).toBe(201);
  });

  it('keeps every passenger of a booking as posted, in order', async () => {
    const request = booking('TWO001', {
      passenger: { ssr: ['WCHR', 'DEAF'], checkedBags: 2 },
    }) as { passengers: Json[] };
    request.passengers.push({
      surname: 'LE',
      givenName: 'THI B',
      document: { type: 'PASSPORT', number: 'C7654321' },
      checkedBags: 0,
    });
    expect((await post(request)).status).toBe(201);
    const stored = await services.opened.platform.unitOfWork.read((em) =>
      em.query<Json[]>(
        `SELECT p.position, p.surname, p.given_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth,
                p.document_type, p.document_number,
                to_char(p.document_expires_on, 'YYYY-MM-DD') AS expires, p.checked_bags, p.ssr,
                p.purchase_channel, p.identity_consent_at
           FROM checkin.booked_passenger p JOIN checkin.booking b ON b.id = p.booking_id
          WHERE b.pnr = 'TWO001' ORDER BY p.position`,
      ),
    );
    expect(stored).toEqual([
      {
        position: 0,
        surname: 'NGUYEN',
        given_name: 'VAN AN',
        birth: '1990-02-03',
        document_type: 'CITIZEN_ID_CARD',
        document_number: '079200001234',
        expires: '2031-05-01',
        checked_bags: 2,
        ssr: ['WCHR', 'DEAF'],
        purchase_channel: 'AIRLINE',
        identity_consent_at: null,
      },
      {
        position: 1,
        surname: 'LE',
        given_name: 'THI B',
        birth: null,
        document_type: 'PASSPORT',
        document_number: 'C7654321',
        expires: null,
        checked_bags: 0,
        ssr: [],
        purchase_channel: 'AIRLINE',
        identity_consent_at: null,
      },
    ]);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'a missing PNR',
      { ...booking('X'), pnr: undefined },
      [
        {
          path: 'body.pnr',
          message: 'missing; expected a 6-character record locator, e.g. "K7Q2ZD"',
        },
      ],
    ],
    [
      'a malformed citizen ID number',
      booking('BAD001', {
        passenger: { document: { type: 'CITIZEN_ID_CARD', number: '79200001234' } },
      }),
      [
        {
          path: 'body.passengers[0].document.number',
          message:
            'expected the 12-digit personal identification number of a CITIZEN_ID_CARD, got "79200001234"',
        },
      ],
    ],
    [
      'an unknown document type',
      booking('BAD002', { passenger: { document: { type: 'DRIVING_LICENCE', number: 'B123' } } }),
      [
        {
          path: 'body.passengers[0].document.type',
          message:
            'expected one of CITIZEN_ID_CARD, IDENTITY_CARD, VNEID_ACCOUNT, PASSPORT, OTHER_VALID, got "DRIVING_LICENCE"',
        },
      ],
    ],
    [
      'a name with diacritics',
      booking('BAD003', { passenger: { surname: 'NGUYỄN' } }),
      [
        {
          path: 'body.passengers[0].surname',
          message:
            'expected a name in capital letters without diacritics, as on the ticket (max 30), got "NGUYỄN"',
        },
      ],
    ],
    [
      'an unknown field',
      { ...booking('BAD004'), loyalty: 'gold' },
      [{ path: 'body.loyalty', message: 'unknown field' }],
    ],
    [
      'checked bags as a string',
      booking('BAD005', { passenger: { checkedBags: '1' } }),
      [
        {
          path: 'body.passengers[0].checkedBags',
          message: 'expected an integer from 0 to 9, got "1"',
        },
      ],
    ],
    [
      'ten passengers',
      { ...booking('BAD006'), passengers: Array(10).fill((booking('X').passengers as Json[])[0]) },
      [
        {
          path: 'body.passengers',
          message:
            'expected 1 to 9 passengers, got [{"surname":"NGUYEN","givenName":"VAN AN","birthDate":"19...',
        },
      ],
    ],
    [
      'an unknown origin',
      booking('BAD007', { flight: { origin: 'BKK' } }),
      [
        {
          path: 'body.flight.origin',
          message:
            'unknown airport code "BKK": flights depart from an airport of seeds/reference/airports.json',
        },
      ],
    ],
    [
      'a domestic flight abroad',
      booking('BAD008', { flight: { destination: 'ICN' } }),
      [
        {
          path: 'body.flight.destination',
          message:
            'a domestic flight lands at a Vietnamese airport; "ICN" is not one (or set international: true)',
        },
      ],
    ],
    [
      'a departure on another local date',
      booking('BAD009', { flight: { departureAt: '2025-11-30T23:30:00+07:00' } }),
      [
        {
          path: 'body.flight.departureAt',
          message: 'departs on another local date than the flight date 2025-12-01',
        },
      ],
    ],
  ])('answers 400 for %s and writes nothing', async (_what, body, errors) => {
    const before = await bookings();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errors });
    expect(await bookings()).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await services.http
      .post('/v1/bookings')
      .set('x-api-key', KEYS.airlineVN)
      .set('content-type', 'application/json')
      .send('{"pnr": "ABC123",');
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(
      /^the request body is not valid JSON/,
    );
  });

  it('answers 413 for a body over 100 kB', async () => {
    const response = await post({ ...booking('BIG001'), padding: 'x'.repeat(120_000) });
    expect(response.status).toBe(413);
  });

  it('shows a booking to its airline, masked, and to nobody else', async () => {
    const own = await services.http.get('/v1/bookings/VN/K7Q2ZD').set('x-api-key', KEYS.airlineVN);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      pnr: 'K7Q2ZD',
      passengers: [{ document: { number: '********1234' } }],
    });
    expect(
      (await services.http.get('/v1/bookings/VN/K7Q2ZD').set('x-api-key', KEYS.airlineVJ)).status,
    ).toBe(403);
    expect(
      (await services.http.get('/v1/bookings/VN/NOPE00').set('x-api-key', KEYS.airlineVN)).status,
    ).toBe(404);
  });

  describe('which channels a passenger may use', () => {
    let passengerId: string;

    beforeAll(async () => {
      const response = await post(booking('CH0001'));
      passengerId = (response.body as { passengers: { passengerId: string }[] }).passengers[0]!
        .passengerId;
    });

    it('judges every channel and lane at the given instant', async () => {
      const response = await services.http
        .get(`/v1/passengers/${passengerId}/channels`)
        .query({ at: '2025-12-01T07:30:00+07:00' })
        .set('x-api-key', KEYS.airlineVN);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        passengerId,
        airport: 'SGN',
        phase: 'BIOMETRIC_DEFAULT',
        biometricEnrolled: false,
        checkIn: {
          COUNTER: { outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason: 'COUNTER_NOT_ELIGIBLE' },
          KIOSK: { outcome: 'ALLOWED', reason: 'OK' },
          BIOMETRIC: { outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason: 'NOT_ENROLLED' },
        },
        security: {
          AUTOMATED: { redirectTo: 'MANUAL', reason: 'NOT_ENROLLED' },
          MANUAL: { outcome: 'ALLOWED' },
        },
      });
    });

    it('uses the clock when no instant is given', async () => {
      services.clock.set(Date.parse('2025-11-30T16:59:59Z'));
      const response = await services.http
        .get(`/v1/passengers/${passengerId}/channels`)
        .set('x-api-key', KEYS.qa);
      expect(response.body).toMatchObject({
        phase: 'BIOMETRIC_ENROLMENT',
        checkIn: { COUNTER: { outcome: 'ALLOWED' } },
      });
    });

    it("judges at the request's x-qa-clock when no instant is given", async () => {
      services.clock.set(Date.parse('2025-12-01T00:30:00Z'));
      // Another request moves the clock on as soon as this one has set it (a live day sends
      // several seconds at once): the answer must stay at this request's instant.
      const set = services.clock.set.bind(services.clock);
      const moved = jest.spyOn(services.clock, 'set').mockImplementation((instant) => {
        set(instant);
        queueMicrotask(() => {
          set(Date.parse('2025-12-01T02:00:00Z'));
        });
      });
      try {
        const response = await services.http
          .get(`/v1/passengers/${passengerId}/channels`)
          .set('x-api-key', KEYS.qa)
          .set('x-qa-clock', '2025-11-30T23:59:59+07:00');
        expect(moved).toHaveBeenCalledWith(Date.parse('2025-11-30T16:59:59Z'));
        expect(services.clock.now()).toBe(Date.parse('2025-12-01T02:00:00Z'));
        expect(response.body).toMatchObject({
          at: '2025-11-30T16:59:59.000Z',
          phase: 'BIOMETRIC_ENROLMENT',
        });
      } finally {
        moved.mockRestore();
      }
    });

    it('is open to the operator of the departure airport only', async () => {
      const url = `/v1/passengers/${passengerId}/channels`;
      expect((await services.http.get(url).set('x-api-key', KEYS.operatorSGN)).status).toBe(200);
      expect((await services.http.get(url).set('x-api-key', KEYS.operatorHAN)).status).toBe(403);
      expect((await services.http.get(url).set('x-api-key', KEYS.airlineVJ)).status).toBe(403);
    });

    it('answers 400 for a bad instant or id, 404 for an unknown passenger', async () => {
      const bad = await services.http
        .get(`/v1/passengers/${passengerId}/channels`)
        .query({ at: 'tomorrow' })
        .set('x-api-key', KEYS.qa);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ errors: [{ path: 'query.at' }] });
      expect(
        (await services.http.get('/v1/passengers/42/channels').set('x-api-key', KEYS.qa)).status,
      ).toBe(400);
      const unknown = '6f1c2b0e-0000-4000-8000-000000000000';
      expect(
        (await services.http.get(`/v1/passengers/${unknown}/channels`).set('x-api-key', KEYS.qa))
          .status,
      ).toBe(404);
    });
  });
});
