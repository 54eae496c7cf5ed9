import type { EntityManager } from 'typeorm';
import { NATIONAL_EID_TYPES } from '@biogate/domain';
import { EnrolmentRow, type BookedPassengerRow } from '../persistence/checkin.entities';

/**
 * The enrolment of a booked passenger, if any. Enrolment belongs to the person (personal ID
 * number, on a national eID document), so it serves all their bookings.
 */
export async function enrolmentOf(
  em: EntityManager,
  passenger: BookedPassengerRow,
): Promise<EnrolmentRow | null> {
  if (!NATIONAL_EID_TYPES.includes(passenger.documentType as never)) return null;
  return em.findOneBy(EnrolmentRow, { personalIdNumber: passenger.documentNumber });
}

export async function isEnrolled(
  em: EntityManager,
  passenger: BookedPassengerRow,
): Promise<boolean> {
  return (await enrolmentOf(em, passenger)) !== null;
}
