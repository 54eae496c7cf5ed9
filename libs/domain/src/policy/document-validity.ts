import { parseLocalDate, type CompactDate } from '../time/local-date';
import type { PresentedDocument } from './policy-request';
import { DOCUMENT_TYPES, isOneOf, NATIONAL_EID_TYPES, type DocumentType } from './vocabulary';

export type DocumentClass = 'NATIONAL_EID' | 'OTHER_VALID' | 'INVALID';

const PERSONAL_ID_NUMBER = /^\d{12}$/;

/**
 * R0 and R3's input: the class of a presented document on the local date of the step.
 * A document stays valid through the whole local day of its expiry date (project decision).
 */
export function classifyDocument(doc: PresentedDocument, stepDate: CompactDate): DocumentClass {
  if (!isOneOf<DocumentType>(DOCUMENT_TYPES, doc.type)) return 'INVALID';
  const nationalEid = NATIONAL_EID_TYPES.includes(doc.type);
  if (nationalEid ? !PERSONAL_ID_NUMBER.test(doc.number) : doc.number.trim() === '') {
    return 'INVALID';
  }
  if (doc.expiresOn !== undefined) {
    const expires = parseLocalDate(doc.expiresOn);
    if (expires === undefined || expires < stepDate) return 'INVALID';
  }
  return nationalEid ? 'NATIONAL_EID' : 'OTHER_VALID';
}
