import type { FaceCaptureDto, StepDecision } from '@biogate/contracts';
import {
  faceCheckedDecision,
  type CheckInChannel,
  type FaceModel,
  type FaceTemplate,
  type Instant,
  type PhasePolicy,
  type PolicyRequest,
} from '@biogate/domain';
import { verifyLiveFace, type TemplateCipher } from '@biogate/biometrics';
import { passengerFacts } from '../bookings/passenger-facts';
import type { BookedPassengerRecord } from '../persistence/checkin-store';
import type { EnrolmentRow } from '../persistence/checkin.entities';
import { TemplateReads } from '../enrolment/enrolled-template.reader';

export interface CheckInAttempt {
  readonly record: BookedPassengerRecord;
  readonly channel: CheckInChannel;
  /** The live face at a biometric check-in; undefined on any other channel. */
  readonly capture: FaceCaptureDto | undefined;
  readonly at: Instant;
}

/** R4 allowed only the enrolled; should the template be gone since, no face can match it. */
const NO_TEMPLATE = { similarity: 0, matched: false, live: true } as const;

/**
 * The one place a check-in is decided: the policy's decision for the channel at the attempt's
 * instant; at a biometric check-in that the policy allowed, the live face verified 1:1 against the
 * enrolled template has the last word (a face that does not verify goes where the policy sends
 * a biometric passenger who cannot use the channel). `enrolledTemplate` opens the template, under
 * the caller's audit, only when a face is matched.
 */
export function checkInDecision(
  ports: { readonly policy: PhasePolicy; readonly faces: FaceModel },
  { record, channel, capture, at }: CheckInAttempt,
  enrolledTemplate: (enrolment: EnrolmentRow) => FaceTemplate,
): StepDecision {
  const step: PolicyRequest = {
    at,
    touchpoint: 'CHECK_IN',
    channel,
    airport: record.flight.origin,
    international: record.flight.international,
    passenger: passengerFacts(record),
    outages: [...record.outages],
  };
  const decision = ports.policy.evaluate(step);
  if (decision.outcome !== 'ALLOWED' || capture === undefined) return decision;
  const { enrolment } = record;
  const verification =
    enrolment === null
      ? NO_TEMPLATE
      : verifyLiveFace(
          ports.faces,
          enrolledTemplate(enrolment),
          capture,
          enrolment.personalIdNumber,
        );
  return faceCheckedDecision(ports.policy, step, decision, verification).decision;
}

/**
 * `checkInDecision` with the enrolled template opened under audit: the decision, and the reads
 * for the attempt's write to note (who read the template, where, why).
 */
export function auditedCheckInDecision(
  ports: {
    readonly policy: PhasePolicy;
    readonly faces: FaceModel;
    readonly cipher: TemplateCipher;
  },
  attempt: CheckInAttempt,
  accessor: string,
): { decision: StepDecision; reads: TemplateReads } {
  const reads = new TemplateReads(ports.cipher);
  const decision = checkInDecision(ports, attempt, (enrolment) =>
    reads.open(enrolment, {
      accessor,
      touchpoint: 'CHECK_IN',
      purpose: 'biometric check-in 1:1',
      at: new Date(attempt.at),
    }),
  );
  return { decision, reads };
}
