import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { PASSENGER_ENROLLED, TOPICS, type PassengerEnrolledV1 } from '@biogate/contracts';
import {
  classifyDocument,
  compactDateAt,
  enrolmentDocumentRefusal,
  enrolmentIdentityRefusal,
  type Clock,
  type FaceModel,
  type FaceTemplate,
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
      const documentRefusal = enrolmentDocumentRefusal(
        classifyDocument(
          {
            type: passenger.documentType,
            number: passenger.documentNumber,
            ...(passenger.documentExpiresOn === null
              ? {}
              : { expiresOn: passenger.documentExpiresOn }),
          },
          compactDateAt(now, this.policy.compiled.utcOffsetMinutes),
        ),
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
      const { similarity, live, matched } = verifyLiveFace(
        this.faces,
        chipPhoto,
        request.capture,
        passenger.documentNumber,
      );
      if (!live) return { outcome: 'REFUSED', reason: 'LIVENESS_FAILED', similarity };
      if (!matched) return { outcome: 'REFUSED', reason: 'FACE_MISMATCH', similarity };
      const enrolment = await this.enrolChipPhoto(
        em,
        { passengerId: passenger.id, personalIdNumber: passenger.documentNumber },
        chipPhoto,
        request.channel,
        { now, correlationId },
      );
      return {
        outcome: 'ENROLLED',
        reason: 'OK',
        enrolmentId: enrolment.id,
        templateId: enrolment.templateId,
        similarity,
      };
    });
  }

  /**
   * The verified chip photo becomes the enrolled template, sealed at rest, with its event; the
   * gates of the flights the person is already checked in on (or again, after a withdrawal)
   * learn it through their galleries.
   */
  private async enrolChipPhoto(
    em: EntityManager,
    { passengerId, personalIdNumber }: { passengerId: string; personalIdNumber: string },
    chipPhoto: FaceTemplate,
    channel: EnrolPassengerCommand['request']['channel'],
    { now, correlationId }: { now: number; correlationId: string },
  ): Promise<EnrolmentRow> {
    const templateId = randomUUID();
    const sealed = this.cipher.seal(templateId, chipPhoto);
    const at = new Date(now);
    const enrolment: EnrolmentRow = {
      id: randomUUID(),
      personalIdNumber,
      passengerId,
      channel,
      consentAt: at,
      enrolledAt: at,
      templateId,
      templateCiphertext: sealed.ciphertext,
      templateIv: sealed.iv,
      templateTag: sealed.tag,
    };
    await em.insert(EnrolmentRow, enrolment);
    const events = new EventStamp('checkin', at.toISOString(), correlationId);
    const reads = new TemplateReads(this.cipher);
    const galleries = (await this.store.checkedInFlightsOf(em, personalIdNumber, at)).flatMap(
      ({ passengerId: checkedInAs, flight }) =>
        flightGalleryEntry(
          reads,
          this.galleryCipher,
          events,
          { passengerId: checkedInAs, enrolment },
          flight,
          at,
        ) ?? [],
    );
    await this.store.recordTemplateReads(em, reads.take());
    await this.outbox.append(em, [
      {
        topic: TOPICS.identity,
        envelope: events.stamp<PassengerEnrolledV1>({
          ...PASSENGER_ENROLLED,
          key: passengerId,
          payload: { enrolmentId: enrolment.id, templateId, passengerId, channel },
        }),
      },
      ...galleries,
    ]);
    return enrolment;
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
