import type { Instant } from '../time/instant';

const HOUR = 3_600_000;
/** The VNeID app offers biometric enrolment from 24 h to 1 h before departure (domain.md §4). */
export const APP_WINDOW_OPENS_BEFORE = 24 * HOUR;
export const APP_WINDOW_CLOSES_BEFORE = 1 * HOUR;

/**
 * Whether the app window is open at `at`: both ends included, to the second (a step at
 * 08:00:00.400 for a 09:00 departure is at the closing second, so still inside).
 */
export function insideVneidAppWindow(at: Instant, departure: Instant): boolean {
  const second = Math.floor(at / 1000) * 1000;
  return (
    second >= departure - APP_WINDOW_OPENS_BEFORE && second <= departure - APP_WINDOW_CLOSES_BEFORE
  );
}
