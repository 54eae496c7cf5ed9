import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SimulatedClock, parseInstant } from '@biogate/domain';
import type { InProcessTransport } from '@biogate/messaging';
import type { ServiceLogOptions } from '@biogate/observability';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
  type OpenPlatform,
} from '@biogate/service-runtime';
import { createTestPostgresDatabase } from '@biogate/testing';
import { EMBEDDED_SERVICES } from '../../apps/embedded/src/embedded-services';

export const KEYS = {
  airlineVN: 'demo-airline-vn-key-0001',
  airlineVJ: 'demo-airline-vj-key-0001',
  operatorSGN: 'demo-operator-sgn-key-01',
  operatorHAN: 'demo-operator-han-key-01',
  qa: 'demo-qa-key-000000000001',
} as const;

export type DatabaseKind = 'PGlite' | 'PostgreSQL';

export interface RunningServices {
  readonly app: INestApplication;
  readonly opened: OpenPlatform;
  readonly clock: SimulatedClock;
  readonly http: ReturnType<typeof request>;
  readonly transport: InProcessTransport;
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

/** The embedded services over HTTP on a real database: PGlite in process, or a fresh PostgreSQL. */
export async function startServices(
  kind: DatabaseKind,
  now = '2025-12-01T07:30:00+07:00',
  options: {
    log?: ServiceLogOptions;
    /** More of the services' environment (validated as a service's own). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<RunningServices> {
  const database = kind === 'PostgreSQL' ? await createTestPostgresDatabase() : undefined;
  const clock = new SimulatedClock(parseInstant(now)!);
  let opened: OpenPlatform | undefined;
  let app: INestApplication;
  try {
    const env = readServiceEnvironment({
      ...(database
        ? {
            DATABASE_URL: database.url,
            BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
            BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
          }
        : {}),
      ...options.env,
    });
    opened = await openPlatform({ env, units: EMBEDDED_SERVICES.units, clock });
    app = await createServiceApplication(opened.platform, {
      ...EMBEDDED_SERVICES,
      log: options.log ?? false,
    });
  } catch (error) {
    // A run that could not start must not leave its database behind.
    await opened?.close();
    await database?.drop();
    throw error;
  }
  const platform = opened;
  const server = app.getHttpServer() as Server;
  return {
    app,
    opened: platform,
    clock,
    http: request(server),
    transport: platform.platform.transport as InProcessTransport,
    count: async (sql) => {
      const rows = await platform.platform.unitOfWork.read((em) => em.query<{ n: string }[]>(sql));
      return Number(rows[0]?.n);
    },
    close: async () => {
      await app.close();
      await platform.close();
      await database?.drop();
    },
  };
}
