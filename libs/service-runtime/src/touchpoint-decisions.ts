import type {
  FaceVerification,
  PresentedDocumentDto,
  ServiceReason,
  StepDecision,
} from '@biogate/contracts';
import type { Instant, PhasePolicy, PresentedDocument, ServicePoint } from '@biogate/domain';

/** The identity document shown at a touchpoint, as the policy judges it (R0, R3). */
export function presentedDocument(dto: PresentedDocumentDto): PresentedDocument {
  return {
    type: dto.type,
    number: dto.number,
    ...(dto.expiresOn == null ? {} : { expiresOn: dto.expiresOn }),
  };
}

/** What a failed face check means for the operators: an impostor, or a photo, mask or replay. */
export type FaceAlert = 'FACE_MISMATCH' | 'PRESENTATION_ATTACK';

/**
 * The policy allowed a biometric point; the face check has the last word. A passenger whose
 * face does not verify goes where a redirect from that point would send them, with an alert;
 * it never silently passes.
 */
export function decideAfterFaceCheck(
  decision: StepDecision,
  verification: FaceVerification,
  fallback: ServicePoint,
): { readonly decision: StepDecision; readonly alert?: FaceAlert } {
  if (verification.live && verification.matched) return { decision: { ...decision, verification } };
  return {
    decision: {
      ...decision,
      outcome: 'REDIRECTED',
      redirectTo: fallback,
      reason: verification.live ? 'FACE_MISMATCH' : 'LIVENESS_FAILED',
      verification,
    },
    alert: verification.live ? 'FACE_MISMATCH' : 'PRESENTATION_ATTACK',
  };
}

/** A refusal that comes before the policy (an unusable boarding pass, a gate check). */
export function serviceRejection(
  policy: PhasePolicy,
  at: Instant,
  reason: ServiceReason,
  detail: string,
): StepDecision & { readonly detail: string } {
  const phase = policy.phaseAt(at);
  return {
    phase,
    outcome: 'REJECTED',
    reason,
    rules: [],
    incentiveWindow: phase === 'BIOMETRIC_ENROLMENT',
    detail,
  };
}
