import {
  vneidPurchaseRefusal,
  type CompactDate,
  type PopulationRegister,
  type VneidPurchaseRefusal,
} from '@biogate/domain';
import type { BookedPassengerDto } from './create-booking/create-booking.request.dto';

/** A booking none of which was created: some passenger's VNeID purchase was refused. */
export interface PurchaseRefusalView {
  readonly outcome: 'REFUSED';
  readonly pnr: string;
  /** By the passenger's position in the request, with the reason of each refusal. */
  readonly refusals: readonly {
    readonly passenger: number;
    readonly reason: VneidPurchaseRefusal;
  }[];
}

/** The VNeID identity check of every passenger who bought in the app; AIRLINE sales need none. */
export function vneidPurchaseRefusals(
  passengers: readonly BookedPassengerDto[],
  register: PopulationRegister,
  purchaseDate: CompactDate,
): PurchaseRefusalView['refusals'] {
  return passengers.flatMap((p, passenger) => {
    if (p.purchaseChannel !== 'VNEID_APP') return [];
    const reason = vneidPurchaseRefusal(
      {
        documentType: p.document.type,
        documentNumber: p.document.number,
        ...(p.document.expiresOn === undefined ? {} : { expiresOn: p.document.expiresOn }),
        surname: p.surname,
        givenName: p.givenName,
        // The DTO requires a birth date for a VNEID_APP purchase.
        birthDate: p.birthDate ?? '',
      },
      register,
      purchaseDate,
    );
    return reason === undefined ? [] : [{ passenger, reason }];
  });
}
