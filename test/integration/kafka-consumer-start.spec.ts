import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { KafkaTransport, type Subscription } from '@biogate/messaging';
import { startTestKafka, type TestKafka } from '@biogate/testing';

/**
 * A service that starts while its broker does not answer (a restart after a crash, on a busy
 * machine) must still join its group when the broker answers, not serve HTTP with a consumer
 * that gave up. The broker's bootstrap address sits behind a gate that refuses connections for
 * longer than kafkajs's own connection retries last.
 */
const run = randomBytes(3).toString('hex');
const topic = `start.${run}`;

/** A TCP forwarder to `target` that listens only once `open()` is called. */
function gate(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  return {
    async reservePort(): Promise<number> {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as { port: number };
      await new Promise((resolve) => probe.close(resolve));
      return port;
    },
    open(port: number): Promise<void> {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop);
        upstream.on('error', drop);
      });
      return new Promise((resolve) => server?.listen(port, '127.0.0.1', resolve));
    },
    async close(): Promise<void> {
      for (const s of sockets) s.destroy();
      if (server) await new Promise((resolve) => server?.close(resolve));
    },
  };
}

describe('a Kafka consumer whose broker does not answer at start', () => {
  // Its state (`consumerGroups`) is what /health/ready reports.
  let kafka: TestKafka;

  beforeAll(async () => {
    kafka = await startTestKafka([topic, `${topic}.dead-letter`], { partitions: 3 });
  }, 60_000);

  afterAll(() => kafka.stop());

  it('keeps trying, joins its group once the broker answers, and consumes', async () => {
    const [host, port] = (kafka.brokers[0] ?? '').split(':') as [string, string];
    const door = gate({ host, port: Number(port) });
    const gatedPort = await door.reservePort();
    const consumerSide = new KafkaTransport({
      brokers: [`127.0.0.1:${gatedPort}`],
      clientId: `start-${run}`,
    });
    const received: string[] = [];
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      stderr.push(String(chunk));
      return true;
    });
    let subscription: Subscription | undefined;
    try {
      subscription = consumerSide.subscribe([topic], `start-${run}`, (m) => {
        received.push(m.value);
        return Promise.resolve();
      });
      // kafkajs retries a connection for about 10 s (5 retries from 300 ms, doubling), then
      // gives up: keep the door shut past that.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      expect(stderr.join('')).toContain('consumer did not start; trying again');
      // Readiness reads this: a member that gave up is not ready, and says why.
      expect(consumerSide.consumerGroups()).toEqual([
        { group: `start-${run}`, state: 'CRASHED', error: expect.any(String) as string },
      ]);
      await door.open(gatedPort);

      const producerSide = new KafkaTransport({ brokers: kafka.brokers, clientId: `p-${run}` });
      await producerSide.publish([{ topic, key: 'k', value: 'after the outage' }]);
      await producerSide.disconnect();
      const deadline = Date.now() + 45_000;
      while (received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(received).toEqual(['after the outage']);
      expect(consumerSide.consumerGroups()).toEqual([{ group: `start-${run}`, state: 'JOINED' }]);
    } finally {
      spy.mockRestore();
      await subscription?.close();
      await consumerSide.disconnect();
      await door.close();
    }
  }, 90_000);
});
