import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { biogate } from '../support/biogate-in-process';
import {
  startDistributedInfrastructure,
  startThreeServices,
  type DistributedInfrastructure,
} from '../support/distributed-journeys';
import { KEYS } from '../support/service-harness';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';

/**
 * The live day against running services in distributed mode: three processes, PostgreSQL and
 * the Kafka mock cluster, and the operations service as a fourth, following the day from the
 * topics. The same day as on the embedded services gives the same report, byte for byte, every
 * decision is the model's, and the operators' read model counts what the day reports.
 */
const VINH_EARLY = ['--airport', 'VII', '--date', '2025-12-01', '--window', '07:00-07:30'];

describe('biogate live --target (distributed mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'biogate-live-distributed-'));
  let infrastructure: DistributedInfrastructure;
  const processes: ServiceProcess[] = [];
  let operations: ServiceProcess;

  beforeAll(async () => {
    infrastructure = await startDistributedInfrastructure(3);
    // Two days before the date, as the embedded services start.
    const env = { ...infrastructure.env, BIOGATE_CLOCK_START: '2025-11-29T00:00:00+07:00' };
    processes.push(...(await startThreeServices(env, [3741, 3742, 3743])));
    operations = await startServiceProcess('operations', 3745, env);
  }, 180_000);

  afterAll(async () => {
    await operations.stop();
    for (const p of processes) await p.stop();
    await infrastructure.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('decides every step as the model does, and reports what the embedded services report', async () => {
    const urls = [...processes, operations].map((p) => p.url).join(',');
    const distributed = await biogate(
      'live',
      ...VINH_EARLY,
      '--target',
      urls,
      '--api-key',
      KEYS.qa,
      '--json',
      join(dir, 'distributed.json'),
    );
    expect(distributed.stderr).toBe('');
    expect(distributed.code).toBe(0);
    const [, k, m] = /identical_decisions=(\d+)\/(\d+)$/.exec(distributed.stdout.trimEnd()) ?? [];
    expect(Number(m)).toBeGreaterThan(100);
    expect(k).toBe(m);

    // The operations service, its own process and consumer group, counts what the day reports.
    const report = JSON.parse(readFileSync(join(dir, 'distributed.json'), 'utf8')) as {
      report: { boarded: number };
      services: { alerts: Record<string, number> };
    };
    const alerts = Object.values(report.services.alerts).reduce((a, b) => a + b, 0);
    const seen = async () => {
      const headers = { 'x-api-key': KEYS.qa };
      const listed = (await (
        await fetch(`${operations.url}/v1/operations/airports/VII/alerts?limit=1000`, { headers })
      ).json()) as unknown[];
      const overview = (await (
        await fetch(`${operations.url}/v1/operations/airports/VII/overview`, { headers })
      ).json()) as { flights: { boarded: number }[] };
      return {
        alerts: listed.length,
        boarded: overview.flights.reduce((sum, flight) => sum + flight.boarded, 0),
      };
    };
    const expected = { alerts, boarded: report.report.boarded };
    const deadline = Date.now() + 30_000;
    let counted = await seen();
    while (JSON.stringify(counted) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      counted = await seen();
    }
    expect(counted).toEqual(expected);

    const embedded = await biogate('live', ...VINH_EARLY, '--json', join(dir, 'embedded.json'));
    expect(embedded.code).toBe(0);
    expect(readFileSync(join(dir, 'distributed.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'embedded.json'), 'utf8'),
    );
  }, 600_000);

  it('refuses a service on the wall clock before anything runs', async () => {
    const wallClock = Object.fromEntries(
      Object.entries(infrastructure.env).filter(([name]) => name !== 'BIOGATE_CLOCK_START'),
    );
    const service = await startServiceProcess('checkin', 3744, wallClock);
    try {
      const run = await biogate(
        'live',
        ...VINH_EARLY,
        '--target',
        service.url,
        '--api-key',
        KEYS.qa,
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${service.url} runs on the wall clock`);
    } finally {
      await service.stop();
    }
  }, 120_000);

  it.each([
    [['--target', 'ftp://example'], '--target: expected one http(s) URL, or three'],
    [['--target', 'http://127.0.0.1:3741,http://127.0.0.1:3742'], 'or three'],
    [['--target', 'http://127.0.0.1:3741'], '--target needs a QA API key'],
    [
      ['--target', 'http://127.0.0.1:3741', '--api-key', 'not-a-key'],
      'http://127.0.0.1:3741 refused the API key (401)',
    ],
    [['--target', 'http://127.0.0.1:9', '--api-key', KEYS.qa], 'cannot reach http://127.0.0.1:9'],
  ])('refuses %j with a clear message, exit 2, nothing run', async (args, message) => {
    const run = await biogate('live', ...VINH_EARLY, ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
