import { booking, bookPassenger } from '../support/booking-fixtures';
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

const RACERS = 50;

/** The same request fifty times at once: one winner, the rest the documented answer, no 5xx. */
describe.each<DatabaseKind>(['PostgreSQL', 'PGlite'])('fifty at once, on %s', (kind) => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices(kind);
  }, 60_000);
  afterAll(() => services.close());

  const race = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: RACERS }, make));
  const count = (sql: string) => services.count(sql);

  it('books one record locator once: one 201, the rest 409', async () => {
    const body = booking('RACE01', { flight: { number: '1901' } });
    const responses = await race(() =>
      services.http.post('/v1/bookings').set('x-api-key', KEYS.qa).send(body),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1);
    expect(await count(`SELECT count(*) AS n FROM checkin.booking WHERE pnr = 'RACE01'`)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM checkin.flight WHERE flight_number = '1901' AND carrier = 'VN'`,
      ),
    ).toBe(1);
  });

  it('books a passenger name list once: one books each PNR, the rest are told it was booked', async () => {
    const { flight, passengers } = booking('RACE10', { flight: { number: '1910' } });
    // Three PNRs, in another order in half of the lists: a pair of them may deadlock and retry.
    const pnrs = ['RACE10', 'RACE11', 'RACE12'];
    const list = (i: number) => ({
      flight,
      bookings: (i % 2 === 0 ? pnrs : [...pnrs].reverse()).map((pnr) => ({ pnr, passengers })),
    });
    let i = 0;
    const responses = await race(() =>
      services.http.post('/v1/passenger-name-lists').set('x-api-key', KEYS.qa).send(list(i++)),
    );
    const statuses = responses.map((r) => `${r.status} ${r.status >= 500 ? r.text : ''}`.trim());
    expect(statuses.filter((s) => s !== '200')).toEqual([]);
    const outcomes = responses.flatMap(
      (r) => (r.body as { bookings: { pnr: string; outcome: string }[] }).bookings,
    );
    for (const pnr of pnrs) {
      const of = outcomes.filter((o) => o.pnr === pnr).map((o) => o.outcome);
      expect(of.filter((o) => o === 'BOOKED')).toHaveLength(1);
      expect(of.filter((o) => o === 'ALREADY_BOOKED')).toHaveLength(RACERS - 1);
    }
    expect(
      await count(
        `SELECT count(*) AS n FROM checkin.booked_passenger p JOIN checkin.booking b ON b.id = p.booking_id
          WHERE b.pnr IN ('RACE10', 'RACE11', 'RACE12')`,
      ),
    ).toBe(3);
  });

  it('checks one passenger in once: one new boarding pass, the rest told it was already issued', async () => {
    const passengerId = await bookPassenger(services, 'RACE02', { flight: { number: '1902' } });
    const responses = await race(() =>
      services.http
        .post('/v1/check-ins')
        .set('x-api-key', KEYS.qa)
        .send({ passengerId, channel: 'KIOSK' }),
    );
    // 201 for the check-in that issued the pass, 200 for each repeat (it was issued already).
    const statuses = responses.map((r) => `${r.status} ${r.status >= 500 ? r.text : ''}`.trim());
    expect(statuses.filter((s) => s !== '200' && s !== '201')).toEqual([]);
    expect(statuses.filter((s) => s === '201')).toHaveLength(1);
    const bodies = responses.map(
      (r) => r.body as { alreadyCheckedIn: boolean; boardingPass: { bcbp: string } },
    );
    expect(bodies.filter((b) => !b.alreadyCheckedIn)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.boardingPass.bcbp)).size).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM checkin.check_in WHERE passenger_id = '${passengerId}'`,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM checkin.journey_step WHERE passenger_id = '${passengerId}'`,
      ),
    ).toBe(1);
  });

  it('boards one pass once: one boarded, the rest ALREADY_BOARDED with an alert', async () => {
    const p = await checkedInPassenger(services, 'RACE03', {
      enrolled: true,
      flightNumber: '1903',
    });
    expect((await throughSecurity(services, p, 'AUTOMATED')).cleared).toBe(true);
    const open = await openBoarding(services, '1903');
    expect(open.status).toBe(200);
    const responses = await race(() =>
      services.http
        .post('/v1/boarding/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(atBoardingEGate(p)),
    );
    expect(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text}`)).toEqual(
      [],
    );
    const bodies = responses.map(
      (r) => r.body as { boarded: boolean; decision: { reason: string }; alert?: { kind: string } },
    );
    expect(bodies.filter((b) => b.boarded)).toHaveLength(1);
    const refused = bodies.filter((b) => !b.boarded);
    expect(refused.every((b) => b.decision.reason === 'ALREADY_BOARDED')).toBe(true);
    expect(refused.every((b) => b.alert?.kind === 'DUPLICATE_BOARDING')).toBe(true);
    await settle(services);
    expect(
      await count(
        `SELECT count(*) AS n FROM boarding.boarded WHERE passenger_id = '${p.passengerId}'`,
      ),
    ).toBe(1);
  });

  it('enrols one person once: one enrolment, the rest told of it after their face matched', async () => {
    const passengerId = await bookPassenger(services, 'RACE04', {
      flight: { number: '1904' },
      passenger: { document: { type: 'CITIZEN_ID_CARD', number: '079200190004' } },
    });
    const responses = await race(() =>
      services.http
        .post('/v1/enrolments')
        .set('x-api-key', KEYS.qa)
        .send({ passengerId, channel: 'COUNTER', consent: true, capture: { quality: 'GOOD' } }),
    );
    expect(responses.filter((r) => r.status >= 300).map((r) => `${r.status} ${r.text}`)).toEqual(
      [],
    );
    const reasons = responses.map((r) => (r.body as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'OK')).toHaveLength(1);
    expect(reasons.filter((r) => r === 'ALREADY_ENROLLED')).toHaveLength(RACERS - 1);
    expect(
      await count(
        `SELECT count(*) AS n FROM checkin.enrolment WHERE personal_id_number = '079200190004'`,
      ),
    ).toBe(1);
  });
});
