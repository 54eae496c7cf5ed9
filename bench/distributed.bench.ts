/**
 * Distributed mode end to end: three service processes (check-in, security gate, boarding gate)
 * over Kafka and one PostgreSQL server, driven over HTTP.
 *
 * 1. Throughput: N biometric journeys (book, enrol, check in by face, e-gate at security, e-gate
 *    at boarding), in stages with C concurrent clients; each stage waits until the events it
 *    caused have reached the services that need them (read from PostgreSQL), and the clock runs
 *    from the first booking to the last journey step recorded at check-in.
 * 2. Latency: security e-gate decisions sent open-loop at steady rates (BENCH_DECISIONS_PER_S,
 *    default 100 and then 200 a second, #13's two goals) for BENCH_LOAD_SECONDS each (60), to
 *    BENCH_DECISIONS passengers already known to the gate (1,000, each presented again in turn, as
 *    a passenger screened twice is); p50/p99 of each decision's round trip over the run, and the
 *    p99 of each 10 s of it (the goal is a flat one; BENCH_SLICE for slices of another length).
 *
 * The services log as deployed (JSON lines at info, read by this process); BENCH_LOG_LEVEL=warn
 * runs them without the line per request and per event, to show what the logs cost.
 *
 * BENCH_TRACING=1 runs them traced (OpenTelemetry, exported over OTLP to a collector in this
 * process that drops what it gets), to show what tracing costs.
 *
 * BENCH_GATE_INSTANCES=1,2 runs it all once with one instance of each gate and once with two
 * (one consumer group each, 12 partitions per topic, requests spread over the instances), and
 * prints the runs side by side.
 *
 * Kafka and PostgreSQL come from KAFKA_BROKERS / TEST_POSTGRES_URL, else the librdkafka mock
 * cluster and the local server, as in the tests. The CPU time each service process spent on the
 * journeys (from /proc, user + system) is printed per process and per journey, and beside it what
 * the services spend with no traffic in as long (measured over 5 s before the journeys).
 *
 * The figures are of warm services: BENCH_WARMUP journeys (default 500) go through every step
 * first, uncounted (a fresh process spends a third of its CPU compiling its hot code).
 *
 * Last line: `journeys_per_s=N decision_p99_ms=N decision_p99_ms_200=N cpu_ms_per_journey=N
 * idle_cpu_ms_per_journey=N max_rss_mb=N` (`decision_p99_ms` at the first rate, `_R` at each
 * further rate R), with `_xK` figures for each further instance count.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { TOPICS } from '@biogate/contracts';
import { createTestPostgresDatabase, startTestKafka } from '@biogate/testing';
import { startServiceProcess, type ServiceProcess } from '../test/support/service-processes';
import {
  bookEnrolAndCheckIn,
  expectStatus,
  inParallel,
  instanceFor,
  makePassengers,
  presentAtEGate,
  throughTheGates,
  type Passenger,
} from './biometric-journey';
import { KeepAliveClient, percentile } from './keep-alive-client';
import { processCpuSeconds, residentMegabytes } from './process-cpu';
import { BENCH_FETCH_MAX_WAIT_MS, benchFetchWait } from './kafka-fetch-wait';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATES = (process.env.BENCH_DECISIONS_PER_S ?? '100,200').split(',').map(Number);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** The p99 of each slice of this many seconds of a load: flat, or growing with a queue. */
const SLICE_SECONDS = Number(process.env.BENCH_SLICE ?? 10);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
const INSTANCES = (process.env.BENCH_GATE_INSTANCES ?? '1').split(',').map(Number);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 12);
const QA_KEY = 'demo-qa-key-000000000001';
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The round trips of a steady load's decisions. */
interface LoadFigures {
  readonly rate: number;
  readonly p99Ms: number;
}

interface RunFigures {
  readonly journeysPerSecond: number;
  /** One per rate of `RATES`, in its order. */
  readonly decisions: readonly LoadFigures[];
  readonly cpuMsPerJourney: number;
  /** Of `cpuMsPerJourney`, what the services spend with no traffic in as long. */
  readonly idleCpuMsPerJourney: number;
  /** The largest resident memory of a service process at the end. */
  readonly maxRssMb: number;
}

