import type { PresentedDocumentDto } from './evaluation-request.dto';
import type { PresentedDocument } from '@biogate/domain';

/** The identity document shown at a touchpoint, as the policy judges it (R0, R3). */
export function presentedDocument(dto: PresentedDocumentDto): PresentedDocument {
  return {
    type: dto.type,
    number: dto.number,
    ...(dto.expiresOn == null ? {} : { expiresOn: dto.expiresOn }),
  };
}
