/**
 * The live airport day: part of Tân Sơn Nhất's 1 Dec 2025 (07:00-08:00 departures by default)
 * played through the services, then cross-checked against the model. Embedded by default (the
 * services in this process: CPU and memory are the driver's and theirs together);
 * BENCH_MODE=distributed runs three service processes on PostgreSQL and the Kafka mock cluster
 * (CPU summed over this process and the three; memory the largest service's).
 * BENCH_AIRPORT, BENCH_DATE and BENCH_WINDOW (HH:MM-HH:MM, or "day") change the day.
 * BENCH_CONSOLE=1 (embedded) adds the operations service and the queue sensors, as a watched
 * run (`live --speed` or `--port`) has them: what watching costs.
 * BENCH_PARTITIONS (distributed, default 12): partitions per topic of the mock cluster.
 * BENCH_PROGRESS=1 prints every 10 s on stderr how far the day has come. Whatever it is, the
 * report gives the wall time of the steps before the day (its bursts of bookings, enrolments
 * and online check-ins).
 * Last line: `live_journeys_per_s=N identical_decisions=K/M cpu_ms_per_journey=N max_rss_mb=N
 * driver_rss_mb=N day_minutes_projected=N` (max_rss_mb: the largest process; the driver is this
 * one, which embedded holds the services and their database too).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { AirportDayInput } from '../apps/simulator/src/capacity/airport-day';
import { airportDayInput, loadDayInputs } from '../apps/simulator/src/capacity/day-inputs';
import { crossChecked, playThroughServices } from '../apps/simulator/src/live/live-day';
import { startEmbeddedServices } from '../apps/simulator/src/replay/embedded-services';
import {
  DistributedScenarioTarget,
  HttpScenarioTarget,
  type ScenarioTarget,
} from '../apps/simulator/src/replay/scenario-target';
import { windowOf } from '../apps/simulator/src/live/live.command';
import {
  startDistributedInfrastructure,
  startThreeServices,
} from '../test/support/distributed-journeys';
import {
  commandCpuSeconds,
  machineBusySeconds,
  processCpuSeconds,
  residentMegabytes,
} from './process-cpu';
import { parseLocalDate, startOfCompactDate } from '@biogate/domain';
import { benchFetchWait } from './kafka-fetch-wait';

const AIRPORT = process.env.BENCH_AIRPORT ?? 'SGN';
const DATE = process.env.BENCH_DATE ?? '2025-12-01';
const WINDOW = process.env.BENCH_WINDOW ?? '07:00-08:00';
const MODE = process.env.BENCH_MODE ?? 'embedded';
const CONSOLE = process.env.BENCH_CONSOLE === '1';
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 12);
const PROGRESS = process.env.BENCH_PROGRESS === '1';
const QA_KEY = 'demo-qa-key-000000000001';
/** What else the live day's CPU goes to, by command name: the database and the Kafka mock cluster. */
const OTHER_PROCESSES = ['postgres', 'kafka-mock-clus'];

interface BenchServices {
  readonly target: ScenarioTarget;
  /** CPU seconds so far of each service process other than this one, by service. */
  cpuSeconds(): ReadonlyMap<string, number>;
  rssMb(): number;
  /** What the service processes said on stderr, and how any of them ended: why a day failed. */
  postMortem(): Promise<string>;
  close(): Promise<void>;
}

async function embedded(clockStart: number): Promise<BenchServices> {
  const services = await startEmbeddedServices(clockStart, { console: CONSOLE });
  return {
    target: services.target,
    cpuSeconds: () => new Map(),
    rssMb: () => 0,
    postMortem: () => Promise.resolve(''),
    close: () => services.close(),
  };
}

/** Three service processes on a fresh PostgreSQL database and the Kafka mock cluster. */
async function distributed(clockStart: number): Promise<BenchServices> {
  const infrastructure = await startDistributedInfrastructure(PARTITIONS);
  const env = {
    ...infrastructure.env,
    BIOGATE_CLOCK_START: new Date(clockStart).toISOString(),
    ...benchFetchWait(),
  };
  // BENCH_PROFILE=checkin writes a CPU profile of that service into the working directory.
  const profiled = (app: string) => (process.env.BENCH_PROFILE === app ? ['--cpu-prof'] : []);
  const processes = await startThreeServices(env, [3851, 3852, 3853], 'build', profiled).catch(
    async (error: unknown) => {
      await infrastructure.stop();
      throw error;
    },
  );
  const [checkin, security, boarding] = processes.map(
    (p) => new HttpScenarioTarget(p.url, QA_KEY),
  ) as [HttpScenarioTarget, HttpScenarioTarget, HttpScenarioTarget];
  // A service that ended (the day may have got its answers first) says why, not ENOENT on /proc.
  const runningPid = (p: (typeof processes)[number]): number => {
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`a service ended: ${postMortemOf(p.name, p.child, p.stderr())}`);
    return p.child.pid ?? 0;
  };
  return {
    target: new DistributedScenarioTarget(checkin, security, boarding),
    cpuSeconds: () => new Map(processes.map((p) => [p.name, processCpuSeconds(runningPid(p))])),
    rssMb: () => Math.max(...processes.map((p) => residentMegabytes(runningPid(p)))),
    postMortem: async () => {
      // A process's exit reaches this one after the resets of its sockets that failed the day.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return processes.map((p) => postMortemOf(p.name, p.child, p.stderr())).join('');
    },
    close: async () => {
      for (const p of processes) await p.stop();
      await infrastructure.stop();
    },
  };
}

