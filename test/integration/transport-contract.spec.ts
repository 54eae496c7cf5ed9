import { randomBytes } from 'node:crypto';
import {
  InProcessTransport,
  KafkaTransport,
  PoisonMessageError,
  type DeadLetter,
  type EventTransport,
  type MessageHandler,
  type Subscription,
  type TransportMessage,
} from '@biogate/messaging';
import { startTestKafka, type TestKafka } from '@biogate/testing';

/**
 * One contract, two transports: what services rely on holds for the in-process transport of
 * the embedded default and for Kafka (librdkafka's mock cluster, or KAFKA_BROKERS).
 */
const TOPICS = ['order', 'fanout', 'retry', 'poison', 'batch', 'idle', 'lag'] as const;
const run = randomBytes(3).toString('hex');
const topicOf = (name: (typeof TOPICS)[number]) => `contract.${run}.${name}`;

interface Harness {
  readonly transport: EventTransport;
  readonly letters: DeadLetter[];
  /** Whether a subscriber's batch handler is given runs (else each message goes to the handler). */
  readonly batches: boolean;
  stop(): Promise<void>;
}

const harnesses: [string, () => Promise<Harness>][] = [
  [
    'in-process',
    () => {
      const letters: DeadLetter[] = [];
      const transport = new InProcessTransport({
        retryDelayMs: 1,
        onDeadLetter: (l) => letters.push(l),
      });
      return Promise.resolve({
        transport,
        letters,
        batches: true,
        stop: () => Promise.resolve(),
      });
    },
  ],
  ...([true, false] as const).map((batchConsumption): [string, () => Promise<Harness>] => [
    batchConsumption ? 'Kafka' : 'Kafka (one message at a time)',
    async () => {
      const letters: DeadLetter[] = [];
      const topics = TOPICS.flatMap((t) => [topicOf(t), `${topicOf(t)}.dead-letter`]);
      const cluster: TestKafka = await startTestKafka(topics, { partitions: 3 });
      const transport = new KafkaTransport({
        brokers: cluster.brokers,
        clientId: `contract-${run}`,
        retryDelayMs: 10,
        batchConsumption,
        onDeadLetter: (l) => letters.push(l),
      });
      return {
        transport,
        letters,
        batches: batchConsumption,
        stop: async () => {
          await transport.disconnect();
          await cluster.stop();
        },
      };
    },
  ]),
];

