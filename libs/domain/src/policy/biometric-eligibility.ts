import type { Instant } from '../time/instant';
import type { CompiledAirport } from './compiled-policy';
import type { StepContext } from './step-context';
import type { Phase, ReasonCode, RuleId } from './vocabulary';

export interface BiometricRefusal {
  readonly reason: ReasonCode;
  readonly rules: readonly RuleId[];
}

const R1: readonly RuleId[] = Object.freeze(['R1']);
const R2: readonly RuleId[] = Object.freeze(['R2']);
const R3: readonly RuleId[] = Object.freeze(['R3']);
const R4: readonly RuleId[] = Object.freeze(['R4']);

/** True when the airport runs biometric channels at this instant (R2 without outages). */
export function biometricInstalled(airport: CompiledAirport, phase: Phase, at: Instant): boolean {
  return at >= airport.biometricReadyAt && (phase !== 'PRE_MANDATE' || airport.pilot);
}

/**
 * R1-R4 for a BIOMETRIC check-in or an AUTOMATED lane, in the order of domain.md §5:
 * undefined when the biometric channel may serve this passenger, else why not.
 */
export function biometricRefusal(ctx: StepContext): BiometricRefusal | undefined {
  if (ctx.request.international) return { reason: 'INTERNATIONAL_OUT_OF_SCOPE', rules: R1 };
  if (!biometricInstalled(ctx.airport, ctx.phase, ctx.request.at))
    return { reason: 'BIOMETRIC_NOT_AVAILABLE', rules: R2 };
  if (ctx.biometricOutage) return { reason: 'BIOMETRIC_OUTAGE', rules: R2 };
  if (ctx.documentClass !== 'NATIONAL_EID') return { reason: 'DOCUMENT_NOT_ELIGIBLE', rules: R3 };
  if (!ctx.request.passenger.biometricEnrolled) return { reason: 'NOT_ENROLLED', rules: R4 };
  return undefined;
}
