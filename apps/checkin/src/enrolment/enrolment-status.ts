import type { EntityManager } from 'typeorm';
import { NATIONAL_EID_TYPES } from '@biogate/domain';
import { EnrolmentRow, type BookedPassengerRow } from '../persistence/checkin.entities';

/** Enrolment belongs to the person (personal ID number), so it serves all their bookings. */
export async function isEnrolled(
  em: EntityManager,
  passenger: BookedPassengerRow,
): Promise<boolean> {
  if (!NATIONAL_EID_TYPES.includes(passenger.documentType as never)) return false;
  return (await em.countBy(EnrolmentRow, { personalIdNumber: passenger.documentNumber })) > 0;
}
