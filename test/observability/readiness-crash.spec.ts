import { TOPICS } from '@biogate/contracts';
import { createTestPostgresDatabase, startTestKafka, type TestDatabase } from '@biogate/testing';
import { randomBytes } from 'node:crypto';
import { startServiceProcess } from '../support/service-processes';

/**
 * Readiness in a running service process whose broker goes away: its consumer crashes (kafkajs's
 * CRASH, after its retries) and /health/ready falls to 503 naming the group, while /health/live
 * still answers. Needs the mock cluster, which the test can stop (not a shared KAFKA_BROKERS).
 */
const withMockCluster = process.env.KAFKA_BROKERS === undefined ? it : it.skip;

describe('readiness of a service whose Kafka consumer crashes', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
  }, 60_000);

  afterAll(() => database.drop());

  withMockCluster(
    'is ready while its group is joined, and not once the consumer has crashed',
    async () => {
      const kafka = await startTestKafka(
        Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]),
        { partitions: 3 },
      );
      const gate = await startServiceProcess('security-gate', 3733, {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafka.brokers.join(','),
        BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
        BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
        BIOGATE_SHUTDOWN_GRACE_MS: '0',
      });
      const ready = async () => {
        const response = await fetch(`${gate.url}/health/ready`);
        return {
          status: response.status,
          body: (await response.json()) as {
            error?: { consumers?: { groups?: Record<string, string> } };
          },
        };
      };
      try {
        const joinedBy = Date.now() + 60_000;
        while ((await ready()).status !== 200 && Date.now() < joinedBy)
          await new Promise((resolve) => setTimeout(resolve, 250));
        expect((await ready()).status).toBe(200);

        await kafka.stop();
        const crashedBy = Date.now() + 120_000;
        let answer = await ready();
        while (answer.status === 200 && Date.now() < crashedBy) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          answer = await ready();
        }
        expect(answer.status).toBe(503);
        expect(answer.body.error?.consumers?.groups?.['security-gate']).toMatch(
          /^(CRASHED|JOINING)/,
        );
        expect((await fetch(`${gate.url}/health/live`)).status).toBe(200);
      } finally {
        await gate.kill();
        await kafka.stop();
      }
    },
    240_000,
  );
});
