/**
 * Check-ins per second in the embedded default: all services in one process on PGlite, over
 * real HTTP (keep-alive), kiosk check-ins that each issue a BCBP boarding pass, write the journey
 * log and an outbox event (relayed to the gates while the benchmark runs).
 * Prints its figures; the last line is machine-readable: `checkin_per_s=N`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SimulatedClock } from '@biogate/domain';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
} from '@biogate/service-runtime';
import { EMBEDDED_SERVICES } from '../apps/embedded/src/embedded-services';
import { KeepAliveClient, percentile } from './keep-alive-client';

const PASSENGERS = Number(process.env.BENCH_PASSENGERS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const QA_KEY = 'demo-qa-key-000000000001';

async function main(): Promise<void> {
  const clock = new SimulatedClock(Date.parse('2025-12-01T06:00:00+07:00'));
  // DATABASE_URL runs the same benchmark on a PostgreSQL server, for comparison.
  const key = randomBytes(32).toString('base64');
  const databaseUrl = process.env.DATABASE_URL;
  const env = readServiceEnvironment(
    databaseUrl === undefined
      ? {}
      : { DATABASE_URL: databaseUrl, BIOGATE_TEMPLATE_KEY: key, BIOGATE_GALLERY_KEY: key },
  );
  const opened = await openPlatform({ env, units: EMBEDDED_SERVICES.units, clock });
  const app = await createServiceApplication(opened.platform, {
    ...EMBEDDED_SERVICES,
    log: false,
  });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  const client = new KeepAliveClient(QA_KEY, CONCURRENCY);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const post = (path: string, body: unknown) => client.post(baseUrl, path, body);

    // Bookings of 9 passengers on flights of 180 seats.
    const passengerIds: string[] = [];
    for (let b = 0; passengerIds.length < PASSENGERS; b++) {
      const flight = 1000 + Math.floor((b * 9) / 180);
      const response = await post('/v1/bookings', {
        pnr: `B${String(b).padStart(5, '0')}`,
        flight: {
          carrier: 'VN',
          number: String(flight),
          date: '2025-12-01',
          origin: 'SGN',
          destination: 'HAN',
          departureAt: '2025-12-01T10:00:00+07:00',
          international: false,
        },
        passengers: Array.from({ length: 9 }, (_, i) => ({
          surname: 'NGUYEN',
          givenName: `PASSENGER ${String.fromCharCode(65 + i)}`,
          document: { type: 'CITIZEN_ID_CARD', number: String(100000000000 + b * 9 + i) },
          checkedBags: 0,
        })),
      });
      if (response.status !== 201) throw new Error(`booking failed: ${response.body}`);
      passengerIds.push(
        ...(JSON.parse(response.body) as { passengers: { passengerId: string }[] }).passengers.map(
          (p) => p.passengerId,
        ),
      );
    }
    const ids = passengerIds.slice(0, PASSENGERS);

    const latencies: number[] = [];
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const passengerId = ids[next++] ?? '';
          const t0 = process.hrtime.bigint();
          const response = await post('/v1/check-ins', { passengerId, channel: 'KIOSK' });
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (response.status !== 201)
            throw new Error(`check-in failed: ${response.status} ${response.body}`);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => percentile(latencies, p);
    const perSecond = ids.length / seconds;
    process.stdout.write(
      `embedded check-in (${databaseUrl === undefined ? 'PGlite' : 'PostgreSQL'}, in-process events, HTTP keep-alive, ${CONCURRENCY} concurrent clients)\n` +
        `  ${ids.length} kiosk check-ins in ${seconds.toFixed(2)} s: ${perSecond.toFixed(0)} per second\n` +
        `  latency ms p50 ${pct(50).toFixed(1)}  p95 ${pct(95).toFixed(1)}  p99 ${pct(99).toFixed(1)}  max ${pct(100).toFixed(1)}\n` +
        `checkin_per_s=${perSecond.toFixed(0)}\n`,
    );
  } finally {
    client.close();
    await app.close();
    await opened.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
