import {
  GALLERY_ENTRY_STAGED,
  TOPICS,
  type GalleryEntryStagedV1,
  type StepDecision,
} from '@biogate/contracts';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import type { GalleryCipher } from '@biogate/biometrics';
import { flightRef } from '../bookings/booking.view';
import type { CheckInRow, EnrolmentRow, FlightRow } from '../persistence/checkin.entities';
import type { TemplateReads } from '../enrolment/enrolled-template.reader';
import { checkInDecided, issued } from './boarding-pass-issue';
import type { CheckInAttempt } from './check-in-decision';

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

/**
 * What a check-in attempt announces, in this order: an enrolled passenger's gallery entry when a
 * pass was issued (the template read under audit), then the decision, with the pass if any.
 */
export function checkInAnnouncements(
  events: EventStamp,
  sealing: { readonly reads: TemplateReads; readonly gallery: GalleryCipher },
  { record, channel, at }: CheckInAttempt,
  decision: StepDecision,
  checkIn: CheckInRow | undefined,
): OutboxEntry[] {
  const galleryEntry =
    checkIn === undefined
      ? undefined
      : flightGalleryEntry(
          sealing.reads,
          sealing.gallery,
          events,
          { passengerId: record.passenger.id, enrolment: record.enrolment },
          record.flight,
          new Date(at),
        );
  return [
    ...(galleryEntry === undefined ? [] : [galleryEntry]),
    checkInDecided(events, record, channel, decision, checkIn && issued(checkIn)),
  ];
}
