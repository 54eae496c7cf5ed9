/** A point in time, as milliseconds since the Unix epoch (UTC). */
export type Instant = number;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The years any date or instant may name. Outside them a year is a typo or an attack: PostgreSQL
 * refuses year 0, and JavaScript's Date reads years 0-99 as 1900-1999.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

export function isYearInRange(year: number): boolean {
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

export const ISO_INSTANT_EXPECTATION =
  'an ISO 8601 instant with an offset, e.g. "2025-12-01T07:30:00+07:00" or "2025-11-30T17:00:00Z" (years 1900-2100)';

/**
 * Parses an ISO 8601 instant that states its offset (`Z` or `±HH:MM`). Returns undefined for
 * anything else, including impossible calendar dates and times that `Date.parse` would roll over.
 */
export function parseInstant(text: string): Instant | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (!isYearInRange(year)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 14 || offM > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - offsetMinutes * 60_000;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2025-12-01T07:30:00+07:00`: the instant as a wall-clock time at the given UTC offset. */
export function formatInstantAtOffset(instant: Instant, utcOffsetMinutes: number): string {
  const local = new Date(instant + utcOffsetMinutes * 60_000);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const offset = `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
