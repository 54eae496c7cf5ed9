/**
 * Whole biometric journeys on the embedded default (`npm start`: every service in one process, on
 * PGlite, events in process), driven over HTTP from this process: book, enrol, check in by face,
 * security e-gate, boarding e-gate. Between stages the service settles its events
 * (POST /v1/maintenance/settle). The CPU time is the service process's own (from /proc).
 * The figures are of a warm service: BENCH_WARMUP journeys (default 500) go through every step
 * first, uncounted (a fresh process spends much of its first seconds compiling its hot code).
 * BENCH_PROFILE=1 writes the service's CPU profile (.cpuprofile) into the working directory.
 * Last line: `journeys_per_s=N cpu_ms_per_journey=N rss_mb=N`.
 */
import 'reflect-metadata';
import { startServiceProcess } from '../test/support/service-processes';
import {
  bookEnrolAndCheckIn,
  expectStatus,
  inParallel,
  makePassengers,
  throughTheGates,
} from './biometric-journey';
import { KeepAliveClient } from './keep-alive-client';
import { processCpuSeconds, residentMegabytes } from './process-cpu';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const QA_KEY = 'demo-qa-key-000000000001';

async function main(): Promise<void> {
  // BENCH_PROFILE=1 writes a CPU profile of the service process into the working directory.
  const service = await startServiceProcess(
    'embedded',
    3811,
    { BIOGATE_CLOCK_START: '2025-12-01T06:00:00+07:00' },
    process.env.BENCH_PROFILE === '1' ? ['--cpu-prof'] : [],
    'build',
  );
  const client = new KeepAliveClient(QA_KEY, CONCURRENCY);
  try {
    const pid = service.child.pid;
    if (pid === undefined) throw new Error('the service has no pid');
    const urls = { checkin: service.url, security: [service.url], boarding: [service.url] };
    const settle = async () => {
      expectStatus('settle', await client.post(service.url, '/v1/maintenance/settle', {}), 200);
    };
    const journeysThrough = async (passengers: ReturnType<typeof makePassengers>, pnr: string) => {
      await inParallel(passengers, CONCURRENCY, (p, i) =>
        bookEnrolAndCheckIn(client, urls, p, `${pnr}${String(i).padStart(5, '0')}`),
      );
      await settle();
      await throughTheGates(client, urls, passengers, CONCURRENCY, settle);
    };
    await journeysThrough(makePassengers(WARMUP, 7000, 300_000_000_000), 'W');
    const journeys = makePassengers(JOURNEYS, 2000, 100_000_000_000);
    const cpuBefore = processCpuSeconds(pid);
    const started = process.hrtime.bigint();
    await journeysThrough(journeys, 'E');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuMs = ((processCpuSeconds(pid) - cpuBefore) * 1000) / JOURNEYS;
    const perSecond = JOURNEYS / seconds;
    const rss = residentMegabytes(pid);
    process.stdout.write(
      `embedded default (one process, PGlite, in-process events), ${CONCURRENCY} concurrent HTTP clients\n` +
        `  ${JOURNEYS} biometric journeys (book, enrol, check in, security, boarding) in ${seconds.toFixed(2)} s: ${perSecond.toFixed(1)} per second\n` +
        `  CPU per journey ${cpuMs.toFixed(1)} ms in the service process (after ${WARMUP} journeys of warm-up); RSS ${rss.toFixed(0)} MB at the end\n` +
        `journeys_per_s=${perSecond.toFixed(1)} cpu_ms_per_journey=${cpuMs.toFixed(1)} rss_mb=${rss.toFixed(0)}\n`,
    );
  } finally {
    client.close();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
