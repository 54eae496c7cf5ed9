import { JourneyStepsConsumer } from '../../apps/checkin/src/journey/journey-steps.consumer';
import { SecurityEventsConsumer } from '../../apps/security-gate/src/security-events.consumer';
import { BoardingEventsConsumer } from '../../apps/boarding-gate/src/boarding-events.consumer';
import { checkedInPassenger, settle, throughSecurity } from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

/** What the consumers write from other services' events, and who reads it. */
const READ_MODEL = {
  'security.boarding_pass': 'passenger_id',
  'security.gallery_entry': 'passenger_id, flight_id',
  'boarding.boarding_pass': 'passenger_id',
  'boarding.gallery_entry': 'passenger_id, flight_id',
  'boarding.security_clearance': 'passenger_id, flight_id',
  'boarding.scheduled_flight': 'flight_id',
} as const;

const GATE_STEPS = "checkin.journey_step WHERE touchpoint IN ('SECURITY', 'BOARDING')";

/**
 * A batch of events is applied with one statement per kind of row (`DeferredRows`): the same
 * tables must come out as from the events one at a time, and a template's deletion must still
 * remove the gallery entry staged before it in the same batch.
 */
describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('consumer batches on %s', (kind) => {
  let services: RunningServices;

  beforeAll(async () => {
    // The outboxes are read as what the topics hold: none of it is purged meanwhile.
    services = await startServices(kind, '2025-12-01T07:30:00+07:00', {
      env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '86400' },
    });
    const withdrawn = await checkedInPassenger(services, 'BATCH1', {
      enrolled: true,
      flightNumber: '215',
    });
    const cleared = await checkedInPassenger(services, 'BATCH2', {
      enrolled: true,
      flightNumber: '215',
    });
    await checkedInPassenger(services, 'BATCH3', { enrolled: false, flightNumber: '216' });
    expect(await throughSecurity(services, cleared, 'AUTOMATED')).toMatchObject({ cleared: true });
    expect(await throughSecurity(services, withdrawn)).toMatchObject({ cleared: true });
    const withdrawal = await services.http
      .delete(`/v1/enrolments/${withdrawn.enrolmentId!}`)
      .set('x-api-key', KEYS.qa);
    expect(withdrawal.status).toBe(200);
    await settle(services);
  }, 120_000);

  afterAll(() => services.close());

  const rows = () =>
    services.opened.platform.unitOfWork.read(async (em) => {
      const tables: Record<string, unknown[]> = {};
      for (const [table, key] of Object.entries(READ_MODEL))
        tables[table] = await em.query(`SELECT * FROM ${table} ORDER BY ${key}`);
      tables.gateSteps = await em.query(
        `SELECT passenger_id, touchpoint, point, at, decision FROM ${GATE_STEPS}
          ORDER BY passenger_id, at, touchpoint`,
      );
      return tables;
    });

  /** Every event the services published, in each outbox's order: what the topics hold. */
  const published = () =>
    services.opened.platform.unitOfWork.read(async (em) => {
      const found = await em.query<{ envelope: unknown; topic: string }[]>(
        `SELECT envelope, topic FROM (
           SELECT 1 AS service, seq, envelope, topic FROM checkin.outbox
           UNION ALL SELECT 2, seq, envelope, topic FROM security.outbox
           UNION ALL SELECT 3, seq, envelope, topic FROM boarding.outbox
         ) published ORDER BY service, seq`,
      );
      return found.map((row) => ({
        topic: row.topic,
        key: 'replay',
        value: JSON.stringify(row.envelope),
      }));
    });

  it('writes the same rows from one run as from the events one at a time', async () => {
    const before = await rows();
    // The test's premises: a gallery entry staged and then deleted, one left, one clearance.
    expect(before['security.gallery_entry']).toHaveLength(1);
    expect(before['boarding.gallery_entry']).toHaveLength(1);
    expect(before['boarding.security_clearance']).toHaveLength(2);
    expect(before['boarding.scheduled_flight']).toHaveLength(2);
    expect(before.gateSteps).toHaveLength(2);
    await services.opened.platform.unitOfWork.transaction(async (em) => {
      for (const table of Object.keys(READ_MODEL)) await em.query(`DELETE FROM ${table}`);
      await em.query(`DELETE FROM ${GATE_STEPS}`);
      await em.query(
        `DELETE FROM security.processed_events WHERE consumer = 'security-gate';
         DELETE FROM boarding.processed_events WHERE consumer = 'boarding-gate';
         DELETE FROM checkin.processed_events WHERE consumer = 'checkin-journey'`,
      );
    });

    const run = await published();
    await services.app.get(SecurityEventsConsumer).handleBatch(run);
    await services.app.get(BoardingEventsConsumer).handleBatch(run);
    await services.app.get(JourneyStepsConsumer).handleBatch(run);

    expect(await rows()).toEqual(before);
  });

  it('changes nothing when the same run comes again', async () => {
    const before = await rows();
    const run = await published();
    await services.app.get(SecurityEventsConsumer).handleBatch(run);
    await services.app.get(BoardingEventsConsumer).handleBatch(run);
    await services.app.get(JourneyStepsConsumer).handleBatch(run);
    expect(await rows()).toEqual(before);
  });
});
