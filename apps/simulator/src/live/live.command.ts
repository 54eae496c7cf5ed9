import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseLocalDate, type Instant } from '@biogate/domain';
import { CliInputError } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { renderTable } from '../cli/text-table';
import type { AirportDayInput } from '../capacity/airport-day';
import {
  airportDayInput,
  loadDayInputs,
  type DayFileOptions,
  type DayInputs,
} from '../capacity/day-inputs';
import { renderHtmlReport } from '../capacity/html-report';
import { renderAirport } from '../capacity/simulate.command';
import { startEmbeddedServices, type RunningEmbeddedServices } from '../replay/embedded-services';
import { vietnamTime } from '../replay/scenario-runner';
import {
  DistributedScenarioTarget,
  HttpScenarioTarget,
  ScenarioTargetError,
  type ScenarioTarget,
} from '../replay/scenario-target';
import {
  crossChecked,
  playThroughServices,
  type LiveDayOptions,
  type LiveDayResult,
  type ServicesDay,
} from './live-day';

export interface LiveOptions extends DayFileOptions {
  readonly airport?: string;
  readonly allAirports?: boolean;
  readonly date?: string;
  readonly window?: string;
  readonly seed: string;
  readonly speed?: string;
  readonly fast?: boolean;
  readonly json?: string;
  readonly html?: string;
  readonly quiet?: boolean;
  readonly target?: string;
  readonly apiKey?: string;
  readonly port?: string;
}

/**
 * `biogate live`: the capacity model's airport day played through the real services, every step
 * decided by them at its simulated instant, then cross-checked against the model alone. Runs on
 * fresh embedded services (PGlite in memory, a simulated clock), or on running ones (`--target`).
 */
export async function liveCommand(options: LiveOptions, io: CliIo): Promise<void> {
  if (options.airport === undefined && !options.allAirports)
    throw new CliInputError(['--airport CODE (or CODE,CODE,...) or --all-airports is required']);
  if (options.date === undefined || parseLocalDate(options.date) === undefined)
    throw new CliInputError([
      `--date: expected a local date YYYY-MM-DD, got ${JSON.stringify(options.date ?? '')}`,
    ]);
  const date = options.date;
  const speed = speedOf(options);
  const port = portOf(options);
  const departureWindow = options.window === undefined ? undefined : windowOf(options.window);
  const inputs = loadDayInputs(options, io.env);
  const days = airportsOf(options, inputs).map((code) => ({
    ...airportDayInput(inputs, code, date, options.seed),
    ...(departureWindow === undefined ? {} : { departureWindow }),
  }));

  const target = options.target === undefined ? undefined : runningTarget(options, io);
  // Embedded, the console (and the queue sensors that feed it) only where someone can watch.
  const watchable = port !== undefined || speed !== undefined;
  // A target has a console with one URL (npm start) or a fourth (the operations service).
  const queueSensors = target === undefined ? watchable : target.urls.length !== 3;

  const showProgress = !options.quiet && io.stderrIsTerminal === true;
  let played: ServicesDay[];
  try {
    played = await playDays(days, target, {
      ...(speed === undefined ? {} : { speed, watchOperators: true }),
      queueSensors,
      ...(showProgress ? { progress: progressLine(io, performance.now()) } : {}),
      // Embedded services start two days early.
      clockStart: Date.parse(`${date}T00:00:00+07:00`) - 2 * 86_400_000,
      port,
      watchable,
      io,
    });
  } finally {
    if (showProgress) io.stderr.write('\r\x1b[K');
  }
  // The embedded services and their database are unreachable now: collect them before the
  // model's day is built, or the cross-check stands in memory beside the whole day's tables
  // (the peak of SGN's day, 1.17 GB). `npm run biogate` runs node with --expose-gc.
  globalThis.gc?.();
  const results = played.map(crossChecked);
  if (options.json !== undefined) writeFileSync(options.json, liveJson(options.seed, results));
  // The same report as simulate's, of the day the services decided.
  if (options.html !== undefined)
    writeFileSync(
      options.html,
      renderHtmlReport(
        results.map((result) => result.report),
        inputs.parameters.levelOfService,
      ),
    );
  if (!options.quiet) io.stdout.write(renderLive(results));
}

interface PlayOptions extends LiveDayOptions {
  /** Where embedded services start their clock; the day's first steps move it forward. */
  readonly clockStart: Instant;
  readonly port: number | undefined;
  readonly watchable: boolean;
  readonly io: CliIo;
}

/**
 * Plays the days on the running target, or on embedded services started for them and closed
 * after. Nothing of the services outlives this call but what each day kept.
 */
