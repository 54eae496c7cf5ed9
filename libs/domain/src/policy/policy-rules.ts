import { biometricRefusal } from './biometric-eligibility';
import type { Verdict } from './policy-decision';
import { awayFromBiometricCheckIn, awayFromKiosk } from './redirect-targets';
import { isSpecialPassenger } from './special-passenger';
import type { StepContext } from './step-context';
import type { RuleId } from './vocabulary';

const rules = (...ids: RuleId[]): readonly RuleId[] => Object.freeze(ids);
const R0 = rules('R0');
const R1 = rules('R1');
const R2_R4 = rules('R2', 'R3', 'R4');
const R5 = rules('R5');
const R5_R6 = rules('R5', 'R6');
const R7 = rules('R7');
const R8 = rules('R8');

/** R0-R8 in the order of domain.md §5: the first rule that decides wins. */
export function applyRules(ctx: StepContext): Verdict {
  if (ctx.documentClass === 'INVALID') {
    return { outcome: 'REJECTED', reason: 'INVALID_DOCUMENT', rules: R0 };
  }
  const { request } = ctx;
  if (request.touchpoint === 'CHECK_IN') {
    switch (request.channel) {
      case 'BIOMETRIC':
        return biometricChannel(ctx, awayFromBiometricCheckIn(ctx));
      case 'COUNTER':
        return counter(ctx);
      case 'KIOSK':
        return kiosk(ctx);
    }
  }
  switch (request.lane) {
    case 'AUTOMATED':
      return biometricChannel(ctx, 'MANUAL');
    case 'MANUAL':
      return { outcome: 'ALLOWED', reason: 'OK', rules: R8 };
  }
}

/** R1-R4 for BIOMETRIC check-in and AUTOMATED lanes. */
function biometricChannel(ctx: StepContext, fallback: 'COUNTER' | 'KIOSK' | 'MANUAL'): Verdict {
  const refusal = biometricRefusal(ctx);
  if (refusal === undefined) return { outcome: 'ALLOWED', reason: 'OK', rules: R2_R4 };
  return { outcome: 'REDIRECTED', redirectTo: fallback, ...refusal };
}

/** R1 exempts international flights; R5 restricts the counter; R6 keeps it as the last resort. */
function counter(ctx: StepContext): Verdict {
  if (ctx.request.international) return { outcome: 'ALLOWED', reason: 'OK', rules: R1 };
  const restricted =
    ctx.phase === 'BIOMETRIC_DEFAULT' &&
    ctx.request.passenger.checkedBags === 0 &&
    !isSpecialPassenger(ctx.request.passenger, ctx.stepDate, ctx.policy);
  if (!restricted) return { outcome: 'ALLOWED', reason: 'OK', rules: R5 };
  if (biometricRefusal(ctx) === undefined) {
    return {
      outcome: 'REDIRECTED',
      redirectTo: 'BIOMETRIC',
      reason: 'COUNTER_NOT_ELIGIBLE',
      rules: R5,
    };
  }
  if (ctx.kioskInService) {
    return {
      outcome: 'REDIRECTED',
      redirectTo: 'KIOSK',
      reason: 'COUNTER_NOT_ELIGIBLE',
      rules: R5,
    };
  }
  return { outcome: 'ALLOWED', reason: 'FALLBACK_SERVICE_CONTINUITY', rules: R5_R6 };
}

/** R7: any valid document, unless kiosks are down. */
function kiosk(ctx: StepContext): Verdict {
  if (ctx.kioskInService) return { outcome: 'ALLOWED', reason: 'OK', rules: R7 };
  return {
    outcome: 'REDIRECTED',
    redirectTo: awayFromKiosk(ctx),
    reason: 'KIOSK_OUTAGE',
    rules: R7,
  };
}
