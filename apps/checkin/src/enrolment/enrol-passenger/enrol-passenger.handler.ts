import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PASSENGER_ENROLLED, TOPICS, type PassengerEnrolledV1 } from '@biogate/contracts';
import {
  NATIONAL_EID_TYPES,
  type Clock,
  type FaceModel,
  type PopulationRegister,
} from '@biogate/domain';
import { EventFactory } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  assertAirlineScope,
  CLOCK,
  FACE_MODEL,
  POPULATION_REGISTER,
  TEMPLATE_CIPHER,
  type TemplateCipher,
  verifyLiveFace,
} from '@biogate/service-runtime';
import { readBookedPassenger } from '../../bookings/booked-passenger.reader';
import { CheckinOutbox } from '../../checkin-outbox';
import { EnrolmentRow } from '../../persistence/checkin.entities';
import type { EnrolmentOutcome } from '../enrolment-outcome';
import { EnrolPassengerCommand } from './enrol-passenger.command';

const HOUR = 3_600_000;
/** The VNeID app offers biometric enrolment from 24 h to 1 h before departure (domain.md §4). */
const APP_WINDOW_OPENS_BEFORE = 24 * HOUR;
const APP_WINDOW_CLOSES_BEFORE = 1 * HOUR;

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
    private readonly outbox: CheckinOutbox,
  ) {}

  async execute({
    principal,
    request,
    correlationId,
  }: EnrolPassengerCommand): Promise<EnrolmentOutcome> {
    const now = this.clock.now();
    const outcome = await this.unitOfWork.transaction(async (em): Promise<EnrolmentOutcome> => {
      const { passenger, flight } = await readBookedPassenger(em, request.passengerId);
      assertAirlineScope(principal, flight.carrier);
      if (!NATIONAL_EID_TYPES.includes(passenger.documentType as never)) {
        return { outcome: 'REFUSED', reason: 'DOCUMENT_NOT_ELIGIBLE' };
      }
      const personalIdNumber = passenger.documentNumber;
      const existing = await em.findOneBy(EnrolmentRow, { personalIdNumber });
      if (existing) {
        return {
          outcome: 'ENROLLED',
          reason: 'ALREADY_ENROLLED',
          enrolmentId: existing.id,
          templateId: existing.templateId,
        };
      }
      const identity = this.register.lookup(personalIdNumber);
      if (!identity) return { outcome: 'REFUSED', reason: 'NOT_IN_POPULATION_REGISTER' };
      if (request.channel === 'VNEID_APP') {
        if (identity.vneidLevel < 2) return { outcome: 'REFUSED', reason: 'VNEID_LEVEL_TOO_LOW' };
        const departure = flight.departureAt.getTime();
        if (
          now < departure - APP_WINDOW_OPENS_BEFORE ||
          now > departure - APP_WINDOW_CLOSES_BEFORE
        ) {
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
      const events = new EventFactory('checkin', new Date(now).toISOString(), correlationId);
      await this.outbox.append(em, [
        {
          topic: TOPICS.identity,
          envelope: events.create<PassengerEnrolledV1>({
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
      ]);
      return {
        outcome: 'ENROLLED',
        reason: 'OK',
        enrolmentId: enrolment.id,
        templateId,
        similarity,
      };
    });
    if (outcome.outcome === 'ENROLLED' && outcome.reason === 'OK') this.outbox.committed();
    return outcome;
  }
}
