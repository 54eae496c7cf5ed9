import { checkedInPassenger, settle } from '../support/journey-steps';
import { startServices, type RunningServices } from '../support/service-harness';

/**
 * BIOGATE_OUTBOX_RETENTION_SECONDS through the running services: the environment reaches each
 * service's outbox, whose purge (every 10 s) deletes what was delivered and keeps the rest.
 */
describe('delivered outbox rows in the running services (PGlite)', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('PGlite', '2025-12-01T07:30:00+07:00', {
      env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '0' },
    });
  }, 60_000);

  afterAll(() => services.close());

  it('are purged once delivered, with no retention', async () => {
    await checkedInPassenger(services, 'PURGE1', { enrolled: true, flightNumber: '213' });
    await settle(services);
    const delivered = 'SELECT count(*) AS n FROM checkin.outbox WHERE sent_at IS NOT NULL';
    expect(await services.count(delivered)).toBeGreaterThan(0);
    expect(
      await services.count('SELECT count(*) AS n FROM checkin.outbox WHERE sent_at IS NULL'),
    ).toBe(0);
    const deadline = Date.now() + 25_000;
    while ((await services.count(delivered)) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await services.count('SELECT count(*) AS n FROM checkin.outbox')).toBe(0);
  }, 40_000);
});
