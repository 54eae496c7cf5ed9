import type { ConsumerGroupState } from '@biogate/messaging';
import { startServices, type RunningServices } from '../support/service-harness';

/** Liveness and readiness apart: /health/live while HTTP answers, /health/ready while it can work. */
describe('liveness and readiness of the embedded services', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('PGlite', '2025-12-01T06:00:00+07:00');
  }, 60_000);

  afterAll(() => services.close());

  it('is live, and ready with its database migrated and every consumer group joined', async () => {
    for (const path of ['/health', '/health/live'])
      expect((await services.http.get(path)).body).toEqual({ status: 'ok', service: 'biogate' });
    const ready = await services.http.get('/health/ready');
    expect(ready.status).toBe(200);
    const body = ready.body as {
      status: string;
      info: {
        database: { status: string; migrations: number };
        consumers: { groups: Record<string, string> };
      };
    };
    expect(body.status).toBe('ok');
    expect(body.info.database.status).toBe('up');
    expect(body.info.database.migrations).toBeGreaterThan(0);
    expect(body.info.consumers.groups).toMatchObject({
      'security-gate': 'JOINED',
      'boarding-gate': 'JOINED',
    });
  });

  it('is not ready while a consumer group is down, and says which and why; still live', async () => {
    const transport = services.opened.platform.transport;
    const real = transport.consumerGroups?.bind(transport);
    const crashed: ConsumerGroupState = {
      group: 'security-gate',
      state: 'CRASHED',
      error: 'The coordinator is not aware of this member',
    };
    transport.consumerGroups = () => [
      ...(real?.() ?? []).filter((g) => g.group !== 'security-gate'),
      crashed,
    ];
    try {
      const ready = await services.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'error',
        error: {
          consumers: {
            status: 'down',
            groups: { 'security-gate': 'CRASHED: The coordinator is not aware of this member' },
          },
        },
      });
      expect((await services.http.get('/health/live')).status).toBe(200);
    } finally {
      transport.consumerGroups = real;
    }
    expect((await services.http.get('/health/ready')).status).toBe(200);
  });

  it('is not ready when the database does not answer', async () => {
    const unitOfWork = services.opened.platform.unitOfWork;
    const read = unitOfWork.read.bind(unitOfWork);
    unitOfWork.read = () => Promise.reject(new Error('connection refused'));
    try {
      const ready = await services.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        error: { database: { status: 'down', message: 'connection refused' } },
      });
    } finally {
      unitOfWork.read = read;
    }
  });
});
