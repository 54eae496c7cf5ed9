import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import {
  classifyDocument,
  compactDateAt,
  enrolmentDocumentRefusal,
  enrolmentIdentityRefusal,
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
import { passengerFacts } from '../../bookings/passenger-facts';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { CheckInOutbox } from '../../checkin-outbox';
import { flightGalleryEntry } from '../../check-in/flight-gallery';
import type { EnrolmentRow } from '../../persistence/checkin.entities';
import {
  faceRefusal,
  passengerEnrolled,
  sealedEnrolment,
  type NewEnrolment,
} from '../new-enrolment';
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
      const record = await readPassengerInScope(
        this.store,
        em,
        principal,
        request.passengerId,
        'enrol',
        'AIRLINE',
      );
      const { passenger, flight, enrolment: existing } = record;
      const today = compactDateAt(now, this.policy.compiled.utcOffsetMinutes);
      const documentRefusal = enrolmentDocumentRefusal(
        classifyDocument(passengerFacts(record).document, today),
      );
      if (documentRefusal !== undefined) return { outcome: 'REFUSED', reason: documentRefusal };
      if (existing) return this.alreadyEnrolled(em, principal.name, existing, request, now);
      const identity = this.register.lookup(passenger.documentNumber);
      const identityRefusal = enrolmentIdentityRefusal(
        identity,
        request.channel,
        now,
        flight.departureAt.getTime(),
      );
      // (identityRefusal names a missing identity; the second test only tells the compiler.)
      if (identityRefusal !== undefined || identity === undefined)
        return { outcome: 'REFUSED', reason: identityRefusal ?? 'NOT_IN_POPULATION_REGISTER' };
      // The person in front of the camera is checked against the chip photo (1:1, liveness).
      const chipPhoto = this.faces.template(identity.chipPhotoSeed);
      const verification = verifyLiveFace(
        this.faces,
        chipPhoto,
        request.capture,
        passenger.documentNumber,
      );
      const refusal = faceRefusal(verification);
      if (refusal !== undefined) return refusal;
      const enrolment = sealedEnrolment(this.cipher, chipPhoto, {
        passengerId: passenger.id,
        personalIdNumber: passenger.documentNumber,
        channel: request.channel,
        at: new Date(now),
      });
      await this.enrol(em, enrolment, correlationId);
      return {
        outcome: 'ENROLLED',
        reason: 'OK',
        enrolmentId: enrolment.id,
        templateId: enrolment.templateId,
        similarity: verification.similarity,
      };
    });
  }

  /**
   * Keeps the new enrolment with its event; the gates of the flights the person is already
   * checked in on (or again, after a withdrawal) learn it through their galleries.
   */
  private async enrol(
    em: EntityManager,
    enrolment: NewEnrolment,
    correlationId: string,
  ): Promise<void> {
    const at = enrolment.enrolledAt;
    await this.store.addEnrolment(em, enrolment);
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
    await this.store.recordTemplateReads(em, reads.take());
    await this.outbox.append(em, [passengerEnrolled(events, enrolment), ...galleries]);
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
    const verification = verifyLiveFace(
      this.faces,
      template,
      request.capture,
      existing.personalIdNumber,
    );
    return (
      faceRefusal(verification) ?? {
        outcome: 'ENROLLED',
        reason: 'ALREADY_ENROLLED',
        enrolmentId: existing.id,
        similarity: verification.similarity,
      }
    );
  }
}
