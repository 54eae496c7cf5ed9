import { parseLocalDate, wholeYearsBetween, type CompactDate } from '../time/local-date';
import type { CompiledPolicy } from './compiled-policy';
import type { PassengerFacts } from './policy-request';

/** R5: a passenger the counter keeps serving in BIOMETRIC_DEFAULT whatever their bags. */
export function isSpecialPassenger(
  passenger: PassengerFacts,
  stepDate: CompactDate,
  policy: CompiledPolicy,
): boolean {
  if (passenger.ssr?.some((code) => policy.specialServiceCodes.has(code))) return true;
  if (passenger.birthDate === undefined) return false;
  const born = parseLocalDate(passenger.birthDate);
  return born !== undefined && wholeYearsBetween(born, stepDate) >= policy.specialPassengerMinAge;
}
