import { randomBytes } from 'node:crypto';
import { Kafka, type Admin } from 'kafkajs';
import { KafkaTransport, type Subscription, type TransportMessage } from '@biogate/messaging';
import { startTestKafka, type TestKafka } from '@biogate/testing';

/**
 * `idle` (what a settle waits for) on Kafka: a group is caught up when what its topics held has
 * been committed. This process's own commits say so for the partitions its members hold; the
 * broker is asked only for the others (another instance's, an earlier process's). A live day
 * settles a few times a second, and reading the group's offsets after every commit was two
 * requests a time at each gate.
 */
const run = randomBytes(3).toString('hex');
const topic = `idle.${run}`;

describe('a Kafka transport waiting for its consumers to be idle', () => {
  let kafka: TestKafka;
  const transports: KafkaTransport[] = [];
  const subscriptions: Subscription[] = [];
  /** Group offset reads (admin.fetchOffsets) of every transport made since the count began. */
  let offsetReads = 0;

  beforeAll(async () => {
    kafka = await startTestKafka([topic, `${topic}.dead-letter`], { partitions: 4 });
    type MakeAdmin = (this: Kafka, ...args: Parameters<Kafka['admin']>) => Admin;
    const original = Object.getOwnPropertyDescriptor(Kafka.prototype, 'admin')?.value as MakeAdmin;
    jest.spyOn(Kafka.prototype, 'admin').mockImplementation(function (this: Kafka, ...args) {
      const made = original.apply(this, args);
      const fetchOffsets = made.fetchOffsets.bind(made);
      made.fetchOffsets = (options) => {
        offsetReads++;
        return fetchOffsets(options);
      };
      return made;
    });
  }, 60_000);

  afterAll(async () => {
    for (const subscription of subscriptions) await subscription.close();
    for (const transport of transports) await transport.disconnect();
    jest.restoreAllMocks();
    await kafka.stop();
  });

  const transport = () => {
    // A short session: the second member joins at the first one's next heartbeat.
    const made = new KafkaTransport({
      brokers: kafka.brokers,
      clientId: `idle-${run}`,
      sessionTimeoutMs: 6_000,
    });
    transports.push(made);
    return made;
  };
  const messages = (count: number, tag: string): TransportMessage[] =>
    Array.from({ length: count }, (_, i) => ({ topic, key: `${tag}-${i}`, value: `${tag} ${i}` }));

  it('asks the broker nothing when its own commits cover every partition', async () => {
    const alone = transport();
    const handled: string[] = [];
    subscriptions.push(
      alone.subscribe([topic], `alone-${run}`, (message) => {
        handled.push(message.value);
        return Promise.resolve();
      }),
    );
    await alone.publish(messages(12, 'first'));
    await alone.idle();
    expect(handled).toHaveLength(12);
    offsetReads = 0;
    for (let settle = 0; settle < 5; settle++) {
      await alone.publish(messages(8, `settle${settle}`));
      await alone.idle();
      expect(handled).toHaveLength(12 + 8 * (settle + 1));
    }
    // Five settles, each with messages on the way on every partition: its commits said it all.
    expect(offsetReads).toBe(0);
  }, 60_000);

  it("waits for another member's partitions, which only the broker shows", async () => {
    const group = `pair-${run}`;
    const [one, other] = [transport(), transport()];
    const handledBy = { one: 0, other: 0 };
    const slowly = (who: keyof typeof handledBy) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      handledBy[who]++;
    };
    subscriptions.push(one.subscribe([topic], group, slowly('one')));
    await one.publish(messages(4, 'warm'));
    await one.idle();
    subscriptions.push(other.subscribe([topic], group, slowly('other')));
    // Once the group has rebalanced, each member holds two of the four partitions.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const before = handledBy.other;
      await one.publish(messages(8, `probe${Date.now()}`));
      await one.idle();
      if (handledBy.other > before || Date.now() > deadline) break;
    }
    expect(handledBy.other).toBeGreaterThan(0);
    offsetReads = 0;
    const total = handledBy.one + handledBy.other;
    await one.publish(messages(40, 'pair'));
    await one.idle();
    // Every message was handled, the other member's too, before `one` said idle.
    expect(handledBy.one + handledBy.other).toBe(total + 40);
    expect(offsetReads).toBeGreaterThan(0);
  }, 90_000);
});
