import type { PolicyDecision, ReasonCode } from '@biogate/domain';

/**
 * Reasons the services add to the policy's own (domain.md §5, "what the services add"): the
 * policy allowed a biometric point but the 1:1 face verification did not, or the boarding pass
 * presented cannot be used, or a boarding-gate check failed.
 */
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

export interface FaceVerification {
  readonly similarity: number;
  readonly matched: boolean;
  readonly live: boolean;
}

/** The decision taken at a touchpoint: the policy's, possibly overruled by verification. */
export type StepDecision = Omit<PolicyDecision, 'reason'> & {
  readonly reason: ReasonCode | ServiceReason;
  readonly verification?: FaceVerification;
};
