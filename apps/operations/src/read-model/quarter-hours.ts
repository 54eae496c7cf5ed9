/** Quarter hours of a local day, as airports plan and report flows (every 15 minutes). */

export const QUARTER_MS = 15 * 60_000;
const DAY_MS = 24 * 3_600_000;

/** The start of the local quarter hour holding `at` (an offset like +05:45 keeps its own grid). */
export function quarterOf(at: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((at + offset) / QUARTER_MS) * QUARTER_MS - offset;
}

/** The instant the local day holding `at` began (local midnight). */
export function localDayStart(at: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((at + offset) / DAY_MS) * DAY_MS - offset;
}

/** The 96 quarter hours of the local day holding `at`, as instants. */
export function quartersOfDay(at: number, utcOffsetMinutes: number): number[] {
  const start = localDayStart(at, utcOffsetMinutes);
  return Array.from({ length: DAY_MS / QUARTER_MS }, (_, index) => start + index * QUARTER_MS);
}
