import { ConflictError } from '@biogate/contracts';
import { formatInstantAtOffset } from '@biogate/domain';
import type { FlightRow } from '../persistence/checkin.entities';

const MINUTE = 60_000;

/**
 * When a domestic flight takes check-ins (project decision, the usual airline practice in
 * Vietnam): from 24 h before departure until 40 min before.
 */
export const CHECK_IN_WINDOW = { opensBeforeMinutes: 24 * 60, closesBeforeMinutes: 40 } as const;

/** Refuses (409) a check-in outside its flight's window, saying when the window opens or closed. */
export function assertCheckInOpen(
  now: number,
  {
    carrier,
    flightNumber,
    departureAt,
  }: Pick<FlightRow, 'carrier' | 'flightNumber' | 'departureAt'>,
  utcOffsetMinutes: number,
): void {
  const departure = departureAt.getTime();
  const flight = `${carrier}${flightNumber}`;
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
