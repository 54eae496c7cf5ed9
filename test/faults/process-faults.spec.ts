import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TOPICS } from '@biogate/contracts';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';
import {
  board,
  bookAndCheckIn,
  expectConsistentJourneys,
  openBoarding,
  screen,
  type DrivenPassenger,
  startDistributedInfrastructure,
  type DistributedInfrastructure,
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
  let infrastructure: DistributedInfrastructure;
  const processes = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    // A restarted service's group drops its killed member after 6 s of silence, not 30.
    infrastructure = await startDistributedInfrastructure(3, { sessionTimeoutMs: 6_000 });
    // one after the other: each runs its migrations under the advisory lock
    processes.set('checkin', await startServiceProcess('checkin', 3701, infrastructure.env));
    processes.set(
      'security-gate',
      await startServiceProcess('security-gate', 3702, infrastructure.env),
    );
    processes.set(
      'boarding-gate',
      await startServiceProcess('boarding-gate', 3703, infrastructure.env),
    );
  }, 180_000);

  afterAll(async () => {
    for (const p of processes.values()) await p.stop();
    await infrastructure.stop();
  }, 60_000);

  const url = (service: string) => processes.get(service)?.url ?? '';

  it('keeps every journey consistent through SIGKILLs of check-in and the security gate', async () => {
    const passengers: DrivenPassenger[] = [];
    for (let i = 0; i < PASSENGERS; i++) {
      if (i === PASSENGERS / 2) {
        // Check-in dies with its relay busy: each commit nudges it, so rows are in flight.
        await processes.get('checkin')?.kill();
        processes.set('checkin', await startServiceProcess('checkin', 3701, infrastructure.env));
      }
      passengers.push(await bookAndCheckIn(url('checkin'), i, FLIGHTS));
    }

    for (const p of passengers.slice(0, PASSENGERS / 2))
      await screen(() => url('security-gate'), p);
    // The gate dies without any shutdown hook, and comes back.
    await processes.get('security-gate')?.kill();
    processes.set(
      'security-gate',
      await startServiceProcess('security-gate', 3702, infrastructure.env),
    );
    for (const p of passengers.slice(PASSENGERS / 2)) await screen(() => url('security-gate'), p);

    await openBoarding(url('boarding-gate'), FLIGHTS);
    for (const p of passengers) await board(() => url('boarding-gate'), p);

    await expectConsistentJourneys(infrastructure.database.url, PASSENGERS, processes.values());
  }, 600_000);

  it('dead-letters a poison message on every topic, in every consuming service, and goes on', async () => {
    const client = new Kafka({
      clientId: 'fault-test',
      brokers: [...infrastructure.kafka.brokers],
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
    const screened = await screen(
      () => url('security-gate'),
      await bookAndCheckIn(url('checkin'), 99_999, 1),
    );
    expect((screened as { cleared?: boolean }).cleared).toBe(true);
  }, 180_000);
});
