import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateXML } from 'xmllint-wasm';
import { SERVICE_REASONS } from '@biogate/contracts';
import { PHASES, REASON_CODES, RULE_IDS } from '@biogate/domain';
import { biogate, type BiogateRun as Run } from '../support/biogate-in-process';
import { FACES } from '../../apps/simulator/src/replay/scenario.dto';
import { scenarioJsonSchemaText } from '../../apps/simulator/src/replay/scenario-schema';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';

const root = join(__dirname, '../..');
const SEEDS = 'seeds/scenarios';
const JUNIT_XSD = readFileSync(join(__dirname, 'junit.xsd'), 'utf8');

async function junitProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'replay.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: JUNIT_XSD }],
  });
  return result.errors.map((e) => e.rawMessage);
}

/** Every value of a field anywhere in the seed scenarios' expectations. */
function expectedValues(field: string): Set<unknown> {
  const values = new Set<unknown>();
  for (const file of readdirSync(join(root, SEEDS)).filter((f) => f.endsWith('.yaml'))) {
    const scenario = parse(readFileSync(join(root, SEEDS, file), 'utf8')) as {
      steps: { expect?: Record<string, unknown> }[];
    };
    for (const step of scenario.steps) {
      const value = step.expect?.[field];
      for (const item of Array.isArray(value) ? value : [value])
        if (item !== undefined) values.add(item);
    }
  }
  return values;
}

function seedSteps(): Record<string, unknown>[] {
  return readdirSync(join(root, SEEDS))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap(
      (file) =>
        (
          parse(readFileSync(join(root, SEEDS, file), 'utf8')) as {
            steps: Record<string, unknown>[];
          }
        ).steps,
    );
}