/** A service process's end, if it has ended, and the last of its stderr. */
function postMortemOf(name: string, child: ChildProcess, stderr: string): string {
  const ended =
    child.exitCode === null && child.signalCode === null
      ? 'still running'
      : `ended (${child.exitCode === null ? `signal ${child.signalCode}` : `exit ${child.exitCode}`})`;
  const tail = stderr.length > 4_000 ? `...${stderr.slice(-4_000)}` : stderr;
  return `${name}: ${ended}${tail === '' ? ', nothing on stderr' : `; stderr:\n${tail}`}\n`;
}

async function main(): Promise<void> {
  const inputs = loadDayInputs({}, process.env);
  const window = WINDOW === 'day' ? undefined : windowOf(WINDOW);
  const input = {
    ...airportDayInput(inputs, AIRPORT, DATE, 'biogate'),
    ...(window === undefined ? {} : { departureWindow: window }),
  };
  const wholeDay = airportDayInput(inputs, AIRPORT, DATE, 'biogate');
  let maxRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 500);
  // A day that fails must not be kept alive by its sampler: the error is printed and it exits.
  sampler.unref();
  const clockStart = Date.parse(`${DATE}T00:00:00+07:00`) - 2 * 86_400_000;
  const {
    played,
    beforeTheDaySeconds,
    bursts,
    servicesCpu,
    servicesRssMb,
    cpuBefore,
    started,
    split,
  } = await playOnServices(input, clockStart);
  // As `live` does: the closed services' database is collected before the model's day.
  globalThis.gc?.();
  const result = crossChecked(played);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const { report, crossCheck, services: facts } = result;
  const cpuMs = ((cpu.user + cpu.system) / 1000 + servicesCpu * 1000) / report.passengers;
  // The driver: this process (embedded, the services and their database are in it too).
  const driverRssMb = maxRss / 1024 / 1024;
  const rssMb = Math.max(driverRssMb, servicesRssMb);
  // The whole day's passengers at this rate: the goal is under 10 minutes embedded.
  const dayPassengers = wholeDay.departures * wholeDay.seatsPerFlight * wholeDay.loadFactor;
  const projected = dayPassengers / result.journeysPerSecond / 60;
  // A day that is not identical says where: the steps that differ, and the requests that failed.
  for (const d of crossCheck.differences)
    process.stdout.write(
      `  differs: passenger ${d.passenger} step ${d.step} at ${new Date(d.at).toISOString()}: model "${d.model}", services "${d.services}"\n`,
    );
  for (const [what, count] of Object.entries(facts.failures))
    process.stdout.write(`  failed: ${what} x${count}\n`);
  process.stdout.write(
    `${MODE}${CONSOLE ? ' with the console' : ''}: ${AIRPORT} ${DATE} ${WINDOW}: ${report.passengers} passengers, ${facts.requests} requests, ${facts.settles} settles, live then model in ${seconds.toFixed(1)} s\n` +
      `  live: ${result.wallSeconds.toFixed(1)} s, ${result.journeysPerSecond.toFixed(1)} passengers/s; identical decisions ${crossCheck.identical}/${crossCheck.decisions}\n` +
      `  of which before the day (bookings, enrolments, online check-ins, a minute apart): ${beforeTheDaySeconds.toFixed(1)} s (${bursts})\n` +
      `  CPU per passenger ${cpuMs.toFixed(1)} ms (driver, services and the model's rerun); peak RSS ${rssMb.toFixed(0)} MB, the driver's ${driverRssMb.toFixed(0)} MB\n` +
      `  the live part's CPU per passenger: ${split(report.passengers)}\n` +
      `  the whole day (about ${Math.round(dayPassengers)} passengers) at this rate: ${projected.toFixed(1)} min (goal: under ${MODE === 'distributed' ? 4 : 10})\n` +
      `live_journeys_per_s=${result.journeysPerSecond.toFixed(1)} identical_decisions=${crossCheck.identical}/${crossCheck.decisions} cpu_ms_per_journey=${cpuMs.toFixed(1)} max_rss_mb=${rssMb.toFixed(0)} driver_rss_mb=${driverRssMb.toFixed(0)} day_minutes_projected=${projected.toFixed(1)}\n`,
  );
}

