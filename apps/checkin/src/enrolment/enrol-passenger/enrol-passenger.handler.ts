import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { PASSENGER_ENROLLED, TOPICS, type PassengerEnrolledV1 } from '@biogate/contracts';
import {
  classifyDocument,
  compactDateAt,
  insideVneidAppWindow,
  type Clock,
  type FaceModel,
  type PhasePolicy,
  type PopulationRegister,
} from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  POPULATION_REGISTER,
  TEMPLATE_CIPHER,
} from '@biogate/service-runtime';
import { type GalleryCipher, type TemplateCipher, verifyLiveFace } from '@biogate/biometrics';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { CheckInOutbox } from '../../checkin-outbox';
import { flightGalleryEntry } from '../../check-in/flight-gallery';
import { EnrolmentRow } from '../../persistence/checkin.entities';
import { TemplateReads } from '../enrolled-template.reader';
import type { EnrolmentOutcome } from '../enrolment-outcome';
import { EnrolPassengerCommand } from './enrol-passenger.command';
import { CheckInStore } from '../../persistence/checkin-store';

/**
 * Enrolment at the counter or in the VNeID app: a valid national e-ID (not expired), a person in
 * the population register, the app's account level and window; the live face verified against
 * the chip photo, which becomes the sealed template. A person already enrolled learns so only
 * after their live face matches that enrolment. A new enrolment is staged into the galleries of
 * the flights the person is already checked in on.
 */
@CommandHandler(EnrolPassengerCommand)
export class EnrolPassengerHandler implements ICommandHandler<
  EnrolPassengerCommand,
  EnrolmentOutcome
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    @Inject(GALLERY_CIPHER) private readonly galleryCipher: GalleryCipher,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  async execute({
    principal,
    request,
    correlationId,
  }: EnrolPassengerCommand): Promise<EnrolmentOutcome> {
    const now = this.clock.now();
    return this.unitOfWork.transaction(async (em): Promise<EnrolmentOutcome> => {
      const {
        passenger,
        flight,
        enrolment: existing,
      } = await readPassengerInScope(
        this.store,
        em,
        principal,
        request.passengerId,
        'enrol',
        'AIRLINE',
      );
      const documentClass = classifyDocument(
        {
          type: passenger.documentType,
          number: passenger.documentNumber,
          ...(passenger.documentExpiresOn === null
            ? {}
            : { expiresOn: passenger.documentExpiresOn }),
        },
        compactDateAt(now, this.policy.compiled.utcOffsetMinutes),
      );
      if (documentClass === 'INVALID') return { outcome: 'REFUSED', reason: 'INVALID_DOCUMENT' };
      if (documentClass !== 'NATIONAL_EID') {
        return { outcome: 'REFUSED', reason: 'DOCUMENT_NOT_ELIGIBLE' };
      }
      const personalIdNumber = passenger.documentNumber;
      if (existing) return this.alreadyEnrolled(em, principal.name, existing, request, now);
      const identity = this.register.lookup(personalIdNumber);
      if (!identity) return { outcome: 'REFUSED', reason: 'NOT_IN_POPULATION_REGISTER' };
      if (request.channel === 'VNEID_APP') {
        if (identity.vneidLevel < 2) return { outcome: 'REFUSED', reason: 'VNEID_LEVEL_TOO_LOW' };
        if (!insideVneidAppWindow(now, flight.departureAt.getTime())) {
          return { outcome: 'REFUSED', reason: 'OUTSIDE_APP_WINDOW' };
        }
      }
      // The person in front of the camera is checked against the chip photo (1:1, liveness).
      const chipPhoto = this.faces.template(identity.chipPhotoSeed);
      const { similarity, live, matched } = verifyLiveFace(
        this.faces,
        chipPhoto,
        request.capture,
        personalIdNumber,
      );
      if (!live) return { outcome: 'REFUSED', reason: 'LIVENESS_FAILED', similarity };
      if (!matched) return { outcome: 'REFUSED', reason: 'FACE_MISMATCH', similarity };

      // The verified chip photo becomes the enrolled template, sealed at rest.
      const templateId = randomUUID();
      const sealed = this.cipher.seal(templateId, chipPhoto);
      const enrolment: EnrolmentRow = {
        id: randomUUID(),
        personalIdNumber,
        passengerId: passenger.id,
        channel: request.channel,
        consentAt: new Date(now),
        enrolledAt: new Date(now),
        templateId,
        templateCiphertext: sealed.ciphertext,
        templateIv: sealed.iv,
        templateTag: sealed.tag,
      };
      await em.insert(EnrolmentRow, enrolment);
      const at = new Date(now);
      const events = new EventStamp('checkin', at.toISOString(), correlationId);
      // Enrolled after check-in (or again after a withdrawal): the gates of those flights learn it.
      const reads = new TemplateReads(this.cipher);
      const galleries = (await this.store.checkedInFlightsOf(em, personalIdNumber, at)).flatMap(
        ({ passengerId, flight: checkedIn }) =>
          flightGalleryEntry(
            reads,
            this.galleryCipher,
            events,
            { passengerId, enrolment },
            checkedIn,
            at,
          ) ?? [],
      );
      await this.store.recordTemplateReads(em, reads.take());
      await this.outbox.append(em, [
        {
          topic: TOPICS.identity,
          envelope: events.stamp<PassengerEnrolledV1>({
            ...PASSENGER_ENROLLED,
            key: passenger.id,
            payload: {
              enrolmentId: enrolment.id,
              templateId,
              passengerId: passenger.id,
              channel: request.channel,
            },
          }),
        },
        ...galleries,
      ]);
      return {
        outcome: 'ENROLLED',
        reason: 'OK',
        enrolmentId: enrolment.id,
        templateId,
        similarity,
      };
    });
  }

  /**
   * The person is enrolled already (perhaps through another airline's booking). That is told only
   * to the person themself: the live face must match the enrolled template; the template id is
   * never told.
   */
  private async alreadyEnrolled(
    em: EntityManager,
    accessor: string,
    existing: EnrolmentRow,
    request: EnrolPassengerCommand['request'],
    now: number,
  ): Promise<EnrolmentOutcome> {
    const reads = new TemplateReads(this.cipher);
    const template = reads.open(existing, {
      accessor,
      touchpoint: 'ENROLMENT',
      purpose: 'existing enrolment 1:1',
      at: new Date(now),
    });
    await this.store.recordTemplateReads(em, reads.take());
    const { similarity, live, matched } = verifyLiveFace(
      this.faces,
      template,
      request.capture,
      existing.personalIdNumber,
    );
    if (!live) return { outcome: 'REFUSED', reason: 'LIVENESS_FAILED', similarity };
    if (!matched) return { outcome: 'REFUSED', reason: 'FACE_MISMATCH', similarity };
    return {
      outcome: 'ENROLLED',
      reason: 'ALREADY_ENROLLED',
      enrolmentId: existing.id,
      similarity,
    };
  }
}
