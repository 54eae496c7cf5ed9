/**
 * Distributed mode end to end: three service processes (check-in, security gate, boarding gate)
 * over Kafka and one PostgreSQL server, driven over HTTP.
 *
 * 1. Throughput: N biometric journeys (book, enrol, check in by face, e-gate at security, e-gate
 *    at boarding), in stages with C concurrent clients; each stage waits until the events it
 *    caused have reached the services that need them (read from PostgreSQL), and the clock runs
 *    from the first booking to the last journey step recorded at check-in.
 * 2. Latency: security e-gate decisions sent open-loop at a steady rate (default 100/s) to
 *    passengers already known to the gate; p50/p99 of each decision's round trip.
 *
 * Kafka and PostgreSQL come from KAFKA_BROKERS / TEST_POSTGRES_URL, else the librdkafka mock
 * cluster and the local server, as in the tests. The CPU time each service process spent on the
 * journeys (from /proc, user + system) is printed per process and per journey. Last line:
 * `journeys_per_s=N decision_p99_ms=N cpu_ms_per_journey=N`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@biogate/contracts';
import { createTestPostgresDatabase, startTestKafka } from '@biogate/testing';
import { startServiceProcess, type ServiceProcess } from '../test/support/service-processes';
import { KeepAliveClient, percentile } from './keep-alive-client';
import { processCpuSeconds } from './process-cpu';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_DECISIONS_PER_S ?? 100);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
const QA_KEY = 'demo-qa-key-000000000001';
const SEATS_PER_FLIGHT = 180;

interface Passenger {
  readonly number: string;
  readonly flight: string;
  passengerId?: string;
  bcbp?: string;
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const kafka = await startTestKafka(
    Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]),
    { partitions: 3 },
  );
  const database = await createTestPostgresDatabase();
  const env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafka.brokers.join(','),
    BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
    BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
    BIOGATE_CLOCK_START: '2025-12-01T06:00:00+07:00',
  };
  const services: ServiceProcess[] = [];
  const client = new KeepAliveClient(QA_KEY, CONCURRENCY * 3);
  const sql = new Client({ connectionString: database.url });
  try {
    // One after the other: each runs its migrations under the advisory lock.
    for (const [app, port] of [
      ['checkin', 3801],
      ['security-gate', 3802],
      ['boarding-gate', 3803],
    ] as const)
      services.push(
        // BENCH_PROFILE=checkin writes a CPU profile of that service into the working directory.
        await startServiceProcess(
          app,
          port,
          env,
          process.env.BENCH_PROFILE === app ? ['--cpu-prof'] : [],
        ),
      );
    const [checkin, security, boarding] = services.map((s) => s.url) as [string, string, string];
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
    const expectStatus = (
      what: string,
      response: { status: number; body: string },
      status: number,
    ) => {
      if (response.status !== status)
        throw new Error(`${what}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
      return JSON.parse(response.body) as Record<string, unknown>;
    };
    const inParallel = async <T>(items: readonly T[], work: (item: T) => Promise<void>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < items.length) await work(items[next++] as T);
        }),
      );
    };
    // Passengers of many flights check in side by side, as at an airport: round robin.
    const flightOf = (i: number, n: number, base: number) =>
      String(base + (i % Math.ceil(n / SEATS_PER_FLIGHT)));
    const makePassengers = (n: number, base: number, numberBase: number): Passenger[] =>
      Array.from({ length: n }, (_, i) => ({
        number: String(numberBase + i),
        flight: flightOf(i, n, base),
      }));
    const checkInAll = async (passengers: Passenger[], pnrPrefix: string) => {
      await inParallel(passengers, async (p) => {
        const i = passengers.indexOf(p);
        const booked = expectStatus(
          'booking',
          await client.post(checkin, '/v1/bookings', {
            pnr: `${pnrPrefix}${String(i).padStart(5, '0')}`,
            flight: {
              carrier: 'VN',
              number: p.flight,
              date: '2025-12-01',
              origin: 'SGN',
              destination: 'HAN',
              departureAt: '2025-12-01T10:00:00+07:00',
              international: false,
            },
            passengers: [
              {
                surname: 'NGUYEN',
                givenName: 'HANH KHACH',
                document: { type: 'CITIZEN_ID_CARD', number: p.number },
                checkedBags: 0,
              },
            ],
          }),
          201,
        );
        p.passengerId = (booked.passengers as { passengerId: string }[])[0]?.passengerId;
        expectStatus(
          'enrolment',
          await client.post(checkin, '/v1/enrolments', {
            passengerId: p.passengerId,
            channel: 'COUNTER',
            consent: true,
            capture: { quality: 'GOOD', seed: `enrol-${p.number}` },
          }),
          201,
        );
        const checkedIn = expectStatus(
          'check-in',
          await client.post(checkin, '/v1/check-ins', {
            passengerId: p.passengerId,
            channel: 'BIOMETRIC',
            capture: { quality: 'GOOD', seed: `checkin-${p.number}` },
          }),
          201,
        );
        p.bcbp = (checkedIn.boardingPass as { bcbp: string }).bcbp;
      });
    };
    const present = (url: string, path: string, p: Passenger, extra: object = {}) =>
      client.post(url, path, {
        airport: 'SGN',
        lane: 'AUTOMATED',
        boardingPass: p.bcbp,
        document: { type: 'CITIZEN_ID_CARD', number: p.number },
        capture: { quality: 'GOOD', seed: `gate-${p.number}-${path}` },
        ...extra,
      });

    // 1. Throughput of whole journeys.
    const journeys = makePassengers(JOURNEYS, 2000, 100_000_000_000);
    const stages: [string, number][] = [];
    const cpu = () =>
      services.map((s) => (s.child.pid === undefined ? 0 : processCpuSeconds(s.child.pid)));
    const cpuBefore = cpu();
    const started = process.hrtime.bigint();
    let stage = process.hrtime.bigint();
    const mark = (name: string) => {
      stages.push([name, seconds(stage)]);
      stage = process.hrtime.bigint();
    };
    await checkInAll(journeys, 'J');
    mark('book, enrol, check in by face (HTTP)');
    for (const table of [
      'security.boarding_pass',
      'security.gallery_entry',
      'boarding.boarding_pass',
      'boarding.gallery_entry',
    ])
      await waitFor(table, JOURNEYS);
    mark('boarding passes and galleries reach both gates (Kafka)');
    await inParallel(journeys, async (p) => {
      const body = expectStatus(
        'security',
        await present(security, '/v1/security/presentations', p),
        200,
      );
      if (body.cleared !== true) throw new Error(`not cleared: ${JSON.stringify(body)}`);
    });
    mark('security e-gates (HTTP)');
    await waitFor('boarding.security_clearance', JOURNEYS);
    mark('clearances reach the boarding gate (Kafka)');
    const flights = [...new Set(journeys.map((p) => p.flight))];
    for (const flight of flights)
      expectStatus(
        'open boarding',
        await client.post(boarding, '/v1/boarding/flights/open', {
          airport: 'SGN',
          carrier: 'VN',
          number: flight,
          date: '2025-12-01',
          gate: '1',
        }),
        200,
      );
    await inParallel(journeys, async (p) => {
      const body = expectStatus(
        'boarding',
        await present(boarding, '/v1/boarding/presentations', p, { gate: '1' }),
        200,
      );
      if (body.boarded !== true) throw new Error(`not boarded: ${JSON.stringify(body)}`);
    });
    mark('boarding e-gates (HTTP)');
    await waitFor('checkin.journey_step', JOURNEYS * 3);
    mark('journey steps back at check-in (Kafka)');
    const total = seconds(started);
    const journeysPerSecond = JOURNEYS / total;
    const cpuMsPerJourney = cpu().map(
      (after, i) => ((after - (cpuBefore[i] ?? 0)) * 1000) / JOURNEYS,
    );
    const cpuMsTotal = cpuMsPerJourney.reduce((sum, ms) => sum + ms, 0);

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
      await waitFor(table, JOURNEYS + DECISIONS);
    await waitFor('checkin.journey_step', JOURNEYS * 3 + DECISIONS);
    const latencies: number[] = [];
    const t0 = process.hrtime.bigint();
    await Promise.all(
      probes.map(async (p, i) => {
        // Open loop: the i-th decision is sent at i / RATE s whatever happened to the others.
        const due = (i * 1000) / RATE - Number(process.hrtime.bigint() - t0) / 1e6;
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
        const sent = process.hrtime.bigint();
        const body = expectStatus(
          'probe',
          await present(security, '/v1/security/presentations', p),
          200,
        );
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        if (body.cleared !== true) throw new Error(`probe not cleared: ${JSON.stringify(body)}`);
      }),
    );
    const loadSeconds = seconds(t0);
    latencies.sort((a, b) => a - b);

    log(
      `distributed mode: 3 service processes, Kafka (${process.env.KAFKA_BROKERS ? 'KAFKA_BROKERS' : 'librdkafka mock cluster'}), PostgreSQL, ${CONCURRENCY} concurrent HTTP clients`,
    );
    log(
      `${JOURNEYS} biometric journeys (book, enrol, check in, security, boarding) in ${total.toFixed(2)} s`,
    );
    for (const [name, s] of stages) log(`  ${s.toFixed(2).padStart(6)} s  ${name}`);
    log(`  ${journeysPerSecond.toFixed(1)} journeys per second end to end`);
    log(
      `  CPU per journey: ${cpuMsTotal.toFixed(1)} ms over the services (${services
        .map((s, i) => `${s.name} ${(cpuMsPerJourney[i] ?? 0).toFixed(1)}`)
        .join(', ')} ms)`,
    );
    log(
      `${latencies.length} security e-gate decisions at ${RATE}/s (open loop, ${loadSeconds.toFixed(1)} s): ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`,
    );
    log(
      `journeys_per_s=${journeysPerSecond.toFixed(1)} decision_p99_ms=${percentile(latencies, 99).toFixed(1)} cpu_ms_per_journey=${cpuMsTotal.toFixed(1)}`,
    );
  } finally {
    client.close();
    await sql.end().catch(() => undefined);
    for (const service of services) await service.stop();
    await database.drop();
    await kafka.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
