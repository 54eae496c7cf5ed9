import type { EventEnvelope, TransportMessage } from '@biogate/messaging';
import { bookPassenger } from '../support/booking-fixtures';
import { checkedInPassenger, settle } from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('template retention on %s', (kind) => {
  let services: RunningServices;
  const identity: TransportMessage[] = [];

  beforeAll(async () => {
    services = await startServices(kind);
    services.transport.subscribe(['biogate.identity.v1'], 'test-identity-reader', (m) => {
      identity.push(m);
      return Promise.resolve();
    });
  }, 60_000);

  afterAll(() => services.close());

  const purge = (key: string = KEYS.qa) =>
    services.http.post('/v1/maintenance/template-purge').set('x-api-key', key);
  const count = (table: string) => services.count(`SELECT count(*) AS n FROM ${table}`);

  it('deletes templates 24 h after departure, everywhere, and says so; not before', async () => {
    // VN701 departs SGN 2025-12-01 09:00 +07:00
    const gone = await checkedInPassenger(services, 'RT0001', {
      enrolled: true,
      flightNumber: '701',
    });
    // The same person (same card) also flies on 5 Dec: their enrolment must stay.
    const staying = await checkedInPassenger(services, 'RT0002', {
      enrolled: true,
      flightNumber: '702',
    });
    await bookPassenger(services, 'RT0003', {
      flight: { number: '703', date: '2025-12-05', departureAt: '2025-12-05T09:00:00+07:00' },
      passenger: { document: { type: 'CITIZEN_ID_CARD', number: staying.personalIdNumber } },
    });
    expect(await count('checkin.enrolment')).toBe(2);
    expect(await count('security.gallery_entry')).toBe(2);
    expect(await count('boarding.gallery_entry')).toBe(2);

    services.clock.set(Date.parse('2025-12-02T09:00:00+07:00'));
    expect((await purge()).body).toMatchObject({
      retentionHours: 24,
      deleted: { 'check-in': 0, 'security-gate': 0, 'boarding-gate': 0 },
    });

    services.clock.set(Date.parse('2025-12-02T09:00:01+07:00'));
    const report = await purge();
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      at: '2025-12-02T02:00:01.000Z',
      retentionHours: 24,
      // The gates purge their copies before check-in announces its deletion: exact counts.
      deleted: { 'check-in': 1, 'security-gate': 2, 'boarding-gate': 2 },
    });
    // Both flights departed, so no gate keeps either gallery entry.
    await settle(services);
    expect(await count('checkin.enrolment')).toBe(1);
    expect(await count('security.gallery_entry')).toBe(0);
    expect(await count('boarding.gallery_entry')).toBe(0);
    const deletions = identity
      .map((m) => JSON.parse(m.value) as EventEnvelope<{ reason: string }>)
      .filter((e) => e.type === 'TemplateDeleted');
    expect(deletions.map((e) => [e.key, e.payload.reason])).toEqual([
      [gone.passengerId, 'RETENTION_EXPIRED'],
    ]);
    // The same counts, as an operator's Prometheus sees them.
    const metrics = (await services.http.get('/metrics')).text;
    for (const [holder, n] of [
      ['check-in', 1],
      ['security-gate', 2],
      ['boarding-gate', 2],
    ] as const)
      expect(metrics).toMatch(
        new RegExp(
          `^biogate_templates_purged_total\\{holder="${holder}",service="biogate"\\} ${n}$`,
          'm',
        ),
      );
  });

  it('lets only QA run the purge on demand', async () => {
    expect((await purge(KEYS.operatorSGN)).status).toBe(403);
    expect((await purge(KEYS.airlineVN)).status).toBe(403);
  });
});
