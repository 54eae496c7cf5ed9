import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { GALLERY_ENTRY_STAGED, TOPICS, type GalleryEntryStagedV1 } from '@biogate/contracts';
import type { EventFactory, OutboxEntry } from '@biogate/messaging';
import type { GalleryCipher, TemplateCipher } from '@biogate/service-runtime';
import { flightRef } from '../bookings/booking.view';
import {
  BookedPassengerRow,
  CheckInRow,
  EnrolmentRow,
  FlightRow,
} from '../persistence/checkin.entities';
import { openEnrolledTemplate } from '../enrolment/enrolled-template.reader';

/**
 * The gallery entry of an enrolled passenger who has just checked in: their template, read under
 * audit and sealed for the gates of this flight only, on the restricted gallery topic.
 */
export async function flightGalleryEntry(
  em: EntityManager,
  ciphers: { readonly template: TemplateCipher; readonly gallery: GalleryCipher },
  events: EventFactory,
  { passenger, enrolment }: { passenger: BookedPassengerRow; enrolment: EnrolmentRow | null },
  flight: FlightRow,
  at: Date,
): Promise<OutboxEntry | undefined> {
  if (!enrolment) return undefined;
  const template = await openEnrolledTemplate(em, ciphers.template, enrolment, {
    accessor: 'check-in gallery staging',
    touchpoint: 'GALLERY',
    purpose: `stage for ${flight.carrier}${flight.flightNumber} ${flight.departureDate}`,
    at,
  });
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

/**
 * The gallery entries of a person who has just enrolled (or enrolled again after a withdrawal):
 * one for each flight they are already checked in on that has not departed. The gates learn an
 * enrolment made after check-in this way (domain.md §4), not only at check-in.
 */
export async function galleryEntriesForCheckedInFlights(
  em: EntityManager,
  ciphers: { readonly template: TemplateCipher; readonly gallery: GalleryCipher },
  events: EventFactory,
  personalIdNumber: string,
  at: Date,
): Promise<OutboxEntry[]> {
  const enrolment = await em.findOneBy(EnrolmentRow, { personalIdNumber });
  if (!enrolment) return [];
  const passengers = await em.findBy(BookedPassengerRow, { documentNumber: personalIdNumber });
  if (passengers.length === 0) return [];
  const checkIns = await em.findBy(CheckInRow, { passengerId: In(passengers.map((p) => p.id)) });
  if (checkIns.length === 0) return [];
  const flights = await em.findBy(FlightRow, {
    id: In(checkIns.map((c) => c.flightId)),
    departureAt: MoreThanOrEqual(at),
  });
  const entries: OutboxEntry[] = [];
  for (const checkIn of checkIns) {
    const passenger = passengers.find((p) => p.id === checkIn.passengerId);
    const flight = flights.find((f) => f.id === checkIn.flightId);
    if (passenger === undefined || flight === undefined) continue;
    const entry = await flightGalleryEntry(
      em,
      ciphers,
      events,
      { passenger, enrolment },
      flight,
      at,
    );
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}
