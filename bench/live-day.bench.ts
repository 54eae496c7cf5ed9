/**
 * The live airport day on the embedded default: part of Tân Sơn Nhất's 1 Dec 2025 (07:00-08:00
 * departures by default) played through the services in this process, then cross-checked
 * against the model. CPU and memory are this process's: the driver and the services together.
 * BENCH_AIRPORT, BENCH_DATE and BENCH_WINDOW (HH:MM-HH:MM, or "day") change the day.
 * Last line: `live_journeys_per_s=N identical_decisions=K/M cpu_ms_per_journey=N max_rss_mb=N
 * day_minutes_projected=N`.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { airportDayInput, loadDayInputs } from '../apps/simulator/src/capacity/day-inputs';
import { runLiveDay } from '../apps/simulator/src/live/live-day';
import { startEmbeddedServices } from '../apps/simulator/src/replay/embedded-services';

const AIRPORT = process.env.BENCH_AIRPORT ?? 'SGN';
const DATE = process.env.BENCH_DATE ?? '2025-12-01';
const WINDOW = process.env.BENCH_WINDOW ?? '07:00-08:00';

function windowOf(text: string): { from: number; to: number } | undefined {
  if (text === 'day') return undefined;
  const [from, to] = text.split('-').map((hhmm) => {
    const [h, m] = hhmm.split(':').map(Number);
    return ((h ?? 0) * 60 + (m ?? 0)) * 60;
  });
  return { from: from ?? 0, to: to ?? 0 };
}

async function main(): Promise<void> {
  const inputs = loadDayInputs({}, process.env);
  const window = windowOf(WINDOW);
  const input = {
    ...airportDayInput(inputs, AIRPORT, DATE, 'biogate'),
    ...(window === undefined ? {} : { departureWindow: window }),
  };
  const wholeDay = airportDayInput(inputs, AIRPORT, DATE, 'biogate');
  let maxRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 500);
  const services = await startEmbeddedServices(
    Date.parse(`${DATE}T00:00:00+07:00`) - 2 * 86_400_000,
  );
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await runLiveDay(input, services.target);
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const { report, crossCheck, services: facts } = result;
    const cpuMs = (cpu.user + cpu.system) / 1000 / report.passengers;
    const rssMb = maxRss / 1024 / 1024;
    // The whole day's passengers at this rate: the goal is under 10 minutes embedded.
    const dayPassengers = wholeDay.departures * wholeDay.seatsPerFlight * wholeDay.loadFactor;
    const projected = dayPassengers / result.journeysPerSecond / 60;
    process.stdout.write(
      `${AIRPORT} ${DATE} ${WINDOW}: ${report.passengers} passengers, ${facts.requests} requests, ${facts.settles} settles, live then model in ${seconds.toFixed(1)} s\n` +
        `  live: ${result.wallSeconds.toFixed(1)} s, ${result.journeysPerSecond.toFixed(1)} passengers/s; identical decisions ${crossCheck.identical}/${crossCheck.decisions}\n` +
        `  CPU per passenger ${cpuMs.toFixed(1)} ms (driver, services and the model's rerun, one process); peak RSS ${rssMb.toFixed(0)} MB\n` +
        `  the whole day (about ${Math.round(dayPassengers)} passengers) at this rate: ${projected.toFixed(1)} min (goal: under 10)\n` +
        `live_journeys_per_s=${result.journeysPerSecond.toFixed(1)} identical_decisions=${crossCheck.identical}/${crossCheck.decisions} cpu_ms_per_journey=${cpuMs.toFixed(1)} max_rss_mb=${rssMb.toFixed(0)} day_minutes_projected=${projected.toFixed(1)}\n`,
    );
  } finally {
    clearInterval(sampler);
    await services.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