async function playDays(
  days: readonly AirportDayInput[],
  target: ReturnType<typeof runningTarget> | undefined,
  options: PlayOptions,
): Promise<ServicesDay[]> {
  const { clockStart, port, watchable, io, ...dayOptions } = options;
  let services: RunningEmbeddedServices | undefined;
  const played: ServicesDay[] = [];
  try {
    let driven: ScenarioTarget;
    if (target !== undefined) {
      await assertSettableClocks(target.urls, target.apiKey);
      driven = target.target;
    } else {
      services = await startEmbeddedServices(clockStart, {
        ...(port === undefined ? {} : { port }),
        console: watchable,
      });
      driven = services.target;
      if (watchable)
        io.stderr.write(
          `biogate live: watch the day in the operations console at ${services.url}/ (sign in with ${services.apiKey})\n`,
        );
    }
    // One airport after the other on the same services: each day's identities are its own.
    for (const input of days) played.push(await playThroughServices(input, driven, dayOptions));
  } catch (error) {
    if (error instanceof ScenarioTargetError) throw new CliInputError([error.message]);
    throw error;
  } finally {
    await services?.close();
  }
  return played;
}

/**
 * `--target URL` (the embedded default of `npm start`, or one gateway) or `--target
 * CHECKIN,SECURITY,BOARDING[,OPERATIONS]` (distributed mode, a URL per service; the operations
 * service's clock follows the day's), with a QA key.
 */
function runningTarget(
  options: LiveOptions,
  io: CliIo,
): { target: ScenarioTarget; urls: string[]; apiKey: string } {
  const urls = (options.target ?? '').split(',').map((url) => url.trim());
  const bad = urls.find((url) => !/^https?:\/\/[^\s,]+$/.test(url));
  if (bad !== undefined || ![1, 3, 4].includes(urls.length))
    throw new CliInputError([
      `--target: expected one http(s) URL, or three (check-in, security gate, boarding gate) or four (and operations) separated by commas, got ${JSON.stringify(options.target)}`,
    ]);
  const apiKey = options.apiKey ?? io.env.BIOGATE_API_KEY;
  if (apiKey === undefined)
    throw new CliInputError([
      '--target needs a QA API key: --api-key KEY or the BIOGATE_API_KEY environment variable',
    ]);
  const targets = urls.map((url) => new HttpScenarioTarget(url, apiKey));
  const [checkin, security, boarding, operations] = targets as [
    HttpScenarioTarget,
    HttpScenarioTarget?,
    HttpScenarioTarget?,
    HttpScenarioTarget?,
  ];
  return {
    target:
      security === undefined || boarding === undefined
        ? checkin
        : new DistributedScenarioTarget(checkin, security, boarding, operations),
    urls,
    apiKey,
  };
}

/** Each target must be a biogate service that lets QA move its clock: checked before anything runs. */
async function assertSettableClocks(urls: readonly string[], apiKey: string): Promise<void> {
  for (const url of urls) {
    const response = await new HttpScenarioTarget(url, apiKey).call('GET', '/v1/maintenance/clock');
    const body = response.body as { settable?: unknown } | undefined;
    if (response.status !== 200 || typeof body?.settable !== 'boolean')
      throw new ScenarioTargetError(
        `${url} is not a biogate service with a QA key (GET /v1/maintenance/clock answered ${response.status})`,
      );
    if (!body.settable)
      throw new ScenarioTargetError(
        `${url} runs on the wall clock; start it with BIOGATE_CLOCK_START so that the day can move its clock`,
      );
  }
}

/** "2025-12-01T07:31:02+07:00  1200/3400 passengers through, 35.2/s", five times a second. */
function progressLine(io: CliIo, started: number) {
  let shown = 0;
  return (at: number, done: number, total: number): void => {
    const now = performance.now();
    if (now - shown < 200) return;
    shown = now;
    const rate = done / Math.max((now - started) / 1000, 0.001);
    io.stderr.write(
      `\r\x1b[K${vietnamTime(at)}  ${done}/${total} passengers through, ${rate.toFixed(1)}/s`,
    );
  };
}

/** `--port N`: where the embedded services and their console listen (a free port otherwise). */
function portOf(options: LiveOptions): number | undefined {
  if (options.port === undefined) return undefined;
  if (options.target !== undefined)
    throw new CliInputError([
      '--port is where the embedded services listen; with --target, watch the console of the target',
    ]);
  const port = Number(options.port);
  if (!/^\d{1,5}$/.test(options.port) || port < 1 || port > 65_535)
    throw new CliInputError([
      `--port: expected a TCP port from 1 to 65535, got ${JSON.stringify(options.port)}`,
    ]);
  return port;
}

function speedOf(options: LiveOptions): number | undefined {
  if (options.speed === undefined) return undefined;
  if (options.fast) throw new CliInputError(['--speed and --fast: choose one']);
  const speed = Number(options.speed);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new CliInputError([
      `--speed: expected a positive number (times real time), got ${JSON.stringify(options.speed)}`,
    ]);
  return speed;
}

/** "06:00-09:30", local time, both ends included. */
export function windowOf(text: string): { from: number; to: number } {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  const seconds = (h?: string, m?: string) =>
    Number(h) <= 23 && Number(m) <= 59 ? (Number(h) * 60 + Number(m)) * 60 : Number.NaN;
  const from = seconds(match?.[1], match?.[2]);
  const to = seconds(match?.[3], match?.[4]);
  if (!match || Number.isNaN(from) || Number.isNaN(to) || from > to)
    throw new CliInputError([
      `--window: expected local times HH:MM-HH:MM, the first not after the second, got ${JSON.stringify(text)}`,
    ]);
  return { from, to };
}

