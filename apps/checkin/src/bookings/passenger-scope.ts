import type { EntityManager } from 'typeorm';
import { AccessDeniedError, NotFoundError } from '@biogate/contracts';
import type { Principal } from '@biogate/service-runtime';
import type { FlightRow } from '../persistence/checkin.entities';
import type { BookedPassengerRecord, CheckInStore } from '../persistence/checkin-store';

/** Who may act on a passenger: their airline only, or their airline and the departure airport. */
export type PassengerAccess = 'AIRLINE' | 'AIRLINE_OR_AIRPORT';

export function inScope(principal: Principal, flight: FlightRow, access: PassengerAccess): boolean {
  if (principal.role === 'QA') return true;
  if (principal.role === 'AIRLINE') return principal.airline === flight.carrier;
  return access === 'AIRLINE_OR_AIRPORT' && principal.airport === flight.origin;
}

/**
 * A booked passenger the caller may act on. Scope comes first: outside it the caller gets the
 * same 403 whether the passenger exists or not, so a passenger id never tells another airline
 * or airport anything. Only QA, whose scope is everything, gets a 404 for an unknown id.
 */
export async function readPassengerInScope(
  store: CheckInStore,
  em: EntityManager,
  principal: Principal,
  passengerId: string,
  action: string,
  access: PassengerAccess = 'AIRLINE_OR_AIRPORT',
): Promise<BookedPassengerRecord> {
  const record = await store.bookedPassenger(em, passengerId);
  if (record !== undefined && inScope(principal, record.flight, access)) return record;
  if (record === undefined && principal.role === 'QA') {
    throw new NotFoundError(`no booked passenger ${passengerId}`);
  }
  throw new AccessDeniedError(`${principal.name} may not ${action} passenger ${passengerId}`);
}

/** The same rule for a record found by another id (an enrolment): 403 outside scope or unknown. */
export function outOfScope(principal: Principal, what: string, action: string): Error {
  return principal.role === 'QA'
    ? new NotFoundError(`no ${what}`)
    : new AccessDeniedError(`${principal.name} may not ${action} ${what}`);
}
