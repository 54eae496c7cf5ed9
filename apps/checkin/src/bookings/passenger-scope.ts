import { AccessDeniedError } from '@biogate/contracts';
import type { Principal } from '@biogate/service-runtime';
import type { FlightRow } from '../persistence/checkin.entities';

/** The passenger's airline, the operator of the departure airport, or QA. */
export function assertPassengerScope(
  principal: Principal,
  flight: FlightRow,
  action: string,
): void {
  if (principal.role === 'QA') return;
  if (principal.role === 'AIRLINE' && principal.airline === flight.carrier) return;
  if (principal.role === 'OPERATOR' && principal.airport === flight.origin) return;
  throw new AccessDeniedError(
    `${principal.name} may not ${action} passengers of ${flight.carrier} at ${flight.origin}`,
  );
}
