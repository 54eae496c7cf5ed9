import type { PhasePolicy } from '../policy/policy-engine';
import type { PolicyDecision } from '../policy/policy-decision';
import type { PolicyRequest } from '../policy/policy-request';
import type { ReasonCode } from '../policy/vocabulary';
import type { Instant } from '../time/instant';

/**
 * Why a passenger was sent where they were, in one place: the policy's rules decide first
 * (PhasePolicy, R0-R9); at a biometric point the 1:1 face check has the last word
 * (faceCheckedDecision); and some refusals come before the policy (serviceRejection: a boarding
 * pass that cannot be used, a boarding-gate check).
 */

/** Reasons the services add to the policy's own (domain.md §5, "what the services add"). */
export const SERVICE_REASONS = [
  'FACE_MISMATCH',
  'LIVENESS_FAILED',
  'BOARDING_PASS_INVALID',
  'BOARDING_PASS_UNKNOWN',
  'BOARDING_PASS_WRONG_AIRPORT',
  'SECURITY_NOT_CLEARED',
  'BOARDING_NOT_OPEN',
  'WRONG_GATE',
  'ALREADY_BOARDED',
] as const;
export type ServiceReason = (typeof SERVICE_REASONS)[number];

/** The outcome of a 1:1 comparison of a live capture with a template. */
export interface FaceVerification {
  readonly similarity: number;
  readonly matched: boolean;
  readonly live: boolean;
}

/** The decision taken at a touchpoint: the policy's, possibly overruled by the face check. */
export type TouchpointDecision = Omit<PolicyDecision, 'reason'> & {
  readonly reason: ReasonCode | ServiceReason;
  readonly verification?: FaceVerification;
};

/** What a failed face check means for the operators: an impostor, or a photo, mask or replay. */
export type FaceAlert = 'FACE_MISMATCH' | 'PRESENTATION_ATTACK';

/**
 * The policy allowed a biometric point; the face check has the last word. A face that does not
 * verify sends the passenger where a redirect from that point would (the manual lane from an
 * e-gate; from biometric check-in the counter or the kiosk, by the phase), with an alert; it
 * never silently passes.
 */
export function faceCheckedDecision(
  policy: PhasePolicy,
  step: PolicyRequest,
  decision: TouchpointDecision,
  verification: FaceVerification,
): { readonly decision: TouchpointDecision; readonly alert?: FaceAlert } {
  if (verification.live && verification.matched) return { decision: { ...decision, verification } };
  return {
    decision: {
      ...decision,
      outcome: 'REDIRECTED',
      redirectTo: policy.fallbackFromBiometric(step),
      reason: verification.live ? 'FACE_MISMATCH' : 'LIVENESS_FAILED',
      verification,
    },
    alert: verification.live ? 'FACE_MISMATCH' : 'PRESENTATION_ATTACK',
  };
}

/** A refusal that comes before the policy, with the phase and incentive window of its instant. */
export function serviceRejection(
  policy: PhasePolicy,
  at: Instant,
  reason: ServiceReason,
  detail: string,
): TouchpointDecision & { readonly detail: string } {
  const phase = policy.phaseAt(at);
  return {
    phase,
    outcome: 'REJECTED',
    reason,
    rules: [],
    incentiveWindow: policy.inIncentiveWindow(at),
    detail,
  };
}