async function main(): Promise<void> {
  if (INSTANCES.some((n) => !Number.isInteger(n) || n < 1 || n > 4)) {
    throw new Error(`BENCH_GATE_INSTANCES: expected counts from 1 to 4, e.g. 1,2`);
  }
  if (RATES.some((rate) => !Number.isInteger(rate) || rate < 1 || rate > 2000)) {
    throw new Error(`BENCH_DECISIONS_PER_S: expected rates from 1 to 2000 a second, e.g. 100,200`);
  }
  if (!(LOAD_SECONDS >= 1 && LOAD_SECONDS <= 3600)) {
    throw new Error(`BENCH_LOAD_SECONDS: expected seconds from 1 to 3600, e.g. 60`);
  }
  const runs: [number, RunFigures][] = [];
  for (const instances of INSTANCES) runs.push([instances, await runWith(instances)]);
  if (runs.length > 1) {
    log(
      `gate instances  journeys/s  ${RATES.map((rate) => `p99 ms at ${rate}/s`.padStart(15)).join('  ')}  CPU ms/journey  max RSS MB`,
    );
    for (const [n, f] of runs) {
      log(
        `${String(n).padStart(14)}  ${f.journeysPerSecond.toFixed(1).padStart(10)}  ${f.decisions.map((d) => d.p99Ms.toFixed(1).padStart(15)).join('  ')}  ${f.cpuMsPerJourney.toFixed(1).padStart(14)}  ${f.maxRssMb.toFixed(0).padStart(10)}`,
      );
    }
  }
  log(
    runs
      .map(([n, f], i) => {
        const suffix = i === 0 ? '' : `_x${n}`;
        const p99s = f.decisions
          .map(
            (d, r) =>
              `decision_p99_ms${r === 0 ? '' : `_${d.rate}`}${suffix}=${d.p99Ms.toFixed(1)}`,
          )
          .join(' ');
        return `journeys_per_s${suffix}=${f.journeysPerSecond.toFixed(1)} ${p99s} cpu_ms_per_journey${suffix}=${f.cpuMsPerJourney.toFixed(1)} idle_cpu_ms_per_journey${suffix}=${f.idleCpuMsPerJourney.toFixed(1)} max_rss_mb${suffix}=${f.maxRssMb.toFixed(0)}`;
      })
      .join(' '),
  );
}

/** An OTLP/HTTP endpoint that accepts every export and keeps nothing (the cost of tracing). */
async function startDiscardingCollector(): Promise<{
  url: string;
  exports: () => number;
  close(): void;
}> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exports: () => exports, close: () => server.close() };
}

