import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import type { PersistenceUnit } from '@biogate/persistence';
import {
  createServiceApplication,
  openPlatform,
  type OpenPlatform,
} from '@biogate/service-runtime';
import { BoardingGateModule } from '../../apps/boarding-gate/src/boarding-gate.module';
import { boardingPersistence } from '../../apps/boarding-gate/src/persistence/boarding-persistence';
import { CheckInModule } from '../../apps/checkin/src/checkin.module';
import { checkinPersistence } from '../../apps/checkin/src/persistence/checkin-persistence';
import { EMBEDDED_SERVICES } from '../../apps/embedded/src/embedded-services';
import { securityPersistence } from '../../apps/security-gate/src/persistence/security-persistence';
import { SecurityGateModule } from '../../apps/security-gate/src/security-gate.module';

/** Each process composition starts on PGlite and answers /health and /docs without a key. */
describe.each<[string, Type[], readonly PersistenceUnit[]]>([
  ['biogate', [...EMBEDDED_SERVICES.modules], EMBEDDED_SERVICES.units],
  ['check-in', [CheckInModule], [checkinPersistence]],
  ['security-gate', [SecurityGateModule], [securityPersistence]],
  ['boarding-gate', [BoardingGateModule], [boardingPersistence]],
])('the %s process', (name, modules, units) => {
  let opened: OpenPlatform;
  let app: INestApplication;

  beforeAll(async () => {
    opened = await openPlatform({ env: {}, units });
    app = await createServiceApplication(opened.platform, { name, modules, log: false });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('answers GET /health', async () => {
    const response = await request(app.getHttpServer() as Server).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', service: name });
  });

  it('serves its OpenAPI document', async () => {
    const response = await request(app.getHttpServer() as Server).get('/docs-json');
    expect(response.status).toBe(200);
    expect((response.body as { info: { title: string } }).info.title).toBe(`biogate ${name}`);
  });

  it('documents request bodies with the schemas of their validation rules', async () => {
    const response = await request(app.getHttpServer() as Server).get('/docs-json');
    const schemas = (
      response.body as {
        components: {
          schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
        };
      }
    ).components.schemas;
    expect(schemas.PresentAtSecurityRequestDto?.required).toEqual(
      expect.arrayContaining(['airport', 'lane', 'boardingPass', 'document']),
    );
    expect(schemas.BookedFlightDto?.properties?.departureAt).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
  });
});
