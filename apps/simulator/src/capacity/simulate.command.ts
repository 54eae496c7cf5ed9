import { writeFileSync } from 'node:fs';
import { parseLocalDate } from '@biogate/domain';
import { CliInputError } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { renderTable } from '../cli/text-table';
import { simulateAirportDay, type AirportDayReport } from './airport-day';
import { airportDayInput, loadDayInputs, type DayFileOptions } from './day-inputs';
import { renderHtmlReport } from './html-report';

export interface SimulateOptions extends DayFileOptions {
  readonly airport?: string;
  readonly allAirports?: boolean;
  readonly date?: string;
  readonly compare?: string;
  readonly seed: string;
  readonly json?: string;
  readonly html?: string;
  readonly quiet?: boolean;
}

/** `biogate simulate`: one airport day (or every airport) under the phase of each date. */
export function simulateCommand(options: SimulateOptions, io: CliIo): void {
  const dates = datesOf(options);
  if (options.schedule !== undefined && options.allAirports) {
    throw new CliInputError([
      '--schedule: a schedule file is for one airport (--airport), not --all-airports',
    ]);
  }
  const inputs = loadDayInputs(options, io.env);
  const codes = airportCodes(
    options,
    inputs.traffic.airports.map((a) => a.code),
    inputs.isAirport,
  );

  const reports: AirportDayReport[] = [];
  const progress = progressBar(
    io,
    !options.quiet && io.stderrIsTerminal === true,
    codes.length * dates.length,
  );
  for (const code of codes) {
    for (const date of dates) {
      progress(`${code} ${date}`);
      reports.push(simulateAirportDay(airportDayInput(inputs, code, date, options.seed)));
    }
  }
  progress(undefined);
  if (options.html !== undefined)
    writeFileSync(options.html, renderHtmlReport(reports, inputs.parameters.levelOfService));
  if (options.json !== undefined)
    writeFileSync(options.json, `${JSON.stringify({ seed: options.seed, reports }, null, 2)}\n`);
  if (!options.quiet)
    io.stdout.write(codes.length === 1 ? renderAirport(reports) : renderAirports(reports, dates));
}

function datesOf(options: SimulateOptions): string[] {
  const dates =
    options.compare !== undefined
      ? options.compare.split(',').map((d) => d.trim())
      : options.date !== undefined
        ? [options.date]
        : [];
  if (dates.length === 0)
    throw new CliInputError([
      '--date or --compare: expected a local date YYYY-MM-DD (or a comma-separated list)',
    ]);
  for (const date of dates) {
    if (parseLocalDate(date) === undefined) {
      throw new CliInputError([
        `${options.compare !== undefined ? '--compare' : '--date'}: expected local dates YYYY-MM-DD, got ${JSON.stringify(date)}`,
      ]);
    }
  }
  return dates;
}

function airportCodes(
  options: SimulateOptions,
  withTraffic: readonly string[],
  known: (code: string) => boolean,
): string[] {
  if (options.allAirports) return withTraffic.filter(known);
  if (options.airport === undefined)
    throw new CliInputError(['--airport CODE or --all-airports is required']);
  if (!known(options.airport))
    throw new CliInputError([`--airport: unknown airport code ${JSON.stringify(options.airport)}`]);
  return [options.airport];
}

const minutes = (seconds: number) => (seconds / 60).toFixed(1);
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** One airport, the dates side by side: queues per touchpoint, then where passengers went. */
export function renderAirport(reports: readonly AirportDayReport[]): string {
  const first = reports[0];
  if (!first) return '';
  const header = ['Touchpoint', ...reports.map((r) => `${r.date} ${r.phase}`)];
  const rows = first.touchpoints.map((t, i) => [
    `${t.name} (${t.servers})`,
    ...reports.map((r) => {
      const tp = r.touchpoints[i];
      return tp
        ? `p95 ${minutes(tp.wait.p95)} min, max ${minutes(tp.wait.max)}, util ${percent(tp.utilisation)}, ${tp.levelOfService}`
        : '';
    }),
  ]);
  const share = (r: AirportDayReport, channel: keyof AirportDayReport['channels']['checkIn']) =>
    percent(r.channels.checkIn[channel] / Math.max(1, r.passengers));
  const channels = (['ONLINE', 'COUNTER', 'KIOSK', 'BIOMETRIC'] as const).map((c) => [
    `check-in ${c}`,
    ...reports.map((r) => share(r, c)),
  ]);
  const outcome = [
    ['passengers', ...reports.map((r) => String(r.passengers))],
    ['missed flights', ...reports.map((r) => String(r.missedFlights))],
    ['bought in VNeID', ...reports.map((r) => String(r.biometricJourneys.vneidPurchases))],
    ['incentive-eligible', ...reports.map((r) => String(r.biometricJourneys.incentiveEligible))],
    ['FULL_BIOMETRIC', ...reports.map((r) => String(r.biometricJourneys.fullBiometric))],
    [
      'redirects',
      ...reports.map((r) => String(Object.values(r.redirects).reduce((s, n) => s + n, 0))),
    ],
    [
      'fallbacks',
      ...reports.map((r) => String(Object.values(r.fallbacks).reduce((s, n) => s + n, 0))),
    ],
  ];
  return [
    `${first.airport}: ${first.flights} departures, ${first.passengers} departing passengers`,
    '',
    renderTable(header, rows, [32, ...reports.map(() => 44)]),
    '',
    renderTable(
      ['Passengers', ...reports.map((r) => r.date)],
      [...channels, ...outcome],
      [24, ...reports.map(() => 14)],
    ),
    '',
  ].join('\n');
}

/** Many airports: one line each, and the national totals. */
function renderAirports(reports: readonly AirportDayReport[], dates: readonly string[]): string {
  const worst = (r: AirportDayReport) =>
    r.touchpoints.reduce((w, t) => (t.wait.p95 > w.wait.p95 ? t : w));
  const rows = reports.map((r) => {
    const w = worst(r);
    return [
      r.airport,
      r.date,
      String(r.passengers),
      String(r.missedFlights),
      `${w.name} p95 ${minutes(w.wait.p95)} min`,
    ];
  });
  const totals = dates.map((date) => {
    const day = reports.filter((r) => r.date === date);
    return [
      'ALL',
      date,
      String(day.reduce((s, r) => s + r.passengers, 0)),
      String(day.reduce((s, r) => s + r.missedFlights, 0)),
      `${day.reduce((s, r) => s + r.events, 0)} events`,
    ];
  });
  return `${renderTable(['Airport', 'Date', 'Passengers', 'Missed', 'Longest p95 queue'], [...rows, ...totals], [7, 10, 10, 6, 50])}\n`;
}

/** `[########------] 12/44 SGN 2025-12-01` on one line of stderr, cleared at the end. */
function progressBar(
  io: CliIo,
  enabled: boolean,
  total: number,
): (label: string | undefined) => void {
  let done = 0;
  return (label) => {
    if (!enabled) return;
    if (label === undefined) {
      io.stderr.write('\r\x1b[K');
      return;
    }
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    io.stderr.write(
      `\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`,
    );
    done++;
  };
}
