import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '@biogate/domain';
import { runBiogate } from './biogate-cli';
import type { CliIo } from './cli-io';

const root = join(__dirname, '../../../..');
const sample = join(root, 'seeds/requests/sample.json');
const dir = mkdtempSync(join(tmpdir(), 'biogate-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function biogate(
  argv: string[],
  options: { stdin?: string; now?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    now: () => parseInstant(options.now ?? '2025-11-30T23:59:30+07:00')!,
    env: options.env ?? {},
  };
  const code = await runBiogate(argv, io);
  return { code, stdout, stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const request = JSON.parse(readFileSync(sample, 'utf8'))[15] as Record<string, unknown>;

describe('biogate policy evaluate', () => {
  it('prints the decisions a reader of domain.md predicts for the sample', async () => {
    const run = await biogate(['policy', 'evaluate', sample]);
    expect(run).toEqual({
      code: 0,
      stdout: readFileSync(join(root, 'seeds/requests/sample.expected.json'), 'utf8'),
      stderr: '',
    });
    expect(JSON.parse(run.stdout)).toHaveLength(25);
  });

  it('reads standard input for -', async () => {
    const run = await biogate(['policy', 'evaluate', '-'], { stdin: JSON.stringify([request]) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        phase: 'BIOMETRIC_DEFAULT',
        outcome: 'REDIRECTED',
        redirectTo: 'BIOMETRIC',
        reason: 'COUNTER_NOT_ELIGIBLE',
        rules: ['R5'],
        incentiveWindow: false,
      },
    ]);
  });

  it('prints an empty array for no requests', async () => {
    expect(await biogate(['policy', 'evaluate', '-'], { stdin: '[]' })).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: '',
    });
  });

  it('applies a what-if policy file', async () => {
    const whatIf = file('later-default.json', { phaseStarts: { BIOMETRIC_DEFAULT: '2026-01-01' } });
    const run = await biogate(['policy', 'evaluate', '-', '--policy', whatIf], {
      stdin: JSON.stringify([request]),
    });
    expect(JSON.parse(run.stdout)).toEqual([
      {
        phase: 'BIOMETRIC_ENROLMENT',
        outcome: 'ALLOWED',
        reason: 'OK',
        rules: ['R5'],
        incentiveWindow: true,
      },
    ]);
  });

  it('refuses a file with a bad request: exit 2, nothing on stdout, index and path on stderr', async () => {
    const bad = [
      request,
      request,
      request,
      { ...request, passenger: { ...(request.passenger as object), checkedBags: 'two' } },
    ];
    const path = file('bad-request.json', bad);
    const run = await biogate(['policy', 'evaluate', path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `biogate: ${path}: request[3].passenger.checkedBags: expected an integer >= 0, got "two"\n` +
        `biogate: 1 input error in ${path}; nothing was evaluated\n`,
    );
  });

  it('refuses a request nested 60,000 deep as an input error, shown from its start', async () => {
    const run = await biogate(['policy', 'evaluate', '-'], {
      stdin: `[${'['.repeat(60_000)}${']'.repeat(60_000)}]`,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `biogate: <stdin>: request[0]: expected an object, got ${'['.repeat(57)}...\n` +
        `biogate: 1 input error in <stdin>; nothing was evaluated\n`,
    );
  });

  it('names every bad request, not only the first', async () => {
    const run = await biogate(['policy', 'evaluate', '-'], {
      stdin: JSON.stringify([
        { ...request, airport: 'BKK' },
        request,
        { ...request, touchpoint: 'GATE' },
      ]),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('<stdin>: request[0].airport: unknown airport code "BKK"');
    expect(run.stderr).toContain(
      '<stdin>: request[2].touchpoint: expected one of CHECK_IN, SECURITY, BOARDING, got "GATE"',
    );
    expect(run.stderr).toContain('2 input errors in <stdin>; nothing was evaluated');
  });

  it('gives the line and column of a file that is not JSON', async () => {
    const path = file('broken.json', '[\n  {"at": "2025-12-01T07:30:00+07:00",}\n]');
    const run = await biogate(['policy', 'evaluate', path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^biogate: ${path}: line 2, column 38: not valid JSON \\(.+\\)\\n$`),
    );
  });

  it('refuses a JSON object where an array is expected', async () => {
    const run = await biogate(['policy', 'evaluate', '-'], { stdin: '{"requests": []}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '<stdin>: expected a JSON array of evaluation requests, got {"requests":[]}',
    );
  });

  it.each<[string, string[], RegExp]>([
    [
      'a missing file',
      ['policy', 'evaluate', '/nonexistent/requests.json'],
      /cannot read: no such file/,
    ],
    ['a directory', ['policy', 'evaluate', '/tmp'], /cannot read: is a directory/],
    ['no FILE argument', ['policy', 'evaluate'], /missing required argument 'FILE'/],
    ['an unknown option', ['policy', 'evaluate', '-', '--fast'], /unknown option '--fast'/],
    ['an unknown command', ['policy', 'approve'], /unknown command 'approve'/],
    [
      'a bad what-if file',
      ['policy', 'evaluate', '-', '--policy', '/nonexistent/what-if.json'],
      /what-if\.json: cannot read: no such file/,
    ],
  ])('exits 2 for %s', async (_what, argv, message) => {
    const run = await biogate(argv, { stdin: '[]' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('reference data at start-up', () => {
  it('refuses to decide with a broken airports file, naming the file and the field', async () => {
    const seeds = join(dir, 'broken-seeds');
    mkdirSync(join(seeds, 'reference'), { recursive: true });
    writeFileSync(
      join(seeds, 'reference/airports.json'),
      JSON.stringify({ airports: [{ code: 'SGN', name: 'Tan Son Nhat' }] }),
    );
    const run = await biogate(['policy', 'evaluate', sample], {
      env: { BIOGATE_SEEDS_DIR: seeds },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `biogate: ${join(seeds, 'reference/airports.json')}: airports[0].city: missing; expected the city served`,
    );
  });
});

describe('biogate policy explain', () => {
  it('shows the phase, the rules and the next change at an instant, for an airport', async () => {
    const run = await biogate([
      'policy',
      'explain',
      '--at',
      '2025-11-30T23:59:59+07:00',
      '--airport',
      'VII',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Policy in force at 2025-11-30T23:59:59+07:00 (2025-11-30T16:59:59Z), Asia/Ho_Chi_Minh',
    );
    expect(run.stdout).toMatch(/Phase\s+BIOMETRIC_ENROLMENT, since 2025-09-15T00:00:00\+07:00/);
    expect(run.stdout).toMatch(
      /Next change\s+BIOMETRIC_DEFAULT at 2025-12-01T00:00:00\+07:00 \(2025-11-30T17:00:00Z\), in 1 s/,
    );
    expect(run.stdout).toMatch(/Incentive window\s+yes \(R9\)/);
    expect(run.stdout).toContain(
      'VII Vinh International Airport, Vinh: biometric channels in service',
    );
    for (const rule of ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']) {
      expect(run.stdout).toMatch(new RegExp(`^${rule}\\s`, 'm'));
    }
    expect(run.stdout).toMatch(/^R5\s+COUNTER check-in\s+open to every passenger/m);
  });

  it('shows the counter restriction from 1 Dec, given as a local date', async () => {
    const run = await biogate(['policy', 'explain', '--at', '2025-12-01']);
    expect(run.stdout).toMatch(/Phase\s+BIOMETRIC_DEFAULT, since 2025-12-01T00:00:00\+07:00/);
    expect(run.stdout).toMatch(/Next change\s+none: BIOMETRIC_DEFAULT is the last phase/);
    expect(run.stdout).toMatch(/^R5\s+COUNTER check-in\s+kept for passengers with checked bags/m);
  });

  it('says a non-pilot airport has no biometric channels before the mandate', async () => {
    const run = await biogate([
      'policy',
      'explain',
      '--at',
      '2025-08-01T12:00:00Z',
      '--airport',
      'BMV',
    ]);
    expect(run.stdout).toMatch(/Phase\s+PRE_MANDATE \(before the directive\)/);
    expect(run.stdout).toContain('biometric channels not in service (ready from 2025-10-30)');
    expect(run.stdout).toContain('BMV has no biometric channels yet (not a pilot airport)');
  });

  it('explains a what-if policy', async () => {
    const whatIf = file('explain-what-if.json', {
      phaseStarts: { BIOMETRIC_DEFAULT: '2026-01-01' },
    });
    const run = await biogate(['policy', 'explain', '--at', '2025-12-10', '--policy', whatIf]);
    expect(run.stdout).toMatch(/Next change\s+BIOMETRIC_DEFAULT at 2026-01-01T00:00:00\+07:00/);
    expect(run.stdout).toContain('inside the incentive window (2025-09-15 to 2025-12-31)');
  });

  it('uses the clock when --at is not given', async () => {
    const run = await biogate(['policy', 'explain'], { now: '2025-09-14T23:00:00+07:00' });
    expect(run.stdout).toMatch(/Phase\s+PRE_MANDATE/);
    expect(run.stdout).toMatch(
      /Next change\s+BIOMETRIC_ENROLMENT at 2025-09-15T00:00:00\+07:00 .*, in 1 h 0 min/,
    );
  });

  it.each<[string[], RegExp]>([
    [
      ['--at', 'next monday'],
      /--at: expected an ISO 8601 instant with an offset .* got "next monday"/,
    ],
    [['--at', '2025-12-01T07:30:00'], /--at: expected an ISO 8601 instant/],
    [['--airport', 'LHR'], /--airport: unknown airport code "LHR"; known: HAN SGN/],
    [['--at'], /option '--at <INSTANT>' argument missing/],
  ])('exits 2 for bad options %j', async (options, message) => {
    const run = await biogate(['policy', 'explain', ...options]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('biogate help', () => {
  it.each([
    [[]],
    [['--help']],
    [['policy', '--help']],
    [['policy', 'evaluate', '--help']],
    [['policy', 'explain', '--help']],
  ])('prints usage for %j and exits 0', async (argv) => {
    const run = await biogate(argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: biogate/);
  });

  it('documents the exit codes of evaluate', async () => {
    expect((await biogate(['policy', 'evaluate', '--help'])).stdout).toContain(
      'Exit codes: 0 decisions printed; 2 input error',
    );
  });
});

describe('biogate simulate', () => {
  it('compares the same airport day under two phases', async () => {
    const run = await biogate([
      'simulate',
      '--airport',
      'DAD',
      '--compare',
      '2025-11-30,2025-12-01',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DAD: 98 departures, \d+ departing passengers/);
    expect(run.stdout).toContain('2025-11-30 BIOMETRIC_ENROLMENT');
    expect(run.stdout).toContain('2025-12-01 BIOMETRIC_DEFAULT');
    expect(run.stdout).toMatch(/check-in COUNTER\s+\d+%\s+\d+%/);
  });

  it('writes the same JSON bytes for the same inputs, and nothing on stdout with --quiet', async () => {
    const first = join(dir, 'sim-1.json');
    const second = join(dir, 'sim-2.json');
    const a = await biogate([
      'simulate',
      '--airport',
      'HUI',
      '--date',
      '2025-12-01',
      '--json',
      first,
      '--quiet',
    ]);
    await biogate([
      'simulate',
      '--airport',
      'HUI',
      '--date',
      '2025-12-01',
      '--json',
      second,
      '--quiet',
    ]);
    expect(a).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(second, 'utf8'));
    expect(JSON.parse(readFileSync(first, 'utf8'))).toMatchObject({
      seed: 'biogate',
      reports: [{ airport: 'HUI', date: '2025-12-01' }],
    });
  });

  it('takes a real schedule instead of generated flights', async () => {
    const run = await biogate([
      'simulate',
      '--airport',
      'VII',
      '--date',
      '2025-12-01',
      '--schedule',
      join(root, 'seeds/capacity/schedules/vii-2025-12-01.json'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^VII: 6 departures, 975 departing passengers/);
  });

  it('draws progress on a terminal, and only there', async () => {
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: () => Promise.resolve(''),
      now: () => Date.now(),
      env: {},
      stderrIsTerminal: true,
    };
    expect(
      await runBiogate(['simulate', '--airport', 'HUI', '--compare', '2025-11-30,2025-12-01'], io),
    ).toBe(0);
    expect(stderr).toContain('[------------------------] 0/2 HUI 2025-11-30');
    expect(stderr).toContain('[############------------] 1/2 HUI 2025-12-01');
    expect((await biogate(['simulate', '--airport', 'HUI', '--date', '2025-12-01'])).stderr).toBe(
      '',
    );
  });

  it.each<[string[], RegExp]>([
    [
      [
        '--airport',
        'VII',
        '--date',
        '2025-12-01',
        '--schedule',
        join(root, 'seeds/reference/airports.json'),
      ],
      /airports\.json: flights: missing; expected an array of flights/,
    ],
    [
      ['--all-airports', '--date', '2025-12-01', '--schedule', 'x.json'],
      /--schedule: a schedule file is for one airport/,
    ],
    [['--airport', 'LHR', '--date', '2025-12-01'], /--airport: unknown airport code "LHR"/],
    [
      ['--airport', 'SGN', '--date', '1 Dec'],
      /--date: expected local dates YYYY-MM-DD, got "1 Dec"/,
    ],
    [['--airport', 'SGN'], /--date or --compare: expected a local date/],
    [['--date', '2025-12-01'], /--airport CODE or --all-airports is required/],
    [
      ['--airport', 'SGN', '--date', '2025-12-01', '--params', '/nonexistent.yaml'],
      /nonexistent\.yaml: cannot read: no such file/,
    ],
  ])('exits 2 for %j', async (args, message) => {
    const run = await biogate(['simulate', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
