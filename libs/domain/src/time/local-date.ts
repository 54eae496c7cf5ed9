import { daysInMonth, isYearInRange, type Instant } from './instant';

/** A calendar date with no time of day, `YYYY-MM-DD`, as the directive and documents state dates. */
export type LocalDate = string;

/**
 * A calendar date packed as the integer YYYYMMDD. Order-preserving, and the difference of two
 * such numbers divided by 10,000 (rounded down) is the number of whole years between them.
 */
export type CompactDate = number;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const LOCAL_DATE_EXPECTATION = 'a calendar date "YYYY-MM-DD" (years 1900-2100)';

/** `YYYY-MM-DD` as a CompactDate, or undefined when it is not a real calendar date. */
export function parseLocalDate(text: string): CompactDate | undefined {
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isYearInRange(year)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return year * 10_000 + month * 100 + day;
}

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && parseLocalDate(value) !== undefined;
}

/** The calendar date of an instant as seen on a wall clock at the given UTC offset. */
export function compactDateAt(instant: Instant, utcOffsetMinutes: number): CompactDate {
  const local = new Date(instant + utcOffsetMinutes * 60_000);
  return local.getUTCFullYear() * 10_000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
}

/** The instant at which a calendar date begins (00:00 local) at the given UTC offset. */
export function startOfCompactDate(date: CompactDate, utcOffsetMinutes: number): Instant {
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return Date.UTC(year, month - 1, day) - utcOffsetMinutes * 60_000;
}

export function formatCompactDate(date: CompactDate): LocalDate {
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole years from `from` to `to`; a 29 Feb birthday falls on 1 Mar in common years. */
export function wholeYearsBetween(from: CompactDate, to: CompactDate): number {
  return Math.floor((to - from) / 10_000);
}
