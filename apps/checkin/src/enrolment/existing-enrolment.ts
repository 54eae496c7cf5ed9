import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FaceCaptureDto } from '@biogate/contracts';
import type { FaceModel, Instant } from '@biogate/domain';
import { FACE_MODEL, TEMPLATE_CIPHER } from '@biogate/service-runtime';
import { type TemplateCipher, verifyLiveFace } from '@biogate/biometrics';
import type { EnrolmentRow } from '../persistence/checkin.entities';
import { CheckInStore } from '../persistence/checkin-store';
import { TemplateReads } from './enrolled-template.reader';
import type { EnrolmentOutcome } from './enrolment-outcome';
import { faceRefusal } from './new-enrolment';

/**
 * The person is enrolled already (perhaps through another airline's booking). That is told only
 * to the person themself: the live face must match the enrolled template (read under audit); the
 * template id is never told.
 */
@Injectable()
export class ExistingEnrolmentMatch {
  constructor(
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    private readonly store: CheckInStore,
  ) {}

  async outcome(
    em: EntityManager,
    accessor: string,
    existing: EnrolmentRow,
    capture: FaceCaptureDto,
    now: Instant,
  ): Promise<EnrolmentOutcome> {
    const reads = new TemplateReads(this.cipher);
    const template = reads.open(existing, {
      accessor,
      touchpoint: 'ENROLMENT',
      purpose: 'existing enrolment 1:1',
      at: new Date(now),
    });
    await this.store.recordTemplateReads(em, reads.take());
    const verification = verifyLiveFace(this.faces, template, capture, existing.personalIdNumber);
    return (
      faceRefusal(verification) ?? {
        outcome: 'ENROLLED',
        reason: 'ALREADY_ENROLLED',
        enrolmentId: existing.id,
        similarity: verification.similarity,
      }
    );
  }
}