/** One whole run with `instances` instances of each gate service. */
async function runWith(instances: number): Promise<RunFigures> {
  const collector =
    process.env.BENCH_TRACING === '1' ? await startDiscardingCollector() : undefined;
  const kafka = await startTestKafka(
    Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]),
    { partitions: PARTITIONS },
  );
  const database = await createTestPostgresDatabase();
  const env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafka.brokers.join(','),
    BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
    BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
    BIOGATE_CLOCK_START: '2025-12-01T06:00:00+07:00',
    ...benchFetchWait(),
    // BENCH_LOG_LEVEL=warn leaves out the line per request and per event (the logs' cost).
    BIOGATE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // BENCH_TRACING=1: every service traces, exporting to a collector that takes and drops.
    ...(collector === undefined ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }),
  };
  const services: ServiceProcess[] = [];
  const client = new KeepAliveClient(QA_KEY, CONCURRENCY * 3);
  const sql = new Client({ connectionString: database.url });
  try {
    // One after the other: each runs its migrations under the advisory lock.
    const apps = [
      ['checkin', 3801],
      ...Array.from({ length: instances }, (_, i) => ['security-gate', 3802 + 10 * i] as const),
      ...Array.from({ length: instances }, (_, i) => ['boarding-gate', 3803 + 10 * i] as const),
    ] as const;
    for (const [app, port] of apps)
      services.push(
        // BENCH_PROFILE=checkin writes a CPU profile of that service into the working directory.
        await startServiceProcess(
          app,
          port,
          env,
          process.env.BENCH_PROFILE === app ? ['--cpu-prof'] : [],
          'build',
        ),
      );
    const urlsOf = (app: string) => services.filter((s) => s.name === app).map((s) => s.url);
    const checkin = urlsOf('checkin')[0] ?? '';
    const security = urlsOf('security-gate');
    const boarding = urlsOf('boarding-gate');
    await sql.connect();
    const count = async (table: string) =>
      Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    const waitFor = async (table: string, target: number) => {
      const deadline = Date.now() + 300_000;
      while ((await count(table)) < target) {
        if (Date.now() > deadline) throw new Error(`${table} stayed below ${target}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const urls = { checkin, security, boarding };
    const checkInAll = (passengers: Passenger[], pnrPrefix: string) =>
      inParallel(passengers, CONCURRENCY, (p, i) =>
        bookEnrolAndCheckIn(client, urls, p, `${pnrPrefix}${String(i).padStart(5, '0')}`),
      );

    /**
     * Whole journeys of `passengers`, stage by stage; `before` journeys went through earlier. Each
     * stage waits until what it caused reached the services that need it.
     */
    const journeysThrough = async (
      passengers: Passenger[],
      pnrPrefix: string,
      before: number,
      mark: (stage: string) => void = () => undefined,
    ) => {
      const all = before + passengers.length;
      await checkInAll(passengers, pnrPrefix);
      mark('book, enrol, check in by face (HTTP)');
      for (const table of [
        'security.boarding_pass',
        'security.gallery_entry',
        'boarding.boarding_pass',
        'boarding.gallery_entry',
      ])
        await waitFor(table, all);
      mark('boarding passes and galleries reach both gates (Kafka)');
      await throughTheGates(client, urls, passengers, CONCURRENCY, async (done) => {
        if (done === 'boarding') {
          mark('boarding e-gates (HTTP)');
          return;
        }
        mark('security e-gates (HTTP)');
        await waitFor('boarding.security_clearance', all);
        mark('clearances reach the boarding gate (Kafka)');
      });
      await waitFor('checkin.journey_step', all * 3);
      mark('journey steps back at check-in (Kafka)');
    };
    const cpu = () =>
      services.map((s) => (s.child.pid === undefined ? 0 : processCpuSeconds(s.child.pid)));

    // 0. Warm-up: a fresh process compiles its hot code while it runs (V8's optimising compiler
    // took a third of a gate's CPU in its first seconds); the figures are of a warm service.
    await journeysThrough(makePassengers(WARMUP, 7000, 300_000_000_000), 'W', 0);
    // The services' CPU while nothing happens: their consumers' fetches (the mock cluster
    // answers one only at its deadline), timers, the relays' pauses.
    const idleFrom = cpu();
    const idleStarted = process.hrtime.bigint();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleSeconds = seconds(idleStarted);
    const idleCores = cpu().map((after, i) => (after - (idleFrom[i] ?? 0)) / idleSeconds);

    // 1. Throughput of whole journeys.
    const journeys = makePassengers(JOURNEYS, 2000, 100_000_000_000);
    const stages: [string, number][] = [];
    const cpuBefore = cpu();
    const started = process.hrtime.bigint();
    let stage = process.hrtime.bigint();
    await journeysThrough(journeys, 'J', WARMUP, (name) => {
      stages.push([name, seconds(stage)]);
      stage = process.hrtime.bigint();
    });
    const total = seconds(started);
    const journeysPerSecond = JOURNEYS / total;
    const cpuMsPerJourney = cpu().map(
      (after, i) => ((after - (cpuBefore[i] ?? 0)) * 1000) / JOURNEYS,
    );
    const cpuMsTotal = cpuMsPerJourney.reduce((sum, ms) => sum + ms, 0);
    // What the services would have spent idle in as long, per journey.
    const idleMsPerJourney =
      (idleCores.reduce((sum, cores) => sum + cores, 0) * total * 1000) / JOURNEYS;

    // 2. Latency of gate decisions under a steady load.
    const probes = makePassengers(DECISIONS, 5000, 200_000_000_000);
    await checkInAll(probes, 'L');
    // Everything the probes' check-ins caused is applied before the load starts.
    for (const table of [
      'security.boarding_pass',
      'security.gallery_entry',
      'boarding.boarding_pass',
      'boarding.gallery_entry',
    ])
      await waitFor(table, WARMUP + JOURNEYS + DECISIONS);
    await waitFor('checkin.journey_step', (WARMUP + JOURNEYS) * 3 + DECISIONS);
    const loads: LoadFigures[] = [];
    const loadLines: string[] = [];
    let presented = 0;
    for (const rate of RATES) {
      const decisions = await openLoop(rate, LOAD_SECONDS, async () => {
        const i = presented++;
        const p = probes[i % probes.length] as Passenger;
        const body = expectStatus(
          'probe',
          await presentAtEGate(client, instanceFor(security, i), '/v1/security/presentations', p),
          200,
        );
        if (body.cleared !== true) throw new Error(`probe not cleared: ${JSON.stringify(body)}`);
      });
      const { line, p99Ms } = describeLoad(rate, decisions);
      loads.push({ rate, p99Ms });
      loadLines.push(line);
    }
    const rss = services.map((s) =>
      s.child.pid === undefined ? 0 : residentMegabytes(s.child.pid),
    );

    log(
      `distributed mode: ${services.length} service processes (${instances} of each gate), logs at ${env.BIOGATE_LOG_LEVEL}, tracing ${collector === undefined ? 'off' : `on (${collector.exports()} OTLP exports so far)`}, ${PARTITIONS} partitions per topic, Kafka (${process.env.KAFKA_BROKERS ? 'KAFKA_BROKERS' : 'librdkafka mock cluster'}), PostgreSQL, ${CONCURRENCY} concurrent HTTP clients`,
    );
    log(
      `${JOURNEYS} biometric journeys (book, enrol, check in, security, boarding) in ${total.toFixed(2)} s`,
    );
    for (const [name, s] of stages) log(`  ${s.toFixed(2).padStart(6)} s  ${name}`);
    log(`  ${journeysPerSecond.toFixed(1)} journeys per second end to end`);
    log(
      `  CPU per journey: ${cpuMsTotal.toFixed(1)} ms over the services (${services
        .map((s, i) => `${s.name} ${(cpuMsPerJourney[i] ?? 0).toFixed(1)}`)
        .join(', ')} ms), after ${WARMUP} journeys of warm-up`,
    );
    log(
      `  of which ${idleMsPerJourney.toFixed(1)} ms is what they spend idle in as long: ${services
        .map((s, i) => `${s.name} ${((idleCores[i] ?? 0) * 100).toFixed(1)}%`)
        .join(
          ', ',
        )} of a core over ${(IDLE_MS / 1000).toFixed(0)} s without traffic (fetches that wait up to ${BENCH_FETCH_MAX_WAIT_MS === undefined ? "KAFKA_FETCH_MAX_WAIT_MS's default" : `${BENCH_FETCH_MAX_WAIT_MS} ms`} for a message, timers)`,
    );
    log(
      `  RSS at the end: ${services.map((s, i) => `${s.name} ${(rss[i] ?? 0).toFixed(0)}`).join(', ')} MB`,
    );
    for (const line of loadLines) log(line);
    return {
      journeysPerSecond,
      decisions: loads,
      cpuMsPerJourney: cpuMsTotal,
      idleCpuMsPerJourney: idleMsPerJourney,
      maxRssMb: Math.max(...rss),
    };
  } finally {
    client.close();
    await sql.end().catch(() => undefined);
    for (const service of services) await service.stop();
    collector?.close();
    await database.drop();
    await kafka.stop();
  }
}

/** A decision sent at `sentMs` from the start of its load, answered `latencyMs` later. */
interface TimedDecision {
  readonly sentMs: number;
  readonly latencyMs: number;
}

/**
 * Open loop: the i-th call starts at i / rate s whatever happened to the others, so a slow answer
 * delays no later call (a closed loop would hide the queue it builds).
 */
async function openLoop(
  rate: number,
  durationSeconds: number,
  call: () => Promise<void>,
): Promise<TimedDecision[]> {
  const decisions: TimedDecision[] = [];
  const calls: Promise<void>[] = [];
  const t0 = process.hrtime.bigint();
  const elapsedMs = () => Number(process.hrtime.bigint() - t0) / 1e6;
  for (let i = 0; i < rate * durationSeconds; i++) {
    const due = (i * 1000) / rate - elapsedMs();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    const sentMs = elapsedMs();
    calls.push(call().then(() => void decisions.push({ sentMs, latencyMs: elapsedMs() - sentMs })));
  }
  await Promise.all(calls);
  return decisions;
}

/** A load's line: its percentiles over the run, and the p99 of each slice of it. */
function describeLoad(
  rate: number,
  decisions: readonly TimedDecision[],
): { line: string; p99Ms: number } {
  const sorted = decisions.map((d) => d.latencyMs).sort((a, b) => a - b);
  const slices: number[][] = [];
  for (const { sentMs, latencyMs } of decisions)
    (slices[Math.floor(sentMs / 1000 / SLICE_SECONDS)] ??= []).push(latencyMs);
  const sliceP99s = slices.map((slice) =>
    percentile(
      [...slice].sort((a, b) => a - b),
      99,
    ).toFixed(1),
  );
  const p99Ms = percentile(sorted, 99);
  return {
    p99Ms,
    line:
      `${decisions.length} security e-gate decisions at ${rate}/s (open loop, ${LOAD_SECONDS} s): ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
      `p99 ${p99Ms.toFixed(1)} ms, max ${percentile(sorted, 100).toFixed(1)} ms; ` +
      `p99 of each ${SLICE_SECONDS} s: ${sliceP99s.join(', ')} ms`,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
