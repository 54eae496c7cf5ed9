import {
  checkedInPassenger,
  openBoarding,
  settle,
  throughSecurity,
} from '../support/journey-steps';
import { PROCESSED_EVENT_RETENTION } from '@biogate/messaging';
import { startServices, type RunningServices } from '../support/service-harness';

const OUTBOXES = ['checkin', 'security', 'boarding'] as const;

/** A step at each service, each of which publishes: check-in, security, boarding's opening. */
async function journey(services: RunningServices, name: string): Promise<void> {
  const passenger = await checkedInPassenger(services, name, {
    enrolled: true,
    flightNumber: '213',
  });
  expect((await throughSecurity(services, passenger)).cleared).toBe(true);
  expect((await openBoarding(services, '213')).status).toBe(200);
  await settle(services);
}
const rows = (services: RunningServices, where: string) =>
  Promise.all(
    OUTBOXES.map((schema) =>
      services.count(`SELECT count(*) AS n FROM ${schema}.outbox WHERE ${where}`),
    ),
  );

/**
 * The outbox retention through the running services on PGlite in memory: the environment (or
 * its default for a database nobody else can read) reaches each service's outbox.
 */
describe('delivered outbox rows in the running services (PGlite in memory)', () => {
  it('are deleted as they are sent by default: nobody else can read them', async () => {
    const services = await startServices('PGlite', '2025-12-01T07:30:00+07:00');
    try {
      await journey(services, 'PURGE1');
      // The events reached the gates (the passenger's face for security's e-gates) ...
      expect(await services.count('SELECT count(*) AS n FROM security.gallery_entry')).toBe(1);
      // ... and no outbox keeps a row of what it published (the next test: each did).
      expect(await rows(services, 'true')).toEqual([0, 0, 0]);
    } finally {
      await services.close();
    }
  }, 60_000);

  it('are kept for BIOGATE_OUTBOX_RETENTION_SECONDS when it is set', async () => {
    const services = await startServices('PGlite', '2025-12-01T07:30:00+07:00', {
      env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '60' },
    });
    try {
      await journey(services, 'PURGE2');
      const delivered = await rows(services, 'sent_at IS NOT NULL');
      expect(delivered.every((n) => n > 0)).toBe(true);
      expect(await rows(services, 'sent_at IS NULL')).toEqual([0, 0, 0]);
    } finally {
      await services.close();
    }
  }, 60_000);
});

/**
 * What the services' consumers are given (their use of it: service-event-consumer.spec; the
 * purge on both databases: outbox.spec): ids forgotten after a minute on PGlite in memory with
 * the in-process transport, which die with the process, and kept for good on PostgreSQL.
 */
describe.each([
  ['PGlite', { keepMs: 60_000 }],
  ['PostgreSQL', {}],
] as const)('ids of applied events in the running services on %s', (kind, retention) => {
  it('are kept as long as the database can see a redelivery', async () => {
    const services = await startServices(kind);
    try {
      expect(services.app.get(PROCESSED_EVENT_RETENTION)).toEqual(retention);
    } finally {
      await services.close();
    }
  }, 60_000);
});
