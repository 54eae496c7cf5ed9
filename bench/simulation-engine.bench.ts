/**
 * Raw speed of the discrete-event engine on one core: many M/M/c desks (arrival, service start,
 * completion, departure events) fed by seeded exponential streams, 10 million events.
 * Prints its figures; the last line is machine-readable: `events_per_s=N peak_rss_mb=N`.
 * (The national-day benchmark of issue #5, `npm run bench:sim`, needs the airport model.)
 */
import { SeededRandom } from '@biogate/domain';
import { sampler, ServiceDesk, Simulation } from '@biogate/simulation';

const DESKS = 200;
const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);

function run(): { events: number; seconds: number } {
  const sim = new Simulation();
  const random = new SeededRandom('engine-bench');
  const leave = sim.on(() => undefined);
  const desks = Array.from(
    { length: DESKS },
    (_, i) =>
      new ServiceDesk(sim, `desk-${i}`, 4, sampler({ kind: 'exponential', mean: 1 }, random)),
  );
  const interArrival = sampler({ kind: 'exponential', mean: 1 / 3 }, random);
  let entity = 0;
  const arrive = sim.on((desk) => {
    (desks[desk] as ServiceDesk).arrive(entity++, leave);
    if (sim.eventsProcessed < TARGET_EVENTS) sim.after(interArrival(), arrive, desk);
  });
  for (let d = 0; d < DESKS; d++) sim.at(interArrival(), arrive, d);
  const start = process.hrtime.bigint();
  const events = sim.run();
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

run(); // warm-up
const { events, seconds } = run();
const perSecond = events / seconds;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `discrete-event engine: ${DESKS} M/M/4 desks, ${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s\n` +
    `  ${Math.round(perSecond).toLocaleString('en-US')} events/s, peak RSS ${peakRssMb.toFixed(0)} MB\n` +
    `events_per_s=${Math.round(perSecond)} peak_rss_mb=${Math.round(peakRssMb)}\n`,
);
