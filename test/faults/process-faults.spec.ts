import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS } from '@biogate/contracts';
import {
  createTestPostgresDatabase,
  startTestKafka,
  type TestDatabase,
  type TestKafka,
} from '@biogate/testing';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';
import { KEYS } from '../support/service-harness';

/**
 * Three service processes over Kafka and PostgreSQL, 200 passengers through full journeys over
 * HTTP; check-in and then the security gate are killed with SIGKILL mid-run and restarted. At the end every journey
 * is consistent across the services: nothing lost, nothing applied twice. Then a poison message
 * on every topic: each consuming service dead-letters it with the original bytes, and goes on.
 */
const PASSENGERS = 200;
const FLIGHTS = 4;

describe('faults across service processes', () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let env: Record<string, string>;
  const processes = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    kafka = await startTestKafka(
      Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]),
      { partitions: 3 },
    );
    database = await createTestPostgresDatabase();
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
      BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
      BIOGATE_CLOCK_START: '2025-12-01T06:00:00+07:00',
    };
    // one after the other: each runs its migrations under the advisory lock
    processes.set('checkin', await startServiceProcess('checkin', 3701, env));
    processes.set('security-gate', await startServiceProcess('security-gate', 3702, env));
    processes.set('boarding-gate', await startServiceProcess('boarding-gate', 3703, env));
  }, 180_000);

  afterAll(async () => {
    for (const p of processes.values()) await p.stop();
    await database.drop();
    await kafka.stop();
  }, 60_000);

  const call = async (service: string, path: string, body: unknown, key: string = KEYS.qa) => {
    const url = processes.get(service)?.url ?? '';
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** Repeats a presentation until the gate has learnt what it needs from Kafka. */
  const until = async (
    attempt: () => Promise<{ body: Record<string, unknown> }>,
    done: (body: Record<string, unknown>) => boolean,
  ) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await attempt().catch(() => ({ body: {} }));
      if (done(body)) return body;
      if (Date.now() > deadline) throw new Error(`gave up: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('keeps every journey consistent through SIGKILLs of check-in and the security gate', async () => {
    const passengers: { id: string; number: string; bcbp: string; flight: number }[] = [];
    for (let i = 0; i < PASSENGERS; i++) {
      if (i === PASSENGERS / 2) {
        // Check-in dies with its relay busy: each commit nudges it, so rows are in flight.
        await processes.get('checkin')?.kill();
        processes.set('checkin', await startServiceProcess('checkin', 3701, env));
      }
      const flight = 900 + (i % FLIGHTS);
      const number = `0792${String(10_000_000 + i)}`;
      const booked = await call('checkin', '/v1/bookings', {
        pnr: `F${String(i).padStart(5, '0')}`,
        flight: {
          carrier: 'VN',
          number: String(flight),
          date: '2025-12-01',
          origin: 'SGN',
          destination: 'HAN',
          departureAt: '2025-12-01T10:00:00+07:00',
          international: false,
        },
        passengers: [
          {
            surname: 'TRAN',
            givenName: 'KHACH',
            document: { type: 'CITIZEN_ID_CARD', number },
            checkedBags: 0,
          },
        ],
      });
      expect(booked.status).toBe(201);
      const id = (booked.body.passengers as { passengerId: string }[])[0]!.passengerId;
      if (i % 2 === 0) {
        const enrolled = await call('checkin', '/v1/enrolments', {
          passengerId: id,
          channel: 'COUNTER',
          consent: true,
          capture: { quality: 'GOOD', seed: `e${i}` },
        });
        expect(enrolled.status).toBe(201);
      }
      const checkedIn = await call('checkin', '/v1/check-ins', {
        passengerId: id,
        channel: 'KIOSK',
      });
      expect(checkedIn.status).toBe(201);
      passengers.push({
        id,
        number,
        bcbp: (checkedIn.body.boardingPass as { bcbp: string }).bcbp,
        flight,
      });
    }

    const screen = (p: (typeof passengers)[number]) =>
      until(
        () =>
          call('security-gate', '/v1/security/presentations', {
            airport: 'SGN',
            lane: 'MANUAL',
            boardingPass: p.bcbp,
            document: { type: 'CITIZEN_ID_CARD', number: p.number },
          }),
        (body) => body.cleared === true,
      );
    for (const p of passengers.slice(0, PASSENGERS / 2)) await screen(p);

    // The gate dies without any shutdown hook, and comes back.
    await processes.get('security-gate')?.kill();
    processes.set('security-gate', await startServiceProcess('security-gate', 3702, env));
    for (const p of passengers.slice(PASSENGERS / 2)) await screen(p);

    for (let f = 0; f < FLIGHTS; f++) {
      const opened = await call('boarding-gate', '/v1/boarding/flights/open', {
        airport: 'SGN',
        carrier: 'VN',
        number: String(900 + f),
        date: '2025-12-01',
        gate: String(10 + f),
      });
      expect(opened.status).toBe(200);
    }
    for (const p of passengers) {
      await until(
        () =>
          call('boarding-gate', '/v1/boarding/presentations', {
            airport: 'SGN',
            gate: String(10 + (p.flight - 900)),
            lane: 'MANUAL',
            boardingPass: p.bcbp,
            document: { type: 'CITIZEN_ID_CARD', number: p.number },
          }),
        (body) =>
          body.boarded === true ||
          (body.decision as { reason?: string } | undefined)?.reason === 'ALREADY_BOARDED',
      );
    }

    // Consistency across the three services' own schemas.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const one = async (sql: string) =>
      Number(((await db.query<{ n: string }>(sql)).rows[0] ?? { n: '-1' }).n);
    /** Events are delivered at least once, a little later: wait for a count to settle. */
    const eventually = async (sql: string, expected: number) => {
      const deadline = Date.now() + 30_000;
      while ((await one(sql)) !== expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return one(sql);
    };
    try {
      expect(await one('SELECT count(*) AS n FROM checkin.check_in')).toBe(PASSENGERS);
      expect(await one('SELECT count(*) AS n FROM security.boarding_pass')).toBe(PASSENGERS);
      expect(await one('SELECT count(*) AS n FROM security.clearance')).toBe(PASSENGERS);
      expect(await one('SELECT count(*) AS n FROM boarding.security_clearance')).toBe(PASSENGERS);
      expect(await one('SELECT count(*) AS n FROM boarding.boarded')).toBe(PASSENGERS);
      expect(await one('SELECT count(*) AS n FROM boarding.gallery_entry')).toBe(PASSENGERS / 2);
      // every journey step the gates decided reached check-in's journey log exactly once
      expect(
        await eventually(
          `SELECT count(*) AS n FROM checkin.journey_step WHERE touchpoint = 'BOARDING' AND decision->>'outcome' = 'ALLOWED'`,
          PASSENGERS,
        ),
      ).toBe(PASSENGERS);
      expect(
        await one(
          `SELECT count(*) AS n FROM (SELECT passenger_id FROM checkin.journey_step WHERE touchpoint = 'SECURITY' AND decision->>'outcome' = 'ALLOWED' GROUP BY passenger_id HAVING count(*) > 1) d`,
        ),
      ).toBe(0);
      // and nothing is left undelivered
      for (const schema of ['checkin', 'security', 'boarding']) {
        const deadline = Date.now() + 30_000;
        while (
          (await one(`SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`)) > 0 &&
          Date.now() < deadline
        ) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(await one(`SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`)).toBe(
          0,
        );
      }
    } catch (error) {
      // What the next look needs: where events stopped, and what each service logged.
      const state = await db.query<{ what: string; n: string }>(
        `SELECT 'unsent ' || s AS what, n FROM (
           SELECT 'checkin' AS s, count(*) AS n FROM checkin.outbox WHERE sent_at IS NULL
           UNION ALL SELECT 'security', count(*) FROM security.outbox WHERE sent_at IS NULL
           UNION ALL SELECT 'boarding', count(*) FROM boarding.outbox WHERE sent_at IS NULL) u
         UNION ALL SELECT 'steps ' || touchpoint, count(*) FROM checkin.journey_step GROUP BY touchpoint
         UNION ALL SELECT 'processed by ' || consumer, count(*) FROM checkin.processed_events GROUP BY consumer`,
      );
      const logs = [...processes.values()]
        .map((p) => `--- ${p.name} stderr (tail)\n${p.stderr().slice(-4000)}`)
        .join('\n');
      throw new Error(
        `${String(error)}\n${state.rows.map((r) => `${r.what}: ${r.n}`).join('\n')}\n${logs}`,
      );
    } finally {
      await db.end();
    }
  }, 600_000);

  it('dead-letters a poison message on every topic, in every consuming service, and goes on', async () => {
    const client = new Kafka({
      clientId: 'fault-test',
      brokers: [...kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const poison = (topic: string) => `{"not": "an event envelope" -- ${topic}`;
    for (const topic of Object.values(TOPICS))
      await producer.send({ topic, messages: [{ key: `poison-${topic}`, value: poison(topic) }] });
    await producer.disconnect();

    // Who consumes what (the consumers of apps/*): both gates read every topic, check-in's
    // journey log reads the journey topic.
    const expected = Object.values(TOPICS).flatMap((topic) =>
      [
        'security-gate',
        'boarding-gate',
        ...(topic === TOPICS.journey ? ['checkin-journey'] : []),
      ].map((group) => `${topic} ${group}`),
    );
    const letters = new Map<string, { value: string; error: string }>();
    const reader = client.consumer({
      groupId: `dead-letter-reader-${Date.now()}`,
      maxWaitTimeInMs: 100,
    });
    await reader.connect();
    await reader.subscribe({
      topics: Object.values(TOPICS).map((t) => `${t}.dead-letter`),
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: ({ message }) => {
        const letter = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
          topic: string;
          key: string;
          group: string;
          value: string;
          error: string;
        };
        if (letter.key.startsWith('poison-'))
          letters.set(`${letter.topic} ${letter.group}`, letter);
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + 60_000;
    while (letters.size < expected.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    await reader.disconnect();
    expect([...letters.keys()].sort()).toEqual([...expected].sort());
    for (const [where, letter] of letters) {
      expect(letter.value).toBe(poison(where.split(' ')[0] ?? ''));
      expect(letter.error).not.toBe('');
    }

    // The consumers went on: a new passenger checked in reaches the security gate.
    const number = '079299999999';
    const booked = await call('checkin', '/v1/bookings', {
      pnr: 'POISON',
      flight: {
        carrier: 'VN',
        number: '950',
        date: '2025-12-01',
        origin: 'SGN',
        destination: 'HAN',
        departureAt: '2025-12-01T10:00:00+07:00',
        international: false,
      },
      passengers: [
        {
          surname: 'SAU',
          givenName: 'DOC',
          document: { type: 'CITIZEN_ID_CARD', number },
          checkedBags: 0,
        },
      ],
    });
    const id = (booked.body.passengers as { passengerId: string }[])[0]?.passengerId;
    const checkedIn = await call('checkin', '/v1/check-ins', { passengerId: id, channel: 'KIOSK' });
    const bcbp = (checkedIn.body.boardingPass as { bcbp: string }).bcbp;
    const screened = await until(
      () =>
        call('security-gate', '/v1/security/presentations', {
          airport: 'SGN',
          lane: 'MANUAL',
          boardingPass: bcbp,
          document: { type: 'CITIZEN_ID_CARD', number },
        }),
      (body) => body.cleared === true,
    );
    expect((screened as { cleared?: boolean }).cleared).toBe(true);
  }, 180_000);
});
