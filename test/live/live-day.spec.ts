import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { airportDayInput, loadDayInputs } from '../../apps/simulator/src/capacity/day-inputs';
import { runLiveDay } from '../../apps/simulator/src/live/live-day';
import { startEmbeddedServices } from '../../apps/simulator/src/replay/embedded-services';
import { biogate } from '../support/biogate-in-process';

/**
 * The live airport day on the embedded services: the capacity model's passengers, every step
 * decided by the real check-in, security and boarding services, then the same day through the
 * model alone. Vinh's 07:00-08:00 departures keep it to a few hundred passengers; a what-if
 * takes the kiosks down for half an hour while they check in.
 */
const VINH_MORNING = ['--airport', 'VII', '--date', '2025-12-01', '--window', '07:00-08:00'];

interface LiveJson {
  report: {
    passengers: number;
    boarded: number;
    channels: { checkIn: Record<string, number> };
    redirects: Record<string, number>;
  };
  services: {
    alerts: Record<string, number>;
    failures: Record<string, number>;
    deadLetters: number;
    templatesPurged: Record<string, number>;
  };
  crossCheck: { identical: number; decisions: number; passengersDiffering: number };
}

describe('biogate live', () => {
  const dir = mkdtempSync(join(tmpdir(), 'biogate-live-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const events = join(dir, 'kiosks-down.yaml');
  writeFileSync(
    events,
    // Vinh's first departure (VN100, 07:09) boards from 06:45 instead of 06:29.
    "events:\n  - { at: '06:00', declare: KIOSK }\n  - { at: '06:30', clear: KIOSK }\n  - { at: '06:45', openBoarding: VN100 }\n",
  );
  const badEvents = join(dir, 'bad-events.yaml');
  writeFileSync(badEvents, "events:\n  - { at: '06:00', declare: KIOSK }\n  - { at: noon }\n");

  it('plays the day through the services, decision for decision as the model, and the same bytes again', async () => {
    const first = await biogate(
      'live',
      ...VINH_MORNING,
      '--events',
      events,
      '--json',
      join(dir, 'a.json'),
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const last = first.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^live_journeys_per_s=\d+(\.\d+)? identical_decisions=\d+\/\d+$/);
    const [, k, m] = /identical_decisions=(\d+)\/(\d+)/.exec(last) ?? [];
    expect(Number(m)).toBeGreaterThan(500);
    expect(k).toBe(m);

    const json = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as LiveJson;
    expect(json.crossCheck.passengersDiffering).toBe(0);
    expect(json.services.failures).toEqual({});
    expect(json.services.deadLetters).toBe(0);
    // The galleries the day staged at both gates, and the enrolments at check-in, all gone once
    // their retention after the day's departures had passed.
    const purged = json.services.templatesPurged;
    expect(Object.keys(purged).sort()).toEqual(['boarding-gate', 'check-in', 'security-gate']);
    expect(purged['security-gate']).toBeGreaterThan(0);
    expect(purged['boarding-gate']).toBe(purged['security-gate']);
    expect(purged['check-in']).toBeGreaterThan(0);
    // Everyone's day ends somewhere, and most board: the services let them through.
    expect(json.report.boarded).toBeGreaterThan(0.5 * json.report.passengers);
    // 1 Dec: the counter is kept for bags and special passengers; everyone else is sent on.
    expect(json.report.channels.checkIn.KIOSK).toBeGreaterThan(0);
    expect(json.report.channels.checkIn.BIOMETRIC).toBeGreaterThan(0);

    // The services sent kiosk check-ins away during the outage, as the model did.
    const kioskOutage = Object.keys(json.report.redirects).filter((key) =>
      /^CHECK_IN KIOSK→(BIOMETRIC|COUNTER) KIOSK_OUTAGE$/.test(key),
    );
    expect(kioskOutage.length).toBeGreaterThan(0);

    const again = await biogate(
      'live',
      ...VINH_MORNING,
      '--events',
      events,
      '--json',
      join(dir, 'b.json'),
      '--html',
      join(dir, 'b.html'),
    );
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'a.json'), 'utf8'),
    );
    // simulate's HTML report, of the day the services decided.
    const html = readFileSync(join(dir, 'b.html'), 'utf8');
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('VII');
    expect(html).toContain(`${json.report.passengers} departing passengers`);
  }, 300_000);

  it.each([
    [['--airport', 'XXX', '--date', '2025-12-01'], '--airport: unknown airport code "XXX"'],
    [['--airport', 'VII', '--date', '2025-13-01'], '--date: expected a local date YYYY-MM-DD'],
    [['--date', '2025-12-01'], '--airport CODE (or CODE,CODE,...) or --all-airports is required'],
    [['--airport', 'VII,XXX', '--date', '2025-12-01'], '--airport: unknown airport code "XXX"'],
    [['--airport', 'VII,VII', '--date', '2025-12-01'], 'an airport is named twice'],
    [['--airport', 'VII', '--all-airports', '--date', '2025-12-01'], 'choose one'],
    [
      [...VINH_MORNING.slice(0, 4), '--window', '9-10'],
      '--window: expected local times HH:MM-HH:MM',
    ],
    [[...VINH_MORNING.slice(0, 4), '--window', '10:00-09:00'], 'the first not after the second'],
    [[...VINH_MORNING, '--speed', '0'], '--speed: expected a positive number'],
    [[...VINH_MORNING, '--speed', '10', '--fast'], '--speed and --fast: choose one'],
    [[...VINH_MORNING, '--params', 'no-such-file.yaml'], 'no-such-file.yaml'],
    [
      [...VINH_MORNING, '--events', badEvents],
      'bad-events.yaml:3: events[1].at: expected a local time',
    ],
  ])('refuses %j with a clear message, exit 2, nothing run', async (args, message) => {
    const run = await biogate('live', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('biogate live on several airports', () => {
  it('plays them one after the other on the same services, each its own passengers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'biogate-live-airports-'));
    try {
      const file = join(dir, 'airports.json');
      const run = await biogate(
        'live',
        '--airport',
        'VII,DAD',
        '--date',
        '2025-12-01',
        '--window',
        '07:00-07:10',
        '--json',
        file,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        airports: {
          report: { airport: string; passengers: number };
          crossCheck: LiveJson['crossCheck'];
        }[];
      };
      expect(json.airports.map((a) => a.report.airport)).toEqual(['VII', 'DAD']);
      let identical = 0;
      let decisions = 0;
      for (const airport of json.airports) {
        expect(airport.report.passengers).toBeGreaterThan(0);
        expect(airport.crossCheck.passengersDiffering).toBe(0);
        identical += airport.crossCheck.identical;
        decisions += airport.crossCheck.decisions;
      }
      expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
        new RegExp(`identical_decisions=${identical}/${decisions}$`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('an operator during the live day', () => {
  it('declares the kiosks down between two seconds; the day sees it, and the model follows', async () => {
    const inputs = loadDayInputs({}, {});
    const input = {
      ...airportDayInput(inputs, 'VII', '2025-12-01', 'biogate'),
      departureWindow: { from: 7 * 3600, to: 7 * 3600 + 1800 },
    };
    const services = await startEmbeddedServices(Date.parse('2025-11-29T00:00:00+07:00'));
    const declareAt = Date.parse('2025-12-01T06:00:00+07:00');
    const clearAt = Date.parse('2025-12-01T06:20:00+07:00');
    const done = { declared: false, cleared: false };
    try {
      const result = await runLiveDay(input, services.target, {
        watchOperators: true,
        // The operator acts on the services' own API, as the console will.
        progress: async (at) => {
          if (!done.declared && at >= declareAt) {
            done.declared = true;
            await services.target.call('PUT', '/v1/airports/VII/outages/KIOSK');
          } else if (!done.cleared && at >= clearAt) {
            done.cleared = true;
            await services.target.call('DELETE', '/v1/airports/VII/outages/KIOSK');
          }
        },
      });
      expect(result.operatorChanges.map((c) => [c.kind, c.outage])).toEqual([
        ['DECLARE_OUTAGE', 'KIOSK'],
        ['CLEAR_OUTAGE', 'KIOSK'],
      ]);
      const [declared, cleared] = result.operatorChanges;
      expect(declared?.at).toBeGreaterThan(declareAt - 1);
      expect(cleared?.at).toBeGreaterThan(clearAt - 1);
      expect(Object.keys(result.report.redirects).some((key) => key.endsWith('KIOSK_OUTAGE'))).toBe(
        true,
      );
      // The model met the outage at the same seconds: every decision is the services'.
      expect(result.crossCheck.passengersDiffering).toBe(0);
      expect(result.crossCheck.identical).toBe(result.crossCheck.decisions);
    } finally {
      await services.close();
    }
  }, 300_000);
});
