import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  classifyDocument,
  compactDateAt,
  enrolmentDocumentRefusal,
  enrolmentIdentityRefusal,
  type FaceModel,
  type PhasePolicy,
  type PopulationRegister,
} from '@biogate/domain';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  FACE_MODEL,
  PHASE_POLICY,
  POPULATION_REGISTER,
  TEMPLATE_CIPHER,
} from '@biogate/service-runtime';
import { type TemplateCipher, verifyLiveFace } from '@biogate/biometrics';
import { passengerFacts } from '../../bookings/passenger-facts';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { CheckInStore } from '../../persistence/checkin-store';
import { EnrolmentStaging } from '../enrolment-staging';
import type { EnrolmentOutcome } from '../enrolment-outcome';
import { ExistingEnrolmentMatch } from '../existing-enrolment';
import { faceRefusal, sealedEnrolment } from '../new-enrolment';
import { EnrolPassengerCommand } from './enrol-passenger.command';

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
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: CheckInStore,
    private readonly staging: EnrolmentStaging,
    private readonly existingEnrolment: ExistingEnrolmentMatch,
  ) {}

  async execute({
    principal,
    request,
    correlationId,
    at: now,
  }: EnrolPassengerCommand): Promise<EnrolmentOutcome> {
    return this.unitOfWork.singleWrite(async (em): Promise<EnrolmentOutcome> => {
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
      if (existing)
        return this.existingEnrolment.outcome(em, principal.name, existing, request.capture, now);
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
      await this.staging.record(em, enrolment, correlationId);
      return {
        outcome: 'ENROLLED',
        reason: 'OK',
        enrolmentId: enrolment.id,
        templateId: enrolment.templateId,
        similarity: verification.similarity,
      };
    });
  }
}
