import type { SeededRandom } from '@biogate/domain';

export interface ScheduledFlight {
  /** Seconds after local midnight. */
  readonly departure: number;
  readonly international: boolean;
  readonly passengers: number;
}

/**
 * Relative weight of departures in each local hour (project decision): nothing before 06:00,
 * a morning bank 07:00-10:00 and an evening bank 17:00-21:00, as Vietnamese domestic schedules
 * show.
 */
export const DEPARTURE_HOUR_WEIGHTS: readonly number[] = [
  0, 0, 0, 0, 0, 0, 4, 8, 9, 8, 6, 5, 5, 5, 5, 6, 6, 8, 9, 8, 7, 5, 3, 1,
];

/** A day's departures for an airport, seeded: the same seed gives the same schedule. */
export function generateSchedule(
  departures: number,
  internationalShare: number,
  seats: number,
  loadFactor: number,
  random: SeededRandom,
): ScheduledFlight[] {
  const total = DEPARTURE_HOUR_WEIGHTS.reduce((sum, w) => sum + w, 0);
  const flights: ScheduledFlight[] = [];
  for (let i = 0; i < departures; i++) {
    let pick = random.next() * total;
    let hour = 0;
    while (pick >= (DEPARTURE_HOUR_WEIGHTS[hour] ?? 0)) pick -= DEPARTURE_HOUR_WEIGHTS[hour++] ?? 0;
    const departure = hour * 3600 + Math.floor(random.next() * 60) * 60;
    const load = loadFactor * (0.85 + 0.3 * random.next());
    flights.push({
      departure,
      international: random.next() < internationalShare,
      passengers: Math.max(1, Math.min(seats, Math.round(seats * load))),
    });
  }
  return flights.sort((a, b) => a.departure - b.departure);
}
