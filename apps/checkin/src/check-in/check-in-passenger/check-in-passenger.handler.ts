import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { FaceCaptureDto, StepDecision } from '@biogate/contracts';
import {
  type Clock,
  type FaceModel,
  type PhasePolicy,
  type PolicyRequest,
  faceCheckedDecision,
} from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  TEMPLATE_CIPHER,
  type Principal,
} from '@biogate/service-runtime';
import {
  type GalleryCipher,
  type TemplateCipher,
  verifyLiveFace,
  captureToMatch,
} from '@biogate/biometrics';
import { passengerFacts } from '../../bookings/passenger-facts';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { CheckInOutbox } from '../../checkin-outbox';
import { TemplateReads } from '../../enrolment/enrolled-template.reader';
import {
  JourneyStepRow,
  type CheckInRow,
  type EnrolmentRow,
} from '../../persistence/checkin.entities';
import { assertCheckInOpen } from '../check-in-window';
import { flightGalleryEntry } from '../flight-gallery';
import type { CheckInView } from '../check-in.view';
import { CheckInPassengerCommand } from './check-in-passenger.command';
import { checkInDecided, issueBoardingPass, issued } from '../boarding-pass-issue';
import { CheckInStore } from '../../persistence/checkin-store';

/**
 * Check-in on a channel, decided by the policy at the clock's instant; a biometric check-in is
 * also verified 1:1 against the enrolled template. An allowed check-in issues a seat, a sequence
 * number and an IATA BCBP boarding pass; every attempt is logged and announced.
 */
@CommandHandler(CheckInPassengerCommand)
export class CheckInPassengerHandler implements ICommandHandler<
  CheckInPassengerCommand,
  CheckInView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    @Inject(GALLERY_CIPHER) private readonly galleryCipher: GalleryCipher,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  async execute({
    principal,
    request,
    correlationId,
  }: CheckInPassengerCommand): Promise<CheckInView> {
    const capture = captureToMatch(request.channel === 'BIOMETRIC', request.capture);
    const now = this.clock.now();
    return this.unitOfWork.transaction(async (em): Promise<CheckInView> => {
      const record = await readPassengerInScope(
        this.store,
        em,
        principal,
        request.passengerId,
        'check in',
      );
      const { passenger, flight, enrolment } = record;
      if (record.checkIn !== null) {
        return {
          passengerId: passenger.id,
          decision: await decisionThatIssued(em, record.checkIn),
          boardingPass: issued(record.checkIn),
          alreadyCheckedIn: true,
        };
      }
      assertCheckInOpen(
        now,
        flight.departureAt.getTime(),
        `${flight.carrier}${flight.flightNumber}`,
        this.policy.compiled.utcOffsetMinutes,
      );
      const step: PolicyRequest = {
        at: now,
        touchpoint: 'CHECK_IN',
        channel: request.channel,
        airport: flight.origin,
        international: flight.international,
        passenger: passengerFacts(record),
        outages: [...record.outages],
      };
      const at = new Date(now);
      const reads = new TemplateReads(this.cipher);
      const decision = this.verifyFace(reads, principal, enrolment, step, capture);
      const checkIn =
        decision.outcome === 'ALLOWED'
          ? issueBoardingPass(
              record,
              request.channel,
              await this.store.nextCheckInSequence(em, flight.id),
              at,
            )
          : undefined;
      const boardingPass = checkIn === undefined ? undefined : issued(checkIn);
      const events = new EventStamp('checkin', at.toISOString(), correlationId);
      const galleryEntry =
        checkIn === undefined
          ? undefined
          : flightGalleryEntry(
              reads,
              this.galleryCipher,
              events,
              { passengerId: passenger.id, enrolment },
              flight,
              at,
            );
      const decided = [
        ...(galleryEntry === undefined ? [] : [galleryEntry]),
        checkInDecided(events, record, request.channel, decision, boardingPass),
      ];
      await this.store.recordCheckIn(
        em,
        {
          step: {
            id: randomUUID(),
            passengerId: passenger.id,
            channel: request.channel,
            at,
            decision,
          },
          checkIn,
          reads: reads.take(),
        },
        (first) => this.outbox.within(em, decided, first),
      );
      return {
        passengerId: passenger.id,
        decision,
        ...(boardingPass === undefined ? {} : { boardingPass }),
        alreadyCheckedIn: false,
      };
    });
  }

  /** The policy's decision, overruled when the face at a biometric check-in does not verify. */
  private verifyFace(
    reads: TemplateReads,
    principal: Principal,
    enrolment: EnrolmentRow | null,
    step: PolicyRequest,
    capture: FaceCaptureDto | undefined,
  ): StepDecision {
    const decision = this.policy.evaluate(step);
    if (decision.outcome !== 'ALLOWED' || capture === undefined) return decision;
    // R4 allowed only the enrolled; should the template be gone, no face can match it.
    const verification =
      enrolment === null
        ? { similarity: 0, matched: false, live: true }
        : verifyLiveFace(
            this.faces,
            reads.open(enrolment, {
              accessor: principal.name,
              touchpoint: 'CHECK_IN',
              purpose: 'biometric check-in 1:1',
              at: new Date(step.at),
            }),
            capture,
            enrolment.personalIdNumber,
          );
    return faceCheckedDecision(this.policy, step, decision, verification).decision;
  }
}

/** The decision of the check-in that issued the boarding pass, from the journey log. */
async function decisionThatIssued(em: EntityManager, checkIn: CheckInRow): Promise<StepDecision> {
  const step = await em.findOneOrFail(JourneyStepRow, {
    where: {
      passengerId: checkIn.passengerId,
      touchpoint: 'CHECK_IN',
      point: checkIn.channel,
      at: checkIn.checkedInAt,
    },
  });
  return step.decision as StepDecision;
}
