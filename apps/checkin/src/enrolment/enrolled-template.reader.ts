import type { EntityManager } from 'typeorm';
import type { FaceTemplate } from '@biogate/domain';
import type { TemplateCipher } from '@biogate/service-runtime';
import { EnrolmentRow, TemplateAccessRow } from '../persistence/checkin.entities';

export interface TemplateReadPurpose {
  /** Who reads: the API key holder's name, or the service. */
  readonly accessor: string;
  readonly touchpoint: string;
  readonly purpose: string;
  readonly at: Date;
}

/**
 * The only way to read an enrolled template in clear: every read is written to the audit trail
 * (who, when, which touchpoint) in the same transaction.
 */
export async function readEnrolledTemplate(
  em: EntityManager,
  cipher: TemplateCipher,
  personalIdNumber: string,
  purpose: TemplateReadPurpose,
): Promise<FaceTemplate | undefined> {
  const enrolment = await em.findOneBy(EnrolmentRow, { personalIdNumber });
  return enrolment ? openEnrolledTemplate(em, cipher, enrolment, purpose) : undefined;
}

/** The same read, of an enrolment the caller has already loaded. */
export async function openEnrolledTemplate(
  em: EntityManager,
  cipher: TemplateCipher,
  enrolment: EnrolmentRow,
  purpose: TemplateReadPurpose,
): Promise<FaceTemplate> {
  await em.insert(TemplateAccessRow, {
    templateId: enrolment.templateId,
    accessor: purpose.accessor,
    touchpoint: purpose.touchpoint,
    purpose: purpose.purpose,
    accessedAt: purpose.at,
  });
  return cipher.open(enrolment.templateId, {
    ciphertext: enrolment.templateCiphertext,
    iv: enrolment.templateIv,
    tag: enrolment.templateTag,
  });
}
