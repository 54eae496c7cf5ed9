/**
 * The operators' console under load: events arrive at 100, then 500 per second (security
 * decisions at SGN, as the security gate announces them, on the embedded services' in-process
 * transport), and a screen follows SGN's overview over Server-Sent Events. The lag of an event
 * is the time from its publication to the first overview that counts it. The server adds events
 * up; the screen never receives them raw. The service runs in this process (PGlite in memory),
 * so the load generator's own work is part of what it competes with.
 * Last line: `console_lag_p50_ms_100=N console_lag_p95_ms_100=N console_lag_p50_ms_500=N
 * console_lag_p95_ms_500=N overviews_per_s_500=N`.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SECURITY_DECIDED, TOPICS, type SecurityDecidedV1 } from '@biogate/contracts';
import { parseInstant, SimulatedClock } from '@biogate/domain';
import type { EventTransport } from '@biogate/messaging';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
} from '@biogate/service-runtime';
import { EMBEDDED_SERVICES } from '../apps/embedded/src/embedded-services';

const QA_KEY = 'demo-qa-key-000000000001';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RATES = (process.env.BENCH_RATES ?? '100,500').split(',').map(Number);
const AT = '2025-12-01T09:00:00+07:00';

interface Overview {
  readonly lastHour: readonly { readonly presentations: number }[];
}

function securityDecided(index: number): { topic: string; key: string; value: string } {
  const passengerId = randomUUID();
  const matched = index % 10 !== 0;
  const payload: SecurityDecidedV1 = {
    passengerId,
    flight: {
      flightId: '6f1c2b0e-0000-4000-8000-00000000f213',
      carrier: 'VN',
      number: '213',
      date: '2025-12-01',
      origin: 'SGN',
      destination: 'HAN',
      departureAt: '2025-12-01T03:00:00.000Z',
      international: false,
    },
    airport: 'SGN',
    lane: 'AUTOMATED',
    at: new Date(parseInstant(AT) ?? 0).toISOString(),
    decision: {
      phase: 'BIOMETRIC_DEFAULT',
      outcome: matched ? 'ALLOWED' : 'REDIRECTED',
      ...(matched ? {} : { redirectTo: 'MANUAL' as const }),
      reason: matched ? 'OK' : 'FACE_MISMATCH',
      rules: ['R2'],
      incentiveWindow: false,
      verification: { similarity: matched ? 0.95 : 0.3, matched, live: true },
    },
    cleared: matched,
  };
  const envelope = {
    eventId: randomUUID(),
    ...SECURITY_DECIDED,
    occurredAt: payload.at,
    key: passengerId,
    correlationId: randomUUID(),
    producer: 'bench',
    payload,
  };
  return { topic: TOPICS.journey, key: passengerId, value: JSON.stringify(envelope) };
}

/** Follows the overview stream; calls back with each overview's count and arrival time. */
async function follow(
  url: string,
  onCount: (count: number, at: number) => void,
  signal: AbortSignal,
) {
  const response = await fetch(`${url}/v1/operations/airports/SGN/stream`, {
    headers: { 'x-api-key': QA_KEY },
    signal,
  });
  if (!response.ok || response.body === null) throw new Error(`stream: HTTP ${response.status}`);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let overviews = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return overviews;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5))
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data === '') continue;
        const overview = JSON.parse(data) as Overview;
        overviews += 1;
        onCount(
          overview.lastHour.reduce((sum, tile) => sum + tile.presentations, 0),
          performance.now(),
        );
      }
    }
  } catch (error) {
    if (signal.aborted) return overviews;
    throw error;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const clock = new SimulatedClock(parseInstant(AT) ?? 0);
  const opened = await openPlatform({
    env: readServiceEnvironment({}),
    units: EMBEDDED_SERVICES.units,
    clock,
  });
  const app = await createServiceApplication(opened.platform, {
    ...EMBEDDED_SERVICES,
    log: false,
  });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const transport: EventTransport = opened.platform.transport;
  const published: number[] = [];
  const lags: number[] = [];
  let counted = 0;
  let overviewsAt: number[] = [];
  const stop = new AbortController();
  const following = follow(
    url,
    (count, at) => {
      overviewsAt.push(at);
      for (; counted < Math.min(count, published.length); counted += 1) {
        lags.push(at - (published[counted] ?? at));
      }
    },
    stop.signal,
  );
  const figures: string[] = [];
  const lines: string[] = [];
  try {
    for (const rate of RATES) {
      lags.length = 0;
      overviewsAt = [];
      const tickMs = 20;
      const started = performance.now();
      let sent = 0;
      while (performance.now() - started < SECONDS * 1000) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        const batch = [];
        for (; sent < due; sent += 1) batch.push(securityDecided(published.length + batch.length));
        const now = performance.now();
        for (let i = 0; i < batch.length; i += 1) published.push(now);
        await transport.publish(batch);
        await new Promise((resolve) => setTimeout(resolve, tickMs));
      }
      // Let the screen catch up with the last events.
      const deadline = performance.now() + 15_000;
      while (counted < published.length && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const behind = published.length - counted;
      const p50 = percentile(lags, 50);
      const p95 = percentile(lags, 95);
      const overviewsPerSecond = overviewsAt.length / SECONDS;
      lines.push(
        `  ${rate} events/s for ${SECONDS} s: lag p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms; ${overviewsPerSecond.toFixed(1)} overviews/s to the screen${behind > 0 ? `; ${behind} events never shown` : ''}`,
      );
      figures.push(
        `console_lag_p50_ms_${rate}=${p50.toFixed(0)} console_lag_p95_ms_${rate}=${p95.toFixed(0)}`,
      );
      if (rate === RATES.at(-1))
        figures.push(`overviews_per_s_${rate}=${overviewsPerSecond.toFixed(1)}`);
    }
    process.stdout.write(
      `operators' console (embedded, PGlite): security decisions at SGN, one screen on the SSE stream\n${lines.join('\n')}\n${figures.join(' ')}\n`,
    );
  } finally {
    stop.abort();
    await following.catch(() => 0);
    await app.close();
    await opened.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:console failed: ${String(error)}\n`);
  process.exit(1);
});
