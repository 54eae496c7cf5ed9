import type { PolicyDecision, ReasonCode } from '@biogate/domain';

/**
 * Reasons the services add to the policy's own (domain.md §5, "what the services add"): the
 * policy allowed a biometric point, but the 1:1 face verification did not.
 */
export const VERIFICATION_REASONS = ['FACE_MISMATCH', 'LIVENESS_FAILED'] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

export interface FaceVerification {
  readonly similarity: number;
  readonly matched: boolean;
  readonly live: boolean;
}

/** The decision taken at a touchpoint: the policy's, possibly overruled by verification. */
export type StepDecision = Omit<PolicyDecision, 'reason'> & {
  readonly reason: ReasonCode | VerificationReason;
  readonly verification?: FaceVerification;
};
