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

/** VN 777 SGN-HAN on 20 Nov 2025 (inside the VNeID incentive window), as a list gives it. */
const FLIGHT = {
  carrier: 'VN',
  number: '777',
  date: '2025-11-20',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: '2025-11-20T11:00:00+07:00',
  international: false,
};

/** A listed booking: the fixture's passenger (NGUYEN VAN AN) with a patch, then `more`. */
function listed(pnr: string, passenger: Json = {}, ...more: Json[]): Json {
  const { passengers } = booking(pnr, { passenger }) as { passengers: Json[] };
  return { pnr, passengers: [...passengers, ...more] };
}

const SECOND_PASSENGER = {
  surname: 'LE',
  givenName: 'THI HOA',
  document: { type: 'PASSPORT', number: 'C7654321' },
  checkedBags: 1,
};

interface ListView {
  flight: Json;
  booked: number;
  refused: number;
  alreadyBooked: number;
  bookings: {
    outcome: string;
    pnr: string;
    passengers?: { passengerId: string; surname: string }[];
    refusals?: Json[];
  }[];
}

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('passenger name lists on %s', (kind) => {
  let services: RunningServices;
  const journey: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind, '2025-11-20T07:00:00+07:00');
    services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) =>
      Promise.resolve(void journey.push(m)),
    );
    // A level-1 VNeID account: a ticket bought in the app on it is refused.
    const onRecord = await services.http
      .put('/v1/maintenance/population-register/079200700001')
      .set('x-api-key', KEYS.qa)
      .send({ registered: true, vneidLevel: 1 });
    expect(onRecord.status).toBe(200);
  }, 60_000);

  afterAll(() => services.close());

  const post = (body: unknown, key: string = KEYS.airlineVN) =>
    services.http
      .post('/v1/passenger-name-lists')
      .set('x-api-key', key)
      .send(body as object);

  const LIST = {
    flight: FLIGHT,
    bookings: [
      listed('PNL001'),
      listed(
        'PNL002',
        {
          document: { type: 'CITIZEN_ID_CARD', number: '079200700001', expiresOn: '2031-05-01' },
          purchaseChannel: 'VNEID_APP',
          identityConsent: true,
        },
        SECOND_PASSENGER,
      ),
      listed('PNL003', { surname: 'TRAN', givenName: 'VAN BINH' }, SECOND_PASSENGER),
    ],
  };

  it('books each PNR of the list on its own: a refused VNeID purchase refuses only its booking', async () => {
    const response = await post(LIST);
    expect(response.status).toBe(200);
    const view = response.body as ListView;
    expect(view).toMatchObject({
      flight: { carrier: 'VN', number: '777', departureAt: '2025-11-20T04:00:00.000Z' },
      booked: 2,
      refused: 1,
      alreadyBooked: 0,
    });
    expect(view.bookings.map((b) => [b.pnr, b.outcome])).toEqual([
      ['PNL001', 'BOOKED'],
      ['PNL002', 'REFUSED'],
      ['PNL003', 'BOOKED'],
    ]);
    expect(view.bookings[1]!.refusals).toEqual([{ passenger: 0, reason: 'VNEID_LEVEL_TOO_LOW' }]);
    expect(view.bookings[2]!.passengers!.map((p) => p.surname)).toEqual(['TRAN', 'LE']);

    const stored = await services.opened.platform.unitOfWork.read((em) =>
      em.query<{ pnr: string; position: number; surname: string; flight: string }[]>(
        `SELECT b.pnr, p.position, p.surname, f.flight_number AS flight
           FROM checkin.booking b
           JOIN checkin.booked_passenger p ON p.booking_id = b.id
           JOIN checkin.flight f ON f.id = b.flight_id
          WHERE b.pnr LIKE 'PNL%' ORDER BY b.pnr, p.position`,
      ),
    );
    expect(stored).toEqual([
      { pnr: 'PNL001', position: 0, surname: 'NGUYEN', flight: '777' },
      { pnr: 'PNL003', position: 0, surname: 'TRAN', flight: '777' },
      { pnr: 'PNL003', position: 1, surname: 'LE', flight: '777' },
    ]);

    await settle(services);
    const booked = view.bookings.flatMap((b) => b.passengers ?? []).map((p) => p.passengerId);
    const announced = journey
      .map((m) => JSON.parse(m.value) as EventEnvelope<Json>)
      .filter((e) => e.type === 'PassengerBooked' && (e.payload.pnr as string).startsWith('PNL'));
    expect(announced.map((e) => e.key).sort()).toEqual([...booked].sort());
  });

  it('leaves the PNRs booked already as they are when the list comes again, and books the new ones', async () => {
    await settle(services);
    const before = await services.count('SELECT count(*) AS n FROM checkin.booked_passenger');
    const response = await post({
      ...LIST,
      bookings: [...LIST.bookings, listed('PNL004', { surname: 'PHAM', givenName: 'THU' })],
    });
    expect(response.status).toBe(200);
    const view = response.body as ListView;
    expect(view.bookings.map((b) => [b.pnr, b.outcome])).toEqual([
      ['PNL001', 'ALREADY_BOOKED'],
      ['PNL002', 'REFUSED'],
      ['PNL003', 'ALREADY_BOOKED'],
      ['PNL004', 'BOOKED'],
    ]);
    expect([view.booked, view.refused, view.alreadyBooked]).toEqual([1, 1, 2]);
    expect(await services.count('SELECT count(*) AS n FROM checkin.booked_passenger')).toBe(
      before + 1,
    );
  });

  it.each<[string, () => unknown, { path: string; message: string }[]]>([
    [
      'a PNR listed twice',
      () => ({ flight: FLIGHT, bookings: [listed('DUP001'), listed('NEW001'), listed('DUP001')] }),
      [{ path: 'body.bookings[2].pnr', message: 'DUP001 is listed already, at bookings[0]' }],
    ],
    [
      'a malformed document number in one booking',
      () => ({
        flight: FLIGHT,
        bookings: [
          listed('BAD001'),
          listed('BAD002', { document: { type: 'CITIZEN_ID_CARD', number: '79200001234' } }),
        ],
      }),
      [
        {
          path: 'body.bookings[1].passengers[0].document.number',
          message:
            'expected the 12-digit personal identification number of a CITIZEN_ID_CARD, got "79200001234"',
        },
      ],
    ],
    [
      'no bookings',
      () => ({ flight: FLIGHT, bookings: [] }),
      [{ path: 'body.bookings', message: 'expected 1 to 300 bookings, got []' }],
    ],
    [
      'more bookings than a list takes',
      () => ({
        flight: FLIGHT,
        bookings: Array.from({ length: 301 }, (_, i) => ({
          pnr: `L${String(i).padStart(5, '0')}`,
          passengers: [],
        })),
      }),
      [
        {
          path: 'body.bookings',
          message: expect.stringMatching(
            /^expected 1 to 300 bookings \(send a longer list in parts\), got \[\{"pnr":"L00000"/,
          ) as string,
        },
      ],
    ],
    [
      'bookings that are not a list',
      () => ({ flight: FLIGHT, bookings: { pnr: 'OBJ001' } }),
      [
        {
          path: 'body.bookings',
          message: 'expected an array of bookings { pnr, passengers }, got {"pnr":"OBJ001"}',
        },
      ],
    ],
    [
      'no flight',
      () => ({ bookings: [listed('FLT001')] }),
      [{ path: 'body.flight', message: 'missing; expected the flight' }],
    ],
    [
      'a flight that is not an object',
      () => ({ flight: 'VN777', bookings: [listed('FLT002')] }),
      [
        {
          path: 'body.flight',
          message:
            'expected the flight { carrier, number, date, origin, destination, departureAt, international }, got "VN777"',
        },
      ],
    ],
    [
      'an airport outside the reference data',
      () => ({ flight: { ...FLIGHT, origin: 'XXX' }, bookings: [listed('AIR001')] }),
      [
        {
          path: 'body.flight.origin',
          message:
            'unknown airport code "XXX": flights depart from an airport of seeds/reference/airports.json',
        },
      ],
    ],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_what, body, errors) => {
    await settle(services);
    const before = await databaseState(services);
    const response = await post(body());
    expect(response.status).toBe(400);
    expect((response.body as { errors: unknown[] }).errors).toEqual(
      expect.arrayContaining(errors.map((e): unknown => expect.objectContaining(e))),
    );
    await settle(services);
    expect(await databaseState(services)).toEqual(before);
  });

  it.each<[string, string, number, string]>([
    ['an operator', KEYS.operatorSGN, 403, 'the OPERATOR role may not call this endpoint'],
    ['another airline', KEYS.airlineVJ, 403, 'Vietjet (demo) may not act for airline VN'],
  ])('refuses a list posted by %s, and writes nothing', async (_who, key, status, message) => {
    await settle(services);
    const before = await databaseState(services);
    const response = await post({ flight: FLIGHT, bookings: [listed('OTH001')] }, key);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ message });
    expect(await databaseState(services)).toEqual(before);
  });

  it('refuses with 409 a list that reschedules a known flight, and books none of it', async () => {
    await settle(services);
    const before = await databaseState(services);
    const response = await post({
      flight: { ...FLIGHT, departureAt: '2025-11-20T12:00:00+07:00' },
      bookings: [listed('RES001')],
    });
    expect(response.status).toBe(409);
    expect((response.body as { message: string }).message).toContain('is already scheduled');
    expect(await databaseState(services)).toEqual(before);
  });
});
