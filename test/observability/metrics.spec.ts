import { ServiceMetrics } from '@biogate/observability';
import { CheckInOutbox } from '../../apps/checkin/src/checkin-outbox';
import {
  atSecurityEGate,
  checkedInPassenger,
  settle,
  type CheckedInPassenger,
} from '../support/journey-steps';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';
import { startServiceProcess } from '../support/service-processes';

/** The value of one series of a scrape: `name{labels}` with labels in any order. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (wanted.every((pair) => inside.split(',').includes(pair)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics of the embedded services (/metrics, Prometheus text)', () => {
  let services: RunningServices;
  let passenger: CheckedInPassenger;

  beforeAll(async () => {
    services = await startServices('PGlite', '2025-12-01T06:00:00+07:00');
    passenger = await checkedInPassenger(services, 'MTRC01', {
      enrolled: true,
      flightNumber: '271',
    });
    // An impostor at the security e-gate: sent to the manual lane with an alert.
    const impostor = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(
        atSecurityEGate(passenger, {
          capture: { quality: 'GOOD', subject: '001077777777', seed: 'imp' },
        }),
      );
    expect(impostor.body).toMatchObject({ decision: { outcome: 'REDIRECTED' } });
    const screened = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(atSecurityEGate(passenger));
    expect(screened.body).toMatchObject({ cleared: true });
    await settle(services);
  }, 60_000);

  afterAll(() => services.close());

  const scrape = async () => {
    const response = await services.http.get('/metrics');
    expect(response.status).toBe(200);
    return response.text;
  };

  it('answers a scraper without an API key, in the Prometheus text format', async () => {
    const response = await services.http.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(response.text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('counts each committed decision by touchpoint, channel or lane, outcome and reason', async () => {
    const text = await scrape();
    const decisions = (labels: Record<string, string>) =>
      sample(text, 'biogate_decisions_total', labels);
    expect(
      decisions({ touchpoint: 'CHECK_IN', mode: 'KIOSK', outcome: 'ALLOWED', reason: 'OK' }),
    ).toBe(1);
    expect(
      decisions({
        touchpoint: 'SECURITY',
        mode: 'AUTOMATED',
        outcome: 'REDIRECTED',
        reason: 'FACE_MISMATCH',
      }),
    ).toBe(1);
    expect(
      decisions({ touchpoint: 'SECURITY', mode: 'AUTOMATED', outcome: 'ALLOWED', reason: 'OK' }),
    ).toBe(1);
  });

  it('counts the face comparisons behind those decisions by result', async () => {
    const text = await scrape();
    const faces = (result: string) =>
      sample(text, 'biogate_face_comparisons_total', { touchpoint: 'SECURITY', result });
    expect(faces('NO_MATCH')).toBe(1);
    expect(faces('MATCH')).toBe(1);
    // A kiosk check-in compares no face.
    expect(sample(text, 'biogate_face_comparisons_total', { touchpoint: 'CHECK_IN' })).toBe(
      undefined,
    );
  });

  it('counts templates staged into galleries and templates opened, by store', async () => {
    const text = await scrape();
    // The enrolled passenger's template, sealed into flight 271's gallery at check-in.
    expect(sample(text, 'biogate_templates_staged_total', { service: 'biogate' })).toBe(1);
    // Opened once to seal it into the gallery (a kiosk check-in compares no face); the security
    // e-gate opened its gallery copy for the impostor and again for the passenger.
    expect(sample(text, 'biogate_templates_opened_total', { store: 'enrolment' })).toBe(1);
    expect(sample(text, 'biogate_templates_opened_total', { store: 'gallery' })).toBe(2);
  });

  it('times requests by route template and status, never by the path itself', async () => {
    await services.http
      .get(`/v1/passengers/${passenger.passengerId}/journey`)
      .set('x-api-key', KEYS.qa);
    const text = await scrape();
    expect(
      sample(text, 'biogate_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/v1/security/presentations',
        status: '200',
      }),
    ).toBe(2);
    expect(
      sample(text, 'biogate_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/v1/passengers/:passengerId/journey',
        status: '200',
      }),
    ).toBe(1);
    // No passenger id, document number, PNR or boarding pass becomes a label.
    for (const secret of [
      passenger.passengerId,
      passenger.personalIdNumber,
      'MTRC01',
      passenger.boardingPass.slice(0, 20),
    ])
      expect(text).not.toContain(secret);
  });

  it('counts events applied per topic and consumer group, and shows each outbox empty once delivered', async () => {
    const text = await scrape();
    const consumed = text
      .split('\n')
      .filter((line) => line.startsWith('biogate_events_consumed_total{'));
    expect(consumed.some((line) => line.includes('group="security-gate"'))).toBe(true);
    expect(consumed.some((line) => line.includes('group="boarding-gate"'))).toBe(true);
    for (const outbox of ['checkin', 'security', 'boarding'])
      expect(sample(text, 'biogate_outbox_pending_rows', { outbox })).toBe(0);
    // Settled: no group is behind on the journey topic (in process: one partition).
    for (const group of ['security-gate', 'boarding-gate', 'operations'])
      expect(
        sample(text, 'biogate_consumer_lag_messages', {
          group,
          topic: 'biogate.journey.v1',
          partition: '0',
        }),
      ).toBe(0);
    expect(sample(text, 'biogate_outbox_oldest_pending_age_seconds', { outbox: 'checkin' })).toBe(
      0,
    );
  });

  it('shows rows waiting in an outbox and the age of the oldest', async () => {
    // The relay stopped (its poll would deliver the row before the scrape), as if it were stuck.
    const outbox = services.app.get(CheckInOutbox);
    await outbox.onApplicationShutdown();
    await services.opened.platform.unitOfWork.transaction((em) =>
      em.query(
        `INSERT INTO checkin.outbox (event_id, topic, message_key, envelope, created_at, sent_at)
         VALUES (gen_random_uuid(), 'test', 'k', '{}'::jsonb, now() - interval '90 seconds', NULL)`,
      ),
    );
    const text = await scrape();
    expect(sample(text, 'biogate_outbox_pending_rows', { outbox: 'checkin' })).toBe(1);
    expect(
      sample(text, 'biogate_outbox_oldest_pending_age_seconds', { outbox: 'checkin' }),
    ).toBeGreaterThanOrEqual(90);
    await services.opened.platform.unitOfWork.transaction((em) =>
      em.query(`DELETE FROM checkin.outbox WHERE topic = 'test'`),
    );
    outbox.onApplicationBootstrap();
  });

  it('keeps a registry per application: two in one process count apart', async () => {
    const other = new ServiceMetrics('other');
    other.decided({ touchpoint: 'BOARDING', mode: 'MANUAL', outcome: 'ALLOWED', reason: 'OK' });
    const { text } = await other.exposition();
    expect(
      sample(text, 'biogate_decisions_total', { service: 'other', touchpoint: 'BOARDING' }),
    ).toBe(1);
    expect(sample(await scrape(), 'biogate_decisions_total', { touchpoint: 'BOARDING' })).toBe(
      undefined,
    );
  });
});

describe('metrics on a port of their own (BIOGATE_METRICS_PORT)', () => {
  it('serves /metrics there and not on the API port', async () => {
    const checkin = await startServiceProcess('checkin', 3761, {
      BIOGATE_METRICS_PORT: '3762',
      BIOGATE_CLOCK_START: '2025-12-01T00:00:00Z',
    });
    try {
      expect((await fetch(`${checkin.url}/metrics`)).status).toBe(404);
      const scraped = await fetch('http://127.0.0.1:3762/metrics');
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(
        /^biogate_outbox_pending_rows\{outbox="checkin",service="check-in"\} 0$/m,
      );
      expect((await fetch('http://127.0.0.1:3762/other')).status).toBe(404);
    } finally {
      await checkin.stop();
    }
  }, 60_000);
});
