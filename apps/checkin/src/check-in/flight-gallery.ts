import { GALLERY_ENTRY_STAGED, TOPICS, type GalleryEntryStagedV1 } from '@biogate/contracts';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import type { GalleryCipher } from '@biogate/biometrics';
import { flightRef } from '../bookings/booking.view';
import type { EnrolmentRow, FlightRow } from '../persistence/checkin.entities';
import type { TemplateReads } from '../enrolment/enrolled-template.reader';

/**
 * The gallery entry of an enrolled passenger who has just checked in: their template, read under
 * audit and sealed for the gates of this flight only, on the restricted gallery topic.
 */
export function flightGalleryEntry(
  reads: TemplateReads,
  gallery: GalleryCipher,
  events: EventStamp,
  { passengerId, enrolment }: { passengerId: string; enrolment: EnrolmentRow | null },
  flight: FlightRow,
  at: Date,
): OutboxEntry | undefined {
  if (!enrolment) return undefined;
  const template = reads.open(enrolment, {
    accessor: 'check-in gallery staging',
    touchpoint: 'GALLERY',
    purpose: `stage for ${flight.carrier}${flight.flightNumber} ${flight.departureDate}`,
    at,
  });
  return {
    topic: TOPICS.gallery,
    envelope: events.stamp<GalleryEntryStagedV1>({
      ...GALLERY_ENTRY_STAGED,
      key: passengerId,
      payload: {
        passengerId,
        templateId: enrolment.templateId,
        flight: flightRef(flight),
        sealed: gallery.seal(enrolment.templateId, flight.id, template),
      },
    }),
  };
}