describe.each(harnesses)('the %s transport', (_name, make) => {
  let harness: Harness;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    harness = await make();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(subscriptions.map((s) => s.close()));
    await harness.stop();
  }, 60_000);

  /** Subscribes and resolves once `count` messages have been handled. */
  function collect(
    topics: string[],
    group: string,
    count: number,
    handler?: MessageHandler,
  ): Promise<TransportMessage[]> {
    const received: TransportMessage[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${group}: ${received.length} of ${count} messages`));
      }, 30_000);
      subscriptions.push(
        harness.transport.subscribe(topics, `${group}-${run}`, async (message) => {
          if (handler) await handler(message);
          received.push(message);
          if (received.length === count) {
            clearTimeout(timer);
            resolve(received);
          }
        }),
      );
    });
  }

  const message = (topic: string, key: string, value: string): TransportMessage => ({
    topic,
    key,
    value,
  });

  it('keeps each passenger key in publish order', async () => {
    const topic = topicOf('order');
    const sent = Array.from({ length: 24 }, (_, i) => message(topic, `p${i % 4}`, String(i)));
    const received = collect([topic], 'order', sent.length);
    await harness.transport.publish(sent);
    const got = await received;
    for (const key of ['p0', 'p1', 'p2', 'p3']) {
      expect(got.filter((m) => m.key === key).map((m) => m.value)).toEqual(
        sent.filter((m) => m.key === key).map((m) => m.value),
      );
    }
  }, 60_000);

  it('is idle only once what was published before has been handled (what QA settle waits for)', async () => {
    const topic = topicOf('idle');
    let handled = 0;
    const done = collect([topic], 'idle', 6, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      handled++;
    });
    await harness.transport.publish(
      Array.from({ length: 6 }, (_, i) => message(topic, `p${i % 2}`, String(i))),
    );
    await harness.transport.idle?.();
    expect(handled).toBe(6);
    await done;
  }, 60_000);

  it("reports a group's lag per partition: what it has not handled, then none (the lag metric)", async () => {
    const topic = topicOf('lag');
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (started = resolve));
    const done = collect([topic], 'lag', 6, async () => {
      started();
      await released;
    });
    await harness.transport.publish(
      Array.from({ length: 6 }, (_, i) => message(topic, `p${i % 3}`, String(i))),
    );
    await first;
    const ofGroup = async () =>
      ((await harness.transport.consumerLag?.()) ?? []).filter(
        (lag) => lag.group === `lag-${run}` && lag.topic === topic,
      );
    const behind = await ofGroup();
    // Every partition of the topic is listed; the one in hand is not handled yet either.
    const partitions = behind.map((lag) => lag.partition).sort();
    expect(partitions).toEqual(_name === 'in-process' ? [0] : [0, 1, 2]);
    const total = behind.reduce((sum, lag) => sum + lag.lag, 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(total).toBeLessThanOrEqual(6);
    release();
    await done;
    await harness.transport.idle?.();
    expect((await ofGroup()).every((lag) => lag.lag === 0)).toBe(true);
  }, 60_000);

  it('delivers every message to every group', async () => {
    const topic = topicOf('fanout');
    const a = collect([topic], 'fanout-a', 3);
    const b = collect([topic], 'fanout-b', 3);
    await harness.transport.publish([
      message(topic, 'k', '1'),
      message(topic, 'k', '2'),
      message(topic, 'k', '3'),
    ]);
    expect((await a).map((m) => m.value)).toEqual(['1', '2', '3']);
    expect((await b).map((m) => m.value)).toEqual(['1', '2', '3']);
  }, 60_000);

  it('retries a transient failure and keeps the order', async () => {
    const topic = topicOf('retry');
    let failures = 2;
    const received = collect([topic], 'retry', 2, (m) =>
      m.value === 'first' && failures-- > 0
        ? Promise.reject(new Error('database busy'))
        : Promise.resolve(),
    );
    await harness.transport.publish([message(topic, 'p', 'first'), message(topic, 'p', 'second')]);
    expect((await received).map((m) => m.value)).toEqual(['first', 'second']);
  }, 60_000);

  it('sends a poison message to the dead-letter topic with its bytes, and goes on', async () => {
    const topic = topicOf('poison');
    const deadLetters = collect([`${topic}.dead-letter`], 'poison-ops', 1);
    const good: string[] = [];
    const received = new Promise<void>((resolve) => {
      subscriptions.push(
        harness.transport.subscribe([topic], `poison-${run}`, (m) => {
          if (m.value === '{not json') return Promise.reject(new PoisonMessageError('not JSON'));
          good.push(m.value);
          resolve();
          return Promise.resolve();
        }),
      );
    });
    await harness.transport.publish([message(topic, 'p', '{not json'), message(topic, 'p', 'ok')]);
    await received;
    const [letter] = await deadLetters;
    expect(good).toEqual(['ok']);
    expect(JSON.parse(letter!.value)).toEqual({
      topic,
      key: 'p',
      group: `poison-${run}`,
      error: 'not JSON',
      attempts: 1,
      value: '{not json',
    });
    expect(harness.letters).toContainEqual(expect.objectContaining({ topic, error: 'not JSON' }));
  }, 60_000);

  it('hands runs of messages to a batch handler in order, and one at a time when a run fails', async () => {
    const topic = topicOf('batch');
    const deadLetters = collect([`${topic}.dead-letter`], 'batch-ops', 1);
    const batches: string[][] = [];
    const applied: string[] = [];
    const sent = Array.from({ length: 40 }, (_, i) =>
      message(topic, 'p', i === 17 ? 'poison' : String(i)),
    );
    const done = new Promise<void>((resolve) => {
      const settle = () => {
        if (applied.length === sent.length - 1) resolve();
      };
      subscriptions.push(
        harness.transport.subscribe(
          [topic],
          `batch-${run}`,
          (m) => {
            if (m.value === 'poison') return Promise.reject(new PoisonMessageError('poison'));
            applied.push(m.value);
            settle();
            return Promise.resolve();
          },
          {
            // All or nothing, as one transaction: a run holding the poison applies none.
            batch: (messages) => {
              batches.push(messages.map((m) => m.value));
              if (messages.some((m) => m.value === 'poison')) {
                return Promise.reject(new PoisonMessageError('poison'));
              }
              applied.push(...messages.map((m) => m.value));
              settle();
              return Promise.resolve();
            },
          },
        ),
      );
    });
    await harness.transport.publish(sent);
    await done;
    expect(applied).toEqual(sent.map((m) => m.value).filter((v) => v !== 'poison'));
    if (harness.batches) {
      expect(batches.some((b) => b.length > 1)).toBe(true);
      expect(batches.filter((b) => b.includes('poison'))).toHaveLength(1);
    } else {
      expect(batches).toEqual([]);
    }
    const [letter] = await deadLetters;
    expect(JSON.parse(letter!.value)).toMatchObject({ value: 'poison', error: 'poison' });
  }, 60_000);
});
