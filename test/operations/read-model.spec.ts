import { OperationsEventsConsumer } from '../../apps/operations/src/read-model/operations-events.consumer';
import { AirportOverviewReader } from '../../apps/operations/src/console/airport-overview';
import {
  atBoardingEGate,
  atSecurityEGate,
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

const OPERATIONS_TABLES = [
  'queue_reading',
  'queue_quarter',
  'step_tally',
  'step',
  'passenger',
  'flight',
  'alert',
  'airport_outage',
  'processed_events',
];

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])(
  'the operations read model, from events alone (%s)',
  (kind) => {
    let services: RunningServices;

    beforeAll(async () => {
      // The outboxes are read as what the topics hold: none of it is purged meanwhile.
      services = await startServices(kind, '2025-12-01T07:30:00+07:00', {
        env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '86400' },
      });
      // A day in small: one passenger all the way through the e-gates, an impostor stopped at
      // security, a pass nobody issued at boarding, a kiosk outage declared.
      const through = await checkedInPassenger(services, 'READ01', {
        enrolled: true,
        flightNumber: '213',
      });
      await throughSecurity(services, through, 'AUTOMATED');
      expect((await openBoarding(services, '213')).status).toBe(200);
      const boarded = await services.http
        .post('/v1/boarding/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(atBoardingEGate(through));
      expect(boarded.body).toMatchObject({ boarded: true });
      const impostor = await checkedInPassenger(services, 'READ02', {
        enrolled: true,
        flightNumber: '213',
      });
      const stopped = await services.http
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(atSecurityEGate(impostor, { capture: { quality: 'GOOD', subject: '079111111111' } }));
      expect(stopped.body).toMatchObject({ alert: { kind: 'FACE_MISMATCH' } });
      await services.http
        .post('/v1/boarding/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(
          atBoardingEGate(through, {
            boardingPass: 'M1NOBODY/ISSUED       EZZZZZZ SGNHANVN 0213 335Y001A0001 100',
          }),
        );
      await services.http.put('/v1/airports/SGN/outages/KIOSK').set('x-api-key', KEYS.operatorSGN);
      // The airport's queue sensors: a long kiosk queue, a short one at the e-gates.
      const sensed = await services.http
        .post('/v1/operations/airports/SGN/queues')
        .set('x-api-key', KEYS.operatorSGN)
        .send({
          readings: [
            { queue: 'CHECK_IN_KIOSK', length: 42, waitSeconds: 1500 },
            { queue: 'SECURITY_EGATE', length: 3, waitSeconds: 45 },
          ],
        });
      expect(sensed.status).toBe(202);
      await settle(services);
    }, 120_000);

    afterAll(async () => {
      await services.close();
    });

    const overview = () => services.app.get(AirportOverviewReader).overview('SGN');

    /** Every row of the read model that a rebuild must give again (ids of its own aside). */
    const readModel = async () => ({
      // Its own unit of work: PGlite runs one at a time, so not inside the read below.
      overview: await overview(),
      ...(await services.opened.platform.unitOfWork.read(async (em) => ({
        passengers: await em.query('SELECT * FROM operations.passenger ORDER BY passenger_id'),
        steps: await em.query(
          `SELECT passenger_id, airport, touchpoint, point, at, outcome, reason, redirect_to,
                  compared, matched FROM operations.step ORDER BY passenger_id, at, touchpoint`,
        ),
        tallies: await em.query('SELECT * FROM operations.step_tally ORDER BY 1, 2, 3, 4, 5, 6, 7'),
        queues: await em.query('SELECT * FROM operations.queue_quarter ORDER BY 1, 2, 3'),
      }))),
    });

    /** Every event the services published, in each outbox's order: what the topics hold. */
    async function publishedEvents(): Promise<string[]> {
      const rows = await services.opened.platform.unitOfWork.read((em) =>
        em.query<{ envelope: unknown; topic: string }[]>(
          `SELECT envelope, topic FROM (
             SELECT 1 AS service, seq, envelope, topic FROM checkin.outbox
             UNION ALL SELECT 2, seq, envelope, topic FROM security.outbox
             UNION ALL SELECT 3, seq, envelope, topic FROM boarding.outbox
             UNION ALL SELECT 4, seq, envelope, topic FROM operations.outbox
           ) published ORDER BY service, seq`,
        ),
      );
      return rows.map((row) => JSON.stringify(row.envelope));
    }

    async function feed(messages: readonly string[]): Promise<void> {
      const consumer = services.app.get(OperationsEventsConsumer);
      for (const value of messages) {
        await consumer.handle({ topic: 'biogate.journey.v1', key: 'replay', value });
      }
    }

    it('counts each touchpoint, with capture, match and fallback rates apart', async () => {
      const view = await overview();
      const tile = (touchpoint: string, point: string) =>
        view.lastHour.find((t) => t.touchpoint === touchpoint && t.point === point);
      expect(tile('CHECK_IN', 'KIOSK')).toMatchObject({ presentations: 2, allowed: 2 });
      expect(tile('SECURITY', 'AUTOMATED')).toMatchObject({
        presentations: 2,
        allowed: 1,
        redirected: 1,
        biometric: { captureRate: 1, matchRate: 0.5, fallbackRate: 0.5 },
      });
      expect(tile('BOARDING', 'AUTOMATED')).toMatchObject({ presentations: 1, allowed: 1 });
      expect(view.outages).toEqual(['KIOSK']);
      expect(view.alerts.latest.map((a) => a.kind)).toEqual([
        'UNKNOWN_BOARDING_PASS',
        'FACE_MISMATCH',
      ]);
      expect(view.alerts.latest[1]).toMatchObject({ flight: 'VN213', touchpoint: 'SECURITY' });
      expect(view.alerts.latest[0]?.passengerId).toBeNull();
      expect(view.flights).toEqual([
        expect.objectContaining({
          carrier: 'VN',
          number: '213',
          gate: '12',
          boarding: 'OPEN',
          booked: 2,
          checkedIn: 2,
          cleared: 1,
          boarded: 1,
          boardedAutomated: 1,
        }),
      ]);
      // 07:30 ICT is quarter 30 of the local day (00:00 is quarter 0).
      const kiosk = view.day.points.find((p) => p.point === 'KIOSK');
      expect(kiosk?.presentations[30]).toBe(2);
      expect(view.day.quarters[30]).toBe('2025-12-01T00:30:00.000Z');
    });

    it("gives a flight's manifest and a passenger's steps, to that airport only", async () => {
      const manifest = await services.http
        .get('/v1/operations/airports/SGN/manifest?carrier=VN&number=213&date=2025-12-01')
        .set('x-api-key', KEYS.operatorSGN);
      const passengers = (manifest.body as { passengers: Record<string, unknown>[] }).passengers;
      expect(passengers).toHaveLength(2);
      const boarded = passengers.find((p) => p.boardedAt !== null);
      expect(boarded).toMatchObject({
        checkInChannel: 'KIOSK',
        securityLane: 'AUTOMATED',
        boardingLane: 'AUTOMATED',
        seat: expect.stringMatching(/^\d+[A-Z]$/) as unknown,
        bcbp: expect.stringMatching(/^M1/) as unknown,
      });
      const journey = await services.http
        .get(`/v1/operations/airports/SGN/passengers/${String(boarded?.passengerId)}`)
        .set('x-api-key', KEYS.operatorSGN);
      expect(journey.body).toMatchObject({
        flight: { airport: 'SGN', carrier: 'VN', number: '213', date: '2025-12-01' },
        passenger: { passengerId: boarded?.passengerId, boardingLane: 'AUTOMATED' },
      });
      expect(
        (journey.body as { steps: { touchpoint: string }[] }).steps.map((s) => s.touchpoint),
      ).toEqual(['CHECK_IN', 'SECURITY', 'BOARDING']);
      const elsewhere = await services.http
        .get(`/v1/operations/airports/HAN/passengers/${String(boarded?.passengerId)}`)
        .set('x-api-key', KEYS.qa);
      expect(elsewhere.status).toBe(404);
    });

    it("shows the queue sensors' readings with their level-of-service band", async () => {
      const view = await overview();
      const queue = (name: string) => view.queues.find((q) => q.queue === name);
      expect(queue('CHECK_IN_KIOSK')).toMatchObject({
        length: 42,
        waitSeconds: 1500,
        band: 'UNDER_PROVIDED',
        at: '2025-12-01T00:30:00.000Z',
      });
      expect(queue('SECURITY_EGATE')).toMatchObject({ length: 3, band: 'OPTIMUM' });
      expect(queue('BAG_DROP')).toEqual({
        queue: 'BAG_DROP',
        length: null,
        waitSeconds: null,
        at: null,
        band: null,
      });
      const kiosk = view.day.queueWaits.find((q) => q.queue === 'CHECK_IN_KIOSK');
      expect(kiosk?.maxWaitSeconds[30]).toBe(1500);
      expect(kiosk?.maxWaitSeconds[31]).toBeNull();
    });

    it.each([
      [
        'a queue twice',
        [
          { queue: 'BAG_DROP', length: 1, waitSeconds: 1 },
          { queue: 'BAG_DROP', length: 2, waitSeconds: 2 },
        ],
        'body.readings[1].queue',
      ],
      [
        'an unknown queue',
        [{ queue: 'LOUNGE', length: 1, waitSeconds: 1 }],
        'body.readings[0].queue',
      ],
      [
        'a negative length',
        [{ queue: 'BAG_DROP', length: -1, waitSeconds: 1 }],
        'body.readings[0].length',
      ],
      ['no reading', [], 'body.readings'],
    ])('refuses %s, naming the field, and changes nothing', async (_case, readings, path) => {
      const before = await overview();
      const answer = await services.http
        .post('/v1/operations/airports/SGN/queues')
        .set('x-api-key', KEYS.operatorSGN)
        .send({ readings });
      expect(answer.status).toBe(400);
      expect((answer.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
        path,
      );
      await settle(services);
      expect(await overview()).toEqual(before);
    });

    it("refuses another airport's sensors to an operator", async () => {
      const answer = await services.http
        .post('/v1/operations/airports/HAN/queues')
        .set('x-api-key', KEYS.operatorSGN)
        .send({ readings: [{ queue: 'BAG_DROP', length: 1, waitSeconds: 1 }] });
      expect(answer.status).toBe(403);
    });

    it('changes nothing when every event is delivered again', async () => {
      const before = await overview();
      await feed(await publishedEvents());
      expect(await overview()).toEqual(before);
    });

    it('is the same when the events come all at once, in one run', async () => {
      const before = await readModel();
      await services.opened.platform.unitOfWork.transaction(async (em) => {
        for (const table of OPERATIONS_TABLES) await em.query(`DELETE FROM operations.${table}`);
      });
      // One run, one transaction: a passenger's check-in, security and boarding among them.
      await services.app.get(OperationsEventsConsumer).handleBatch(
        (await publishedEvents()).map((value) => ({
          topic: 'biogate.journey.v1',
          key: 'replay',
          value,
        })),
      );
      expect(await readModel()).toEqual(before);
      const manifest = await services.opened.platform.unitOfWork.read((em) =>
        em.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM operations.passenger WHERE boarded_at IS NOT NULL',
        ),
      );
      expect(Number(manifest[0]?.n)).toBe(1);
    });

    it("is the same when the boarding gate's events arrive before the security gate's", async () => {
      const before = await readModel();
      await services.opened.platform.unitOfWork.transaction(async (em) => {
        for (const table of OPERATIONS_TABLES) await em.query(`DELETE FROM operations.${table}`);
      });
      // Two relays, two orders: the gates' alerts of one instant must list the same either way.
      const events = await publishedEvents();
      const from = (producer: string) =>
        events.filter((value) => (JSON.parse(value) as { producer: string }).producer === producer);
      const others = events.filter(
        (value) =>
          !['security', 'boarding'].includes((JSON.parse(value) as { producer: string }).producer),
      );
      await feed([...others, ...from('boarding'), ...from('security')]);
      expect((await readModel()).overview.alerts).toEqual(before.overview.alerts);
      expect((await overview()).alerts.latest.map((a) => a.kind)).toEqual([
        'UNKNOWN_BOARDING_PASS',
        'FACE_MISMATCH',
      ]);
    });

    it('is the same when rebuilt from the topics from the start', async () => {
      const before = await readModel();
      await services.opened.platform.unitOfWork.transaction(async (em) => {
        for (const table of OPERATIONS_TABLES) await em.query(`DELETE FROM operations.${table}`);
      });
      expect((await overview()).flights).toEqual([]);
      await feed(await publishedEvents());
      expect(await readModel()).toEqual(before);
    });
  },
);
