import { classifyDocument } from '../policy/document-validity';
import type { CompactDate } from '../time/local-date';
import type { PopulationRegister } from './population-register';

/** Where a ticket was bought: the airline's own sales (the default), or the VNeID app. */
export const PURCHASE_CHANNELS = ['AIRLINE', 'VNEID_APP'] as const;
export type PurchaseChannel = (typeof PURCHASE_CHANNELS)[number];

/** Why a purchase through VNeID is refused (domain.md, "Ticket purchase through VNeID"). */
export const VNEID_PURCHASE_REFUSALS = [
  'DOCUMENT_NOT_ELIGIBLE',
  'NOT_IN_POPULATION_REGISTER',
  'VNEID_LEVEL_TOO_LOW',
  'IDENTITY_MISMATCH',
] as const;
export type VneidPurchaseRefusal = (typeof VNEID_PURCHASE_REFUSALS)[number];

/** Who buys the ticket in the app: the identity the airline receives from VNeID. */
export interface TicketHolder {
  readonly documentType: string;
  readonly documentNumber: string;
  readonly expiresOn?: string;
  readonly surname: string;
  readonly givenName: string;
  readonly birthDate: string;
}

/**
 * A purchase in the VNeID app needs a valid national e-ID, a level-2 account and an identity that
 * matches the population register (number, surname, given name, birth date). Undefined: the
 * purchase may go ahead; otherwise the first reason, in that order.
 */
export function vneidPurchaseRefusal(
  holder: TicketHolder,
  register: PopulationRegister,
  purchaseDate: CompactDate,
): VneidPurchaseRefusal | undefined {
  const documentClass = classifyDocument(
    {
      type: holder.documentType,
      number: holder.documentNumber,
      ...(holder.expiresOn === undefined ? {} : { expiresOn: holder.expiresOn }),
    },
    purchaseDate,
  );
  if (documentClass !== 'NATIONAL_EID') return 'DOCUMENT_NOT_ELIGIBLE';
  const registered = register.lookup(holder.documentNumber);
  if (registered === undefined) return 'NOT_IN_POPULATION_REGISTER';
  if (registered.vneidLevel < 2) return 'VNEID_LEVEL_TOO_LOW';
  const differs = (known: string | undefined, claimed: string) =>
    known !== undefined && known !== claimed;
  if (
    differs(registered.surname, holder.surname) ||
    differs(registered.givenName, holder.givenName) ||
    differs(registered.birthDate, holder.birthDate)
  ) {
    return 'IDENTITY_MISMATCH';
  }
  return undefined;
}
