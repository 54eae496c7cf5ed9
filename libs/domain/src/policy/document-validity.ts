import { parseLocalDate, type CompactDate } from '../time/local-date';
import type { PresentedDocument } from './policy-request';
import { DOCUMENT_TYPES, isOneOf, NATIONAL_EID_TYPES, type DocumentType } from './vocabulary';

export type DocumentClass = 'NATIONAL_EID' | 'OTHER_VALID' | 'INVALID';

const PERSONAL_ID_NUMBER = /^\d{12}$/;
/** 1-64 printable characters, not all blank: `45/2014`, `QDND-2019-0001234-HN1` (domain.md §3). */
const OTHER_DOCUMENT_NUMBER = /^[^\p{C}]{1,64}$/u;

/**
 * Whether a number has the format its document type requires: the one rule shared by bookings
 * (where a malformed number is an input error) and touchpoints (where it is R0).
 */
export function isWellFormedDocumentNumber(type: string, number: string): boolean {
  if ((NATIONAL_EID_TYPES as readonly string[]).includes(type)) {
    return PERSONAL_ID_NUMBER.test(number);
  }
  return OTHER_DOCUMENT_NUMBER.test(number) && number.trim() !== '';
}

/**
 * R0 and R3's input: the class of a presented document on the local date of the step.
 * A document stays valid through the whole local day of its expiry date (project decision).
 */
export function classifyDocument(doc: PresentedDocument, stepDate: CompactDate): DocumentClass {
  if (!isOneOf<DocumentType>(DOCUMENT_TYPES, doc.type)) return 'INVALID';
  if (!isWellFormedDocumentNumber(doc.type, doc.number)) return 'INVALID';
  if (doc.expiresOn !== undefined) {
    const expires = parseLocalDate(doc.expiresOn);
    if (expires === undefined || expires < stepDate) return 'INVALID';
  }
  return NATIONAL_EID_TYPES.includes(doc.type) ? 'NATIONAL_EID' : 'OTHER_VALID';
}
