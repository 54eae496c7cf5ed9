import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TOPICS } from '@biogate/contracts';
import {
  createTestPostgresDatabase,
  startTestKafka,
  type TestDatabase,
  type TestKafka,
} from '@biogate/testing';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';
import {
  board,
  bookAndCheckIn,
  expectConsistentJourneys,
  openBoarding,
  post,
  screen,
  until,
  type DrivenPassenger,
} from '../support/distributed-journeys';

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

  const url = (service: string) => processes.get(service)?.url ?? '';
  const call = (service: string, path: string, body: unknown) => post(url(service), path, body);

  it('keeps every journey consistent through SIGKILLs of check-in and the security gate', async () => {
    const passengers: DrivenPassenger[] = [];
    for (let i = 0; i < PASSENGERS; i++) {
      if (i === PASSENGERS / 2) {
        // Check-in dies with its relay busy: each commit nudges it, so rows are in flight.
        await processes.get('checkin')?.kill();
        processes.set('checkin', await startServiceProcess('checkin', 3701, env));
      }
      passengers.push(await bookAndCheckIn(url('checkin'), i, FLIGHTS));
    }

    for (const p of passengers.slice(0, PASSENGERS / 2))
      await screen(() => url('security-gate'), p);
    // The gate dies without any shutdown hook, and comes back.
    await processes.get('security-gate')?.kill();
    processes.set('security-gate', await startServiceProcess('security-gate', 3702, env));
    for (const p of passengers.slice(PASSENGERS / 2)) await screen(() => url('security-gate'), p);

    await openBoarding(url('boarding-gate'), FLIGHTS);
    for (const p of passengers) await board(() => url('boarding-gate'), p);

    await expectConsistentJourneys(database.url, PASSENGERS, processes.values());
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
