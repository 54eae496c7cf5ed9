import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventStamp } from '@biogate/messaging';
import { GALLERY_CIPHER, TEMPLATE_CIPHER } from '@biogate/service-runtime';
import type { GalleryCipher, TemplateCipher } from '@biogate/biometrics';
import { CheckInOutbox } from '../checkin-outbox';
import { flightGalleryEntry } from '../check-in/flight-gallery';
import { CheckInStore } from '../persistence/checkin-store';
import { TemplateReads } from './enrolled-template.reader';
import { passengerEnrolled, type NewEnrolment } from './new-enrolment';

/**
 * Keeps a new enrolment with its event; the gates of the flights the person is already checked
 * in on (or again, after a withdrawal) learn it through their galleries, each entry read under
 * audit and sealed for that flight.
 */
@Injectable()
export class EnrolmentStaging {
  constructor(
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    @Inject(GALLERY_CIPHER) private readonly galleryCipher: GalleryCipher,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  /** One read (the flights the person is checked in on), then one write (`singleWrite`). */
  async record(em: EntityManager, enrolment: NewEnrolment, correlationId: string): Promise<void> {
    const at = enrolment.enrolledAt;
    const events = new EventStamp('checkin', at.toISOString(), correlationId);
    const reads = new TemplateReads(this.cipher);
    const checkedIn = await this.store.checkedInFlightsOf(em, enrolment.personalIdNumber, at);
    const galleries = checkedIn.flatMap(
      ({ passengerId, flight }) =>
        flightGalleryEntry(
          reads,
          this.galleryCipher,
          events,
          { passengerId, enrolment },
          flight,
          at,
        ) ?? [],
    );
    const announced = [passengerEnrolled(events, enrolment), ...galleries];
    await this.store.recordEnrolment(em, enrolment, reads.take(), (first) =>
      this.outbox.within(em, announced, first),
    );
  }
}