/** The day on fresh services, closed after: nothing of them outlives this call but the day. */
async function playOnServices(input: AirportDayInput, clockStart: number) {
  const services =
    MODE === 'distributed' ? await distributed(clockStart) : await embedded(clockStart);
  try {
    // From the day's first step: the services' start-up is not the day's.
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const servicesCpuBefore = services.cpuSeconds();
    const machineBefore = machineBusySeconds();
    const othersBefore = commandCpuSeconds(OTHER_PROCESSES);
    const beforeTheDay = new BeforeTheDay(
      started,
      localMidnight(DATE, input.policy.compiled.utcOffsetMinutes),
    );
    const printer = PROGRESS ? progressEvery(10_000, started) : undefined;
    const played = await playThroughServices(input, services.target, {
      queueSensors: CONSOLE,
      progress: (at, done, total) => {
        beforeTheDay.answered(at);
        printer?.(at, done, total);
      },
    }).catch(async (error: unknown) => {
      process.stderr.write(await services.postMortem());
      throw error;
    });
    const machine = machineBusySeconds() - machineBefore;
    const others = [...commandCpuSeconds(OTHER_PROCESSES)].map(
      ([name, seconds]) => [name, seconds - (othersBefore.get(name) ?? 0)] as const,
    );
    const driver = process.cpuUsage(cpuBefore);
    const servicesCpu = [...services.cpuSeconds()].map(
      ([name, seconds]) => [name, seconds - (servicesCpuBefore.get(name) ?? 0)] as const,
    );
    return {
      played,
      beforeTheDaySeconds: beforeTheDay.seconds,
      bursts: beforeTheDay.bursts,
      cpuBefore,
      started,
      servicesCpu: servicesCpu.reduce((sum, [, seconds]) => sum + seconds, 0),
      servicesRssMb: services.rssMb(),
      split: cpuSplit(machine, (driver.user + driver.system) / 1e6, [...servicesCpu, ...others]),
    };
  } finally {
    await services.close();
  }
}

/** The instant a local date begins at, at the policy's offset from UTC (as `AirportDay` has it). */
function localMidnight(date: string, utcOffsetMinutes: number): number {
  const day = parseLocalDate(date);
  if (day === undefined) throw new Error(`not a date: ${date}`);
  return startOfCompactDate(day, utcOffsetMinutes);
}

/**
 * How long the day's steps before its local midnight took (the bookings, enrolments and online
 * check-ins, each a burst of one instant): from the start to the last of them answered.
 */
class BeforeTheDay {
  /** Each minute's burst before the day: the wall time of its last answer, by local minute. */
  private readonly lastAnsweredIn = new Map<number, number>();

  constructor(
    private readonly started: number,
    private readonly dayStart: number,
  ) {}

  answered(at: number): void {
    if (at < this.dayStart) this.lastAnsweredIn.set(Math.floor(at / 60_000), performance.now());
  }

  get seconds(): number {
    return (Math.max(this.started, ...this.lastAnsweredIn.values()) - this.started) / 1000;
  }

  /** "23:57 10.2 s, 23:58 40.3 s, …": each burst from the end of the one before it. */
  get bursts(): string {
    let from = this.started;
    return [...this.lastAnsweredIn]
      .sort(([a], [b]) => a - b)
      .map(([minute, last]) => {
        // The minute's local clock time: its distance from local midnight, read as a UTC time.
        const hhmm = new Date(minute * 60_000 - this.dayStart).toISOString().slice(11, 16);
        const seconds = (last - from) / 1000;
        from = last;
        return `${hhmm} ${seconds.toFixed(1)} s`;
      })
      .join(', ');
  }
}

/**
 * Where the machine's CPU went while the day was played, in ms a passenger: this process (the
 * driver; embedded, the services and their database too), each service process, PostgreSQL and
 * the Kafka mock cluster (distributed), and the rest of the machine (whatever else ran).
 */
function cpuSplit(
  machineSeconds: number,
  driverSeconds: number,
  processes: readonly (readonly [string, number])[],
) {
  return (passengers: number): string => {
    const ms = (seconds: number) => ((seconds * 1000) / passengers).toFixed(1);
    const rest = machineSeconds - driverSeconds - processes.reduce((sum, [, s]) => sum + s, 0);
    const parts = [
      `driver ${ms(driverSeconds)}`,
      ...processes
        .filter(([, seconds]) => seconds > 0)
        .map(([name, seconds]) => `${name} ${ms(seconds)}`),
      `the rest of the machine ${ms(Math.max(0, rest))}`,
    ];
    return `${parts.join(', ')} (the machine ${ms(machineSeconds)} ms)`;
  };
}

/**
 * Every `everyMs` of wall time, on stderr: the seconds since the day began, the simulated instant
 * reached and the passengers through (where the wall time goes: the bursts before the day, the
 * peaks).
 */
function progressEvery(everyMs: number, started: number) {
  let last = started;
  return (at: number, done: number, total: number): void => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    process.stderr.write(
      `${((now - started) / 1000).toFixed(0)} s: ${new Date(at).toISOString()}, ${done}/${total} passengers through\n`,
    );
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