describe('biogate replay', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'biogate-replay-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the seed scenarios', () => {
    let run: Run;
    let junit: string;
    let report: {
      summary: { scenarios: number; scenariosFailed: number; steps: number; stepsFailed: number };
    };

    beforeAll(async () => {
      run = await biogate(
        'replay',
        SEEDS,
        '--junit',
        join(dir, 'seeds.xml'),
        '--json',
        join(dir, 'seeds.json'),
      );
      junit = readFileSync(join(dir, 'seeds.xml'), 'utf8');
      report = JSON.parse(readFileSync(join(dir, 'seeds.json'), 'utf8')) as typeof report;
    }, 300_000);

    it('all pass, at least 20 of them', () => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(report.summary.scenarios).toBeGreaterThanOrEqual(20);
      expect(report.summary).toMatchObject({ scenariosFailed: 0, stepsFailed: 0 });
      expect(run.stdout).toContain(
        `${report.summary.scenarios} of ${report.summary.scenarios} scenarios passed`,
      );
    });

    it('write JUnit XML that validates against the JUnit schema, a testcase per step', async () => {
      expect(await junitProblems(junit)).toEqual([]);
      expect(junit.match(/<testcase /g)).toHaveLength(report.summary.steps);
      expect(junit).not.toContain('<failure');
    });

    it('exercise every reason code, rule and phase of domain.md, and the service reasons', () => {
      const reasons = expectedValues('reason');
      for (const reason of [...REASON_CODES, ...SERVICE_REASONS]) expect(reasons).toContain(reason);
      const rules = expectedValues('rules');
      // R9 is not a rule that decides: it shows as the incentive window and eligibility.
      for (const rule of RULE_IDS.filter((r) => r !== 'R9')) expect(rules).toContain(rule);
      expect(expectedValues('incentiveEligible')).toEqual(new Set([true, false]));
      expect(expectedValues('incentiveWindow')).toEqual(new Set([true, false]));
      expect(expectedValues('phase')).toEqual(new Set(PHASES));
    });

    it('exercise every kind of face, alert, outage and the purge', () => {
      const steps = seedSteps();
      const faces = new Set(
        steps.flatMap((step) =>
          Object.values(step).map((action) => (action as { face?: string } | null)?.face),
        ),
      );
      for (const face of FACES.filter((f) => f !== 'GENUINE')) expect(faces).toContain(face);
      const alerts = expectedValues('alert');
      for (const alert of [
        'FACE_MISMATCH',
        'PRESENTATION_ATTACK',
        'UNKNOWN_BOARDING_PASS',
        'INVALID_BOARDING_PASS',
        'DUPLICATE_BOARDING',
        'SECURITY_NOT_CLEARED',
      ])
        expect(alerts).toContain(alert);
      const outages = new Set(steps.map((s) => (s.outage as { kind?: string } | undefined)?.kind));
      expect(outages).toEqual(new Set([undefined, 'BIOMETRIC', 'KIOSK']));
      expect(steps.some((s) => 'withdrawConsent' in s)).toBe(true);
      expect([...expectedValues('templatesDeleted')].some((n) => (n as number) > 0)).toBe(true);
    });
  });

  it('gives byte-identical reports for the same input', async () => {
    const files = [
      `${SEEDS}/16-impostor-at-security-egate.yaml`,
      `${SEEDS}/22-retention-purge.yaml`,
    ];
    const once = await biogate(
      'replay',
      ...files,
      '--junit',
      join(dir, 'a.xml'),
      '--json',
      join(dir, 'a.json'),
    );
    const twice = await biogate(
      'replay',
      ...files,
      '--junit',
      join(dir, 'b.xml'),
      '--json',
      join(dir, 'b.json'),
    );
    expect(once.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    expect(readFileSync(join(dir, 'b.xml'), 'utf8')).toBe(readFileSync(join(dir, 'a.xml'), 'utf8'));
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'a.json'), 'utf8'),
    );
  }, 120_000);

  it('exits 1 when an expectation does not hold, naming file, line, expected and actual', async () => {
    const file = write(
      'wrong.yaml',
      `name: a wrong expectation
clock: 2025-12-01T07:00:00+07:00
flights:
  VN213: { carrier: VN, number: "213", date: 2025-12-01, origin: SGN, destination: HAN, departureAt: 2025-12-01T09:00:00+07:00 }
passengers:
  an: { surname: NGUYEN, givenName: VAN AN, document: { type: CITIZEN_ID_CARD, number: "079200001234" } }
steps:
  - book: { pnr: WRONG1, flight: VN213, passengers: [an] }
  - checkIn: { passenger: an, channel: COUNTER }
    expect: { outcome: ALLOWED, reason: OK }
  - checkIn: { passenger: an, channel: KIOSK }
    expect: { outcome: ALLOWED }
`,
    );
    const run = await biogate('replay', file, '--junit', join(dir, 'wrong.xml'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  a wrong expectation');
    expect(run.stdout).toContain(`${file}:9: expected outcome ALLOWED, got REDIRECTED`);
    expect(run.stdout).toContain(`${file}:9: expected reason OK, got COUNTER_NOT_ELIGIBLE`);
    expect(run.stdout).toMatch(/ok {4}3 .*check in an at KIOSK {2}=> {2}ALLOWED OK, seat 1A/);
    const junit = readFileSync(join(dir, 'wrong.xml'), 'utf8');
    expect(await junitProblems(junit)).toEqual([]);
    expect(junit.match(/<failure /g)).toHaveLength(1);
    expect(junit).toContain('failures="1"');
  }, 60_000);

  it('exits 2 on an invalid scenario, naming file and line, and replays nothing', async () => {
    const bad = write(
      'bad.yaml',
      `name: bad
clock: 2025-12-01T07:00:00+07:00
flights: {}
passengers: {}
steps:
  - checkIn: { passenger: ghost, channel: KIOSK }
`,
    );
    const run = await biogate('replay', `${SEEDS}/01-biometric-journey-across-1-dec.yaml`, bad);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `biogate: ${bad}:6: steps[0].checkIn.passenger: expected a passenger of this scenario (), got "ghost"\n`,
    );
    expect((await biogate('replay', join(dir, 'missing.yaml'))).stderr).toBe(
      `biogate: ${join(dir, 'missing.yaml')}: cannot read: no such file\n`,
    );
  });

  it('keeps the JSON Schema file in step with the scenario DTOs', () => {
    expect(readFileSync(join(root, SEEDS, 'scenario.schema.json'), 'utf8')).toBe(
      scenarioJsonSchemaText(),
    );
  });

  describe('--target: a running service', () => {
    let settable: ServiceProcess;
    let wallClock: ServiceProcess;

    beforeAll(async () => {
      [settable, wallClock] = await Promise.all([
        startServiceProcess('embedded', 3191, { BIOGATE_CLOCK_START: '2025-12-01T07:00:00+07:00' }),
        startServiceProcess('embedded', 3192, {}),
      ]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([settable.stop(), wallClock.stop()]);
    });

    it('replays against a service started with BIOGATE_CLOCK_START', async () => {
      const run = await biogate(
        'replay',
        `${SEEDS}/16-impostor-at-security-egate.yaml`,
        `${SEEDS}/18-duplicate-boarding.yaml`,
        '--target',
        settable.url,
        '--api-key',
        'demo-qa-key-000000000001',
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`biogate replay on ${settable.url}`);
      expect(run.stdout).toContain('2 of 2 scenarios passed');
      expect(run.code).toBe(0);
    }, 120_000);

    it('refuses a service on the wall clock, a wrong key and a missing key with exit 2', async () => {
      const scenario = `${SEEDS}/16-impostor-at-security-egate.yaml`;
      const wall = await biogate(
        'replay',
        scenario,
        '--target',
        wallClock.url,
        '--api-key',
        'demo-qa-key-000000000001',
      );
      expect(wall.code).toBe(2);
      expect(wall.stderr).toContain('start it with BIOGATE_CLOCK_START');
      const wrongKey = await biogate(
        'replay',
        scenario,
        '--target',
        settable.url,
        '--api-key',
        'not-a-key-0000000000',
      );
      expect(wrongKey.code).toBe(2);
      expect(wrongKey.stderr).toContain('refused the API key (401)');
      const airline = await biogate(
        'replay',
        scenario,
        '--target',
        settable.url,
        '--api-key',
        'demo-airline-vn-key-0001',
      );
      expect(airline.stderr).toContain('(replay needs a QA key)');
      const noKey = await biogate('replay', scenario, '--target', settable.url);
      expect(noKey.stderr).toContain('--target needs a QA API key');
    }, 60_000);
  });
});
