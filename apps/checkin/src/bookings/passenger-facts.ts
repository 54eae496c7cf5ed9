import type { PassengerFacts } from '@biogate/domain';
import type { BookedPassengerRecord } from '../persistence/checkin-store';

/** What the policy needs to know about a booked passenger. */
export function passengerFacts({ passenger, enrolment }: BookedPassengerRecord): PassengerFacts {
  return {
    document: {
      type: passenger.documentType,
      number: passenger.documentNumber,
      ...(passenger.documentExpiresOn === null ? {} : { expiresOn: passenger.documentExpiresOn }),
    },
    biometricEnrolled: enrolment !== null,
    checkedBags: passenger.checkedBags,
    ssr: passenger.ssr,
    ...(passenger.birthDate === null ? {} : { birthDate: passenger.birthDate }),
  };
}
