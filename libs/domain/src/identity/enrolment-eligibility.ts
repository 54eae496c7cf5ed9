import type { DocumentClass } from '../policy/document-validity';
import type { Instant } from '../time/instant';
import type { RegisteredIdentity } from './population-register';
import { insideVneidAppWindow } from './vneid-app-window';

/** Where a face is enrolled: at an airline's counter, or in the VNeID app (domain.md §4). */
export type EnrolmentChannel = 'COUNTER' | 'VNEID_APP';

/** Why a document cannot be enrolled: only a valid national e-ID carries the chip photo. */
export function enrolmentDocumentRefusal(
  documentClass: DocumentClass,
): 'INVALID_DOCUMENT' | 'DOCUMENT_NOT_ELIGIBLE' | undefined {
  if (documentClass === 'INVALID') return 'INVALID_DOCUMENT';
  if (documentClass !== 'NATIONAL_EID') return 'DOCUMENT_NOT_ELIGIBLE';
  return undefined;
}

/**
 * Why the person may not enrol on this channel: they must be in the population register; in the
 * app, with a level-2 account and inside the window before departure (24 h to 1 h). Undefined:
 * the live face decides.
 */
export function enrolmentIdentityRefusal(
  identity: RegisteredIdentity | undefined,
  channel: EnrolmentChannel,
  at: Instant,
  departure: Instant,
): 'NOT_IN_POPULATION_REGISTER' | 'VNEID_LEVEL_TOO_LOW' | 'OUTSIDE_APP_WINDOW' | undefined {
  if (identity === undefined) return 'NOT_IN_POPULATION_REGISTER';
  if (channel !== 'VNEID_APP') return undefined;
  if (identity.vneidLevel < 2) return 'VNEID_LEVEL_TOO_LOW';
  if (!insideVneidAppWindow(at, departure)) return 'OUTSIDE_APP_WINDOW';
  return undefined;
}
