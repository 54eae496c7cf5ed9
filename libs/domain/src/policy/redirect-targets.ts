import { biometricRefusal } from './biometric-eligibility';
import type { StepContext } from './step-context';
import type { CheckInChannel } from './vocabulary';

/**
 * Where a passenger turned away from BIOMETRIC check-in goes: the counter before the biometric
 * default; from then on the kiosk while kiosks are in service, otherwise the counter. An
 * international passenger always goes to the counter: the 1 Dec counter restriction (R5) does not
 * apply to them.
 */
export function awayFromBiometricCheckIn(ctx: StepContext): Exclude<CheckInChannel, 'BIOMETRIC'> {
  if (ctx.request.international || ctx.phase !== 'BIOMETRIC_DEFAULT') return 'COUNTER';
  return ctx.kioskInService ? 'KIOSK' : 'COUNTER';
}

/** Where a passenger turned away from a KIOSK goes: biometric if R1-R4 allow it, else the counter. */
export function awayFromKiosk(ctx: StepContext): CheckInChannel {
  return biometricRefusal(ctx) === undefined ? 'BIOMETRIC' : 'COUNTER';
}
