import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { parseInstant, SimulatedClock } from '@biogate/domain';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
  type OpenPlatform,
} from '@biogate/service-runtime';
import { ConsoleUpstreamsModule } from '../../apps/operations/src/console/console-upstreams';
import { OperationsModule } from '../../apps/operations/src/operations.module';
import { operationsPersistence } from '../../apps/operations/src/persistence/operations-persistence';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';

/**
 * The operations service alone (as `npm run start:operations` with BIOGATE_CONSOLE_UPSTREAMS):
 * the console's actions reach the services that own them, with the caller's key.
 */
describe('a standalone operations service forwards the console actions', () => {
  let upstream: RunningServices;
  let upstreamUrl: string;
  let opened: OpenPlatform;
  let operations: INestApplication;
  let url: string;

  async function startOperations(services: {
    checkin: string;
    security: string;
    boarding: string;
  }) {
    const platform = await openPlatform({
      env: readServiceEnvironment({}),
      units: [operationsPersistence],
      clock: new SimulatedClock(parseInstant('2025-12-01T07:30:00+07:00')!),
    });
    const app = await createServiceApplication(platform.platform, {
      name: 'operations',
      modules: [OperationsModule, ConsoleUpstreamsModule.forRoot(services)],
      log: false,
    });
    await app.listen(0, '127.0.0.1');
    return { platform, app, url: await app.getUrl() };
  }

  beforeAll(async () => {
    upstream = await startServices('PGlite');
    await upstream.app.listen(0, '127.0.0.1');
    upstreamUrl = await upstream.app.getUrl();
    const started = await startOperations({
      checkin: upstreamUrl,
      security: upstreamUrl,
      boarding: upstreamUrl,
    });
    opened = started.platform;
    operations = started.app;
    url = started.url;
  }, 60_000);

  afterAll(async () => {
    await operations.close();
    await opened.close();
    await upstream.close();
  });

  const call = (method: string, path: string, key: string | undefined, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key === undefined ? {} : { 'x-api-key': key }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("declares an outage at the check-in service, with the operator's own key", async () => {
    const answer = await call('PUT', '/v1/airports/SGN/outages/KIOSK', KEYS.operatorSGN);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ airport: 'SGN', outages: ['KIOSK'] });
    const there = await upstream.http.get('/v1/airports/SGN/outages').set('x-api-key', KEYS.qa);
    expect(there.body).toEqual({ airport: 'SGN', outages: ['KIOSK'] });
    expect((await call('DELETE', '/v1/airports/SGN/outages/KIOSK', KEYS.operatorSGN)).status).toBe(
      200,
    );
  });

  it("gives back the service's own refusals: no key, another airport, a bad body", async () => {
    expect((await call('PUT', '/v1/airports/SGN/outages/KIOSK', undefined)).status).toBe(401);
    expect((await call('PUT', '/v1/airports/HAN/outages/KIOSK', KEYS.operatorSGN)).status).toBe(
      403,
    );
    const bad = await call('POST', '/v1/security/presentations', KEYS.operatorSGN, {
      airport: 'SGN',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain('body.lane');
    const unbooked = await call('POST', '/v1/boarding/flights/open', KEYS.operatorSGN, {
      airport: 'SGN',
      carrier: 'VN',
      number: '999',
      date: '2025-12-01',
      gate: '12',
    });
    expect(unbooked.status).toBe(404);
  });

  it('serves its own routes itself', async () => {
    const session = await call('GET', '/v1/operations/session', KEYS.operatorSGN);
    expect(await session.json()).toMatchObject({ role: 'OPERATOR', airports: ['SGN'] });
  });

  it('answers 502, naming the service, when it does not answer', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    const gone = `http://127.0.0.1:${port}`;
    const alone = await startOperations({ checkin: gone, security: gone, boarding: gone });
    try {
      const answer = await fetch(`${alone.url}/v1/airports/SGN/outages/KIOSK`, {
        method: 'PUT',
        headers: { 'x-api-key': KEYS.operatorSGN },
      });
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { message: string }).message).toContain(gone);
    } finally {
      await alone.app.close();
      await alone.platform.close();
    }
    // A second service of its own: a database of its own to open and migrate.
  }, 30_000);
});
