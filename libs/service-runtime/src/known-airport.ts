import { InputRejectedError } from '@biogate/contracts';
import type { AirportRegistry } from '@biogate/reference-data';

/**
 * An airport code the reference data knows, or a 400 that names where it came from: what a DTO
 * checks only as "three capital letters".
 */
export function assertKnownAirport(
  airports: AirportRegistry,
  airport: string,
  path: 'body.airport' | 'params.airport' = 'body.airport',
): void {
  if (airports.has(airport)) return;
  throw new InputRejectedError(`invalid request ${path.startsWith('body') ? 'body' : 'path'}`, [
    { path, message: `unknown airport code "${airport}"` },
  ]);
}
