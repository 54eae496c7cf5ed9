import { randomUUID } from 'node:crypto';
import { PASSENGER_ENROLLED, TOPICS, type PassengerEnrolledV1 } from '@biogate/contracts';
import type { EnrolmentChannel, FaceTemplate, FaceVerification } from '@biogate/domain';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import type { TemplateCipher } from '@biogate/biometrics';
import type { EnrolmentRow } from '../persistence/checkin.entities';
import type { EnrolmentOutcome } from './enrolment-outcome';

/** Who enrols, on which channel, at which instant (consent is given with the enrolment). */
export interface EnrolmentRequest {
  readonly passengerId: string;
  readonly personalIdNumber: string;
  readonly channel: EnrolmentChannel;
  readonly at: Date;
}

/** An enrolment made now: its channel is one of enrolment's own. */
export type NewEnrolment = EnrolmentRow & { readonly channel: EnrolmentChannel };

/** The verified chip photo as an enrolment: a template id of its own, the template sealed at rest. */
export function sealedEnrolment(
  cipher: TemplateCipher,
  chipPhoto: FaceTemplate,
  { passengerId, personalIdNumber, channel, at }: EnrolmentRequest,
): NewEnrolment {
  const templateId = randomUUID();
  const sealed = cipher.seal(templateId, chipPhoto);
  return {
    id: randomUUID(),
    personalIdNumber,
    passengerId,
    channel,
    consentAt: at,
    enrolledAt: at,
    templateId,
    templateCiphertext: sealed.ciphertext,
    templateIv: sealed.iv,
    templateTag: sealed.tag,
  };
}

/** The enrolment on the identity topic: ids and channel only, never the template. */
export function passengerEnrolled(events: EventStamp, enrolment: NewEnrolment): OutboxEntry {
  const { id: enrolmentId, templateId, passengerId, channel } = enrolment;
  return {
    topic: TOPICS.identity,
    envelope: events.stamp<PassengerEnrolledV1>({
      ...PASSENGER_ENROLLED,
      key: passengerId,
      payload: { enrolmentId, templateId, passengerId, channel },
    }),
  };
}

/** A live face that refuses an enrolment (not live, or not the person), or undefined. */
export function faceRefusal({
  similarity,
  live,
  matched,
}: FaceVerification): EnrolmentOutcome | undefined {
  if (!live) return { outcome: 'REFUSED', reason: 'LIVENESS_FAILED', similarity };
  if (!matched) return { outcome: 'REFUSED', reason: 'FACE_MISMATCH', similarity };
  return undefined;
}
