import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import { TOPICS } from '@biogate/contracts';
import { SimulatedClock } from '@biogate/domain';
import type { PersistenceUnit } from '@biogate/persistence';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
  type OpenPlatform,
} from '@biogate/service-runtime';
import {
  createTestPostgresDatabase,
  startTestKafka,
  type TestDatabase,
  type TestKafka,
} from '@biogate/testing';

/**
 * Services as separate applications in the test's process, each with its own platform and Kafka
 * client, sharing only a PostgreSQL database (their own schemas) and a Kafka cluster: distributed
 * mode without separate processes.
 */
export interface KafkaServices {
  readonly kafka: TestKafka;
  start(
    name: string,
    modules: Type[],
    units: PersistenceUnit[],
  ): Promise<ReturnType<typeof request>>;
  stop(): Promise<void>;
}

export async function startKafkaServices(
  clock = new SimulatedClock(Date.parse('2025-12-01T07:30:00+07:00')),
): Promise<KafkaServices> {
  const topics = Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]);
  const kafka = await startTestKafka(topics, { partitions: 3 });
  const database: TestDatabase = await createTestPostgresDatabase();
  const services: { app: INestApplication; opened: OpenPlatform }[] = [];
  return {
    kafka,
    async start(name, modules, units) {
      const key = (seed: string) => Buffer.alloc(32, seed).toString('base64');
      const env = readServiceEnvironment({
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafka.brokers.join(','),
        BIOGATE_TEMPLATE_KEY: key('t'),
        BIOGATE_GALLERY_KEY: key('g'),
      });
      const opened = await openPlatform({ env, units, clock, clientId: name });
      const app = await createServiceApplication(opened.platform, { name, modules, log: false });
      services.push({ app, opened });
      return request(app.getHttpServer() as Server);
    },
    async stop() {
      for (const { app, opened } of services.reverse()) {
        await app.close();
        await opened.close();
      }
      await database.drop();
      await kafka.stop();
    },
  };
}
