import type { EntityManager } from 'typeorm';
import { GALLERY_ENTRY_STAGED, TOPICS, type GalleryEntryStagedV1 } from '@biogate/contracts';
import type { EventFactory, OutboxEntry } from '@biogate/messaging';
import type { GalleryCipher, TemplateCipher } from '@biogate/service-runtime';
import { flightRef } from '../bookings/booking.view';
import {
  EnrolmentRow,
  type BookedPassengerRow,
  type FlightRow,
} from '../persistence/checkin.entities';
import { readEnrolledTemplate } from '../enrolment/enrolled-template.reader';

/**
 * The gallery entry of an enrolled passenger who has just checked in: their template, read under
 * audit and sealed for the gates of this flight only, on the restricted gallery topic.
 */
export async function flightGalleryEntry(
  em: EntityManager,
  ciphers: { readonly template: TemplateCipher; readonly gallery: GalleryCipher },
  events: EventFactory,
  passenger: BookedPassengerRow,
  flight: FlightRow,
  at: Date,
): Promise<OutboxEntry | undefined> {
  const enrolment = await em.findOneBy(EnrolmentRow, {
    personalIdNumber: passenger.documentNumber,
  });
  if (!enrolment) return undefined;
  const template = await readEnrolledTemplate(em, ciphers.template, passenger.documentNumber, {
    accessor: 'check-in gallery staging',
    touchpoint: 'GALLERY',
    purpose: `stage for ${flight.carrier}${flight.flightNumber} ${flight.departureDate}`,
    at,
  });
  if (template === undefined) return undefined;
  return {
    topic: TOPICS.gallery,
    envelope: events.create<GalleryEntryStagedV1>({
      ...GALLERY_ENTRY_STAGED,
      key: passenger.id,
      payload: {
        passengerId: passenger.id,
        templateId: enrolment.templateId,
        flight: flightRef(flight),
        sealed: ciphers.gallery.seal(enrolment.templateId, flight.id, template),
      },
    }),
  };
}
