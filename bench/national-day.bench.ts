/**
 * A national day: every civil airport of seeds/capacity/airport-traffic.json, scaled to a peak
 * day (x1.7, at least 250,000 departing passengers), simulated under BIOMETRIC_DEFAULT.
 * Prints its figures; the last line is machine-readable:
 * `events_per_s=N national_day_s=N peak_rss_mb=N`.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { loadAirportRegistry, phasePolicyFor, seedsDirectory } from '@biogate/reference-data';
import { simulateAirportDay } from '../apps/simulator/src/capacity/airport-day';
import { loadAirportTraffic } from '../apps/simulator/src/capacity/airport-traffic';
import { loadCapacityParameters } from '../apps/simulator/src/capacity/capacity-parameters';

const PEAK_FACTOR = Number(process.env.BENCH_PEAK_FACTOR ?? 1.7);
const seeds = seedsDirectory();
const policy = phasePolicyFor(loadAirportRegistry());
const parameters = loadCapacityParameters(join(seeds, 'capacity', 'parameters.yaml'));
const traffic = loadAirportTraffic(join(seeds, 'capacity', 'airport-traffic.json'));

const start = process.hrtime.bigint();
let passengers = 0;
let events = 0;
let missed = 0;
for (const airport of traffic.airports) {
  const report = simulateAirportDay({
    airport: airport.code,
    date: '2025-12-01',
    departures: Math.round(airport.departuresPerDay * PEAK_FACTOR),
    internationalShare: airport.internationalShare,
    seatsPerFlight: traffic.seatsPerFlight,
    loadFactor: traffic.loadFactor,
    parameters,
    policy,
    seed: 'national-day-bench',
  });
  passengers += report.passengers;
  events += report.events;
  missed += report.missedFlights;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `national day (peak x${PEAK_FACTOR}): ${traffic.airports.length} airports, ${passengers.toLocaleString('en-US')} departing passengers, ${missed.toLocaleString('en-US')} missed flights\n` +
    `  ${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s: ${Math.round(events / seconds).toLocaleString('en-US')} events/s (model with policy routing), peak RSS ${peakRssMb.toFixed(0)} MB\n` +
    `events_per_s=${Math.round(events / seconds)} national_day_s=${seconds.toFixed(2)} peak_rss_mb=${Math.round(peakRssMb)}\n`,
);
