import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { startTestKafka, type TestKafka } from '@biogate/testing';

/**
 * The Kafka protocol peer of the test harness (librdkafka's mock cluster, or KAFKA_BROKERS):
 * kafkajs produces, consumes in a group and keeps each key's order. Distributed mode (#4)
 * builds its transport tests on this.
 */
describe('the test Kafka cluster', () => {
  const topic = `biogate.test.${randomBytes(4).toString('hex')}`;
  let cluster: TestKafka;

  beforeAll(async () => {
    cluster = await startTestKafka([topic], { partitions: 3 });
  }, 60_000);

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
});