/** The JSON report: no wall-clock figure in it, so that the same seed gives the same bytes. */
function liveJson(seed: string, results: readonly LiveDayResult[]): string {
  const airport = ({ report, services, crossCheck, operatorChanges }: LiveDayResult) => ({
    report,
    services,
    operatorChanges,
    crossCheck,
  });
  const [only] = results;
  const body =
    results.length === 1 && only !== undefined
      ? { seed, ...airport(only) }
      : { seed, airports: results.map(airport) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** --all-airports: every airport with traffic; --airport: one code or a comma-separated list. */
function airportsOf(options: LiveOptions, inputs: DayInputs): string[] {
  const withTraffic = inputs.traffic.airports.map((a) => a.code);
  if (options.allAirports) {
    if (options.airport !== undefined)
      throw new CliInputError(['--airport and --all-airports: choose one']);
    return withTraffic.filter(inputs.isAirport);
  }
  const codes = (options.airport ?? '').split(',').map((code) => code.trim());
  for (const code of codes) {
    if (!inputs.isAirport(code))
      throw new CliInputError([`--airport: unknown airport code ${JSON.stringify(code)}`]);
  }
  if (new Set(codes).size !== codes.length)
    throw new CliInputError([`--airport: an airport is named twice in ${options.airport ?? ''}`]);
  return codes;
}

function renderLive(results: readonly LiveDayResult[]): string {
  const [only] = results;
  if (results.length === 1 && only !== undefined) return renderAirportLive(only);
  const rows = results.map((r) => [
    r.report.airport,
    String(r.report.passengers),
    String(r.report.boarded),
    String(r.report.missedFlights),
    `${r.crossCheck.identical}/${r.crossCheck.decisions}`,
    r.journeysPerSecond.toFixed(1),
  ]);
  const sum = (pick: (r: LiveDayResult) => number) => results.reduce((s, r) => s + pick(r), 0);
  const passengers = sum((r) => r.report.passengers);
  const identical = sum((r) => r.crossCheck.identical);
  const decisions = sum((r) => r.crossCheck.decisions);
  const perSecond =
    passengers /
    Math.max(
      sum((r) => r.wallSeconds),
      0.001,
    );
  const differing = results.filter((r) => r.crossCheck.passengersDiffering > 0);
  return [
    renderTable(
      ['Airport', 'Passengers', 'Boarded', 'Missed', 'Identical', 'Per second'],
      [
        ...rows,
        [
          'ALL',
          String(passengers),
          String(sum((r) => r.report.boarded)),
          String(sum((r) => r.report.missedFlights)),
          `${identical}/${decisions}`,
          perSecond.toFixed(1),
        ],
      ],
      [7, 10, 10, 8, 16, 10],
    ),
    '',
    ...differing.map((r) => renderDifferences(r)),
    `live_journeys_per_s=${perSecond.toFixed(1)} identical_decisions=${identical}/${decisions}`,
    '',
  ].join('\n');
}

/** The passengers of one airport whose route differs, with both decisions. */
function renderDifferences(result: LiveDayResult): string {
  const { crossCheck, report } = result;
  const differences = crossCheck.differences.map((d): string[] => [
    `${report.airport} passenger ${d.passenger} step ${d.step} at ${vietnamTime(d.at)}`,
    `model: ${d.model}`,
    `services: ${d.services}`,
  ]);
  return `Cross-check: ${crossCheck.passengersDiffering} passengers' routes differ at ${report.airport}; first differences:\n${renderTable(['Where', 'Model', 'Services'], differences, [44, 50, 50])}\n`;
}

function renderAirportLive(result: LiveDayResult): string {
  const { report, services, crossCheck } = result;
  const counts = (prefix: string, table: Record<string, number>): string[][] =>
    Object.entries(table).map(([key, n]) => [`${prefix} ${key}`, String(n)]);
  return [
    renderAirport([report]),
    renderTable(
      ['What only the services know', ''],
      [
        ...counts('alerts', services.alerts),
        ...counts('failed', services.failures),
        ['events dead-lettered', String(services.deadLetters)],
        ...counts('templates purged', services.templatesPurged),
        ['requests', String(services.requests)],
        ['settles', String(services.settles)],
      ],
      [40, 10],
    ),
    '',
    ...(result.operatorChanges.length === 0
      ? []
      : [
          `Operators changed during the day: ${result.operatorChanges
            .map(
              (c) =>
                `${vietnamTime(c.at)} ${c.outage} ${c.kind === 'DECLARE_OUTAGE' ? 'declared' : 'cleared'}`,
            )
            .join('; ')}.`,
          '',
        ]),
    crossCheck.passengersDiffering === 0
      ? `Cross-check: every decision of the services is the model's (${crossCheck.identical}/${crossCheck.decisions}).`
      : renderDifferences(result),
    `live_journeys_per_s=${result.journeysPerSecond.toFixed(1)} identical_decisions=${crossCheck.identical}/${crossCheck.decisions}`,
    '',
  ].join('\n');
}
