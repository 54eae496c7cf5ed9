import { ConflictError } from '@biogate/contracts';
import { formatInstantAtOffset } from '@biogate/domain';

const MINUTE = 60_000;

/**
 * When a domestic flight takes check-ins (project decision, the usual airline practice in
 * Vietnam): from 24 h before departure until 40 min before.
 */
export const CHECK_IN_WINDOW = { opensBeforeMinutes: 24 * 60, closesBeforeMinutes: 40 } as const;

export function assertCheckInOpen(
  now: number,
  departure: number,
  flight: string,
  utcOffsetMinutes: number,
): void {
  const opens = departure - CHECK_IN_WINDOW.opensBeforeMinutes * MINUTE;
  const closes = departure - CHECK_IN_WINDOW.closesBeforeMinutes * MINUTE;
  const local = (instant: number) => formatInstantAtOffset(instant, utcOffsetMinutes);
  if (now < opens)
    throw new ConflictError(
      `check-in for ${flight} opens at ${local(opens)} (24 h before departure)`,
    );
  if (now > closes)
    throw new ConflictError(
      `check-in for ${flight} closed at ${local(closes)} (40 min before departure)`,
    );
}
