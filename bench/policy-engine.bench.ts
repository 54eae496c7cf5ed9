/**
 * Decisions per second of the phase policy on one core, over a mix of requests that walks every
 * rule (the sample file's 25 requests, rotated through instants across all three phases).
 * Prints its figures; the last line is machine-readable: `decisions_per_s=N`.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvaluationRequests } from '@biogate/contracts';
import type { PolicyDecision, PolicyRequest } from '@biogate/domain';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';

const airports = loadAirportRegistry();
const policy = phasePolicyFor(airports);
const sample: unknown = JSON.parse(
  readFileSync(join(__dirname, '../seeds/requests/sample.json'), 'utf8'),
);
const parsed = parseEvaluationRequests(sample, airports);
if (!parsed.ok) throw new Error('sample.json does not parse');

const HOUR = 3_600_000;
const requests: PolicyRequest[] = [];
for (let shift = -150 * 24; shift <= 150 * 24; shift += 37) {
  for (const request of parsed.value) requests.push({ ...request, at: request.at + shift * HOUR });
}

function run(rounds: number): { decisions: number; ms: number; sink: number } {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const request of requests) {
      const decision: PolicyDecision = policy.evaluate(request);
      sink += decision.rules.length;
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { decisions: rounds * requests.length, ms, sink };
}

run(20); // warm-up: let the JIT settle
const results = [1, 2, 3, 4, 5].map(() => run(100));
const rates = results.map((r) => (r.decisions / r.ms) * 1000).sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

process.stdout.write(
  `policy engine: ${requests.length} distinct requests, 5 runs of ${fmt(results[0]?.decisions ?? 0)} decisions, one core\n` +
    `  decisions/s  min ${fmt(rates[0] ?? 0)}  median ${fmt(median)}  max ${fmt(rates.at(-1) ?? 0)}\n` +
    `  per decision ${(1e9 / median).toFixed(0)} ns (median)\n` +
    `decisions_per_s=${Math.round(median)}\n`,
);
