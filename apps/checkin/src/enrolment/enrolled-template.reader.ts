import type { FaceTemplate } from '@biogate/domain';
import type { TemplateCipher } from '@biogate/biometrics';
import type { EnrolmentRow } from '../persistence/checkin.entities';

export interface TemplateReadPurpose {
  /** Who reads: the API key holder's name, or the service. */
  readonly accessor: string;
  readonly touchpoint: string;
  readonly purpose: string;
  readonly at: Date;
}

/** One line of the template audit trail. */
export interface TemplateRead extends TemplateReadPurpose {
  readonly templateId: string;
}

/**
 * The only way to read an enrolled template in clear: each read is noted here, and the use case
 * writes the notes to the audit trail (who, when, which touchpoint) in the write of the use case
 * that read, with its other rows (`CheckInStore.recordTemplateReads`, or in `recordCheckIn` and
 * `recordEnrolment`).
 */
export class TemplateReads {
  private readonly notes: TemplateRead[] = [];

  constructor(private readonly cipher: TemplateCipher) {}

  open(enrolment: EnrolmentRow, purpose: TemplateReadPurpose): FaceTemplate {
    this.notes.push({ templateId: enrolment.templateId, ...purpose });
    return this.cipher.open(enrolment.templateId, {
      ciphertext: enrolment.templateCiphertext,
      iv: enrolment.templateIv,
      tag: enrolment.templateTag,
    });
  }

  /** The reads not yet written; taking them empties the list. */
  take(): TemplateRead[] {
    return this.notes.splice(0);
  }
}
