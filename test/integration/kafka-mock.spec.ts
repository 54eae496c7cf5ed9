import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Consumer, Kafka, logLevel, Partitioners } from 'kafkajs';
import { startTestKafka, type TestKafka } from '@biogate/testing';

/**
 * The Kafka protocol peer of the test harness (librdkafka's mock cluster, or KAFKA_BROKERS):
 * kafkajs produces, consumes in a group and keeps each key's order. Distributed mode (#4)
 * builds its transport tests on this.
 */
describe('the test Kafka cluster', () => {
  const topic = `biogate.test.${randomBytes(4).toString('hex')}`;
  let cluster: TestKafka;

  const quietTopic = `biogate.test.${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    cluster = await startTestKafka([topic, quietTopic], { partitions: 3 });
  }, 60_000);

  const client = () =>
    new Kafka({
      clientId: 'biogate-test',
      brokers: [...cluster.brokers],
      logLevel: logLevel.NOTHING,
    });

  afterAll(() => cluster.stop());

  it('carries messages from a producer to a consumer group, in order per key', async () => {
    const kafka = new Kafka({
      clientId: 'biogate-test',
      brokers: [...cluster.brokers],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `passenger-${i % 3}`,
      value: String(i),
    }));
    await producer.send({ topic, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `biogate-test-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received: { key: string; value: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`received ${received.length} of 30`));
      }, 30_000);
      void consumer
        .run({
          eachMessage: ({ message }) => {
            received.push({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
            });
            if (received.length === sent.length) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received).toHaveLength(30);
    for (const key of ['passenger-0', 'passenger-1', 'passenger-2']) {
      expect(received.filter((m) => m.key === key).map((m) => m.value)).toEqual(
        sent.filter((m) => m.key === key).map((m) => m.value),
      );
    }
  }, 60_000);

  /**
   * A fetch returns the message sets from its offset on (each set one producer request's
   * messages), as many as its size limits take: librdkafka's mock returned one a partition, so
   * a consumer behind by N requests fetched N times.
   */
  it('returns every message set a fetch can take, not one a fetch', async () => {
    const kafka = client();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => String(i));
    // One request each, on one key: twenty sets on one partition.
    for (const value of sent)
      await producer.send({ topic: quietTopic, messages: [{ key: 'passenger-c', value }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `biogate-test-${randomBytes(4).toString('hex')}` });
    let fetches = 0;
    consumer.on(consumer.events.FETCH, () => {
      fetches++;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [quietTopic], fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      void consumer
        .run({
          eachMessage: ({ message }) => {
            const value = message.value?.toString() ?? '';
            if (message.key?.toString() === 'passenger-c') received.push(value);
            if (received.length === sent.length) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received).toEqual(sent);
    expect(fetches).toBeLessThan(sent.length / 2);
  }, 60_000);

  /**
   * A fetch that finds nothing waits until a message arrives, as on a Kafka broker, and no
   * longer: librdkafka's mock answered it only at its deadline, which held every event back by
   * up to the consumers' wait and made idle consumers fetch 1000/wait times a second. The wait
   * here (20 s) is far beyond what the answer may take, so the test does not hang on the
   * machine's speed.
   */
  it('answers a waiting fetch when a message arrives, not at its deadline', async () => {
    const kafka = client();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const waiting = await parkedConsumer(kafka, [topic, quietTopic]);
    // Another consumer's process dies while its fetch waits on the quiet topic: its connection
    // closes under the mock, and a message to that topic must find the mock still whole.
    await killedWhileParked(cluster.brokers, quietTopic);
    const tookMs: number[] = [];
    let sentAt = Date.now();
    await producer.send({ topic: quietTopic, messages: [{ key: 'passenger-b', value: 'quiet' }] });
    expect(await waiting.next).toBe('quiet');
    tookMs.push(Date.now() - sentAt);

    // Once its next fetch waits in turn.
    const again = waiting.following();
    await new Promise((resolve) => setTimeout(resolve, 500));
    sentAt = Date.now();
    await producer.send({ topic, messages: [{ key: 'passenger-a', value: 'now' }] });
    expect(await again).toBe('now');
    tookMs.push(Date.now() - sentAt);

    // Its next fetch waits too: a message lets the disconnect end before the deadline.
    const closing = waiting.consumer.disconnect();
    await producer.send({ topic, messages: [{ key: 'passenger-a', value: 'bye' }] });
    await closing;
    await producer.disconnect();
    for (const ms of tookMs) expect(ms).toBeLessThan(FETCH_WAIT_MS / 4);
  }, 60_000);
});

const FETCH_WAIT_MS = 20_000;

/**
 * A consumer in a group of its own, reading the topics from their end, whose first fetch has
 * gone out and found nothing (kafkajs's FETCH_START, then a pause). `next` is the first
 * message's value, `following()` the one after the last asked for.
 */
async function parkedConsumer(
  kafka: Kafka,
  topics: readonly string[],
): Promise<{ consumer: Consumer; next: Promise<string>; following: () => Promise<string> }> {
  const consumer = kafka.consumer({
    groupId: `biogate-test-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: FETCH_WAIT_MS,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: false });
  const fetching = new Promise<void>((resolve) => {
    consumer.on(consumer.events.FETCH_START, () => {
      resolve();
    });
  });
  let received!: (value: string) => void;
  const following = () => new Promise<string>((resolve) => (received = resolve));
  const next = following();
  await consumer.run({
    eachMessage: ({ message }) => {
      received(message.value?.toString() ?? '');
      return Promise.resolve();
    },
  });
  await fetching;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { consumer, next, following };
}

/** A consumer in a process of its own, SIGKILLed once its first fetch waits. */
async function killedWhileParked(brokers: readonly string[], topic: string): Promise<void> {
  const script = `
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({ brokers: process.env.BROKERS.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'biogate-test-killed', maxWaitTimeInMs: ${FETCH_WAIT_MS} });
    consumer.on(consumer.events.FETCH_START, () => setTimeout(() => console.log('parked'), 500));
    consumer.connect()
      .then(() => consumer.subscribe({ topics: [process.env.TOPIC] }))
      .then(() => consumer.run({ eachMessage: async () => {} }));
  `;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, BROKERS: brokers.join(','), TOPIC: topic },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => {
      resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`the consumer exited with ${String(code)}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
