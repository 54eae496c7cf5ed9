import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import {
  CHECK_IN_DECIDED,
  TOPICS,
  type CheckInDecidedV1,
  type FaceCaptureDto,
  type StepDecision,
} from '@biogate/contracts';
import {
  encodeBcbp,
  type Clock,
  type FaceModel,
  type PhasePolicy,
  type PolicyRequest,
  faceCheckedDecision,
} from '@biogate/domain';
import { EventFactory } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  TEMPLATE_CIPHER,
  type GalleryCipher,
  type Principal,
  type TemplateCipher,
  outagesAt,
  verifyLiveFace,
  captureToMatch,
} from '@biogate/service-runtime';
import { passengerFacts } from '../../bookings/passenger-facts';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { flightRef } from '../../bookings/booking.view';
import { CheckinOutbox } from '../../checkin-outbox';
import { openEnrolledTemplate } from '../../enrolment/enrolled-template.reader';
import { enrolmentOf } from '../../enrolment/enrolment-status';
import { CHECKIN_SCHEMA } from '../../persistence/checkin-persistence';
import { CheckInRow, JourneyStepRow, type EnrolmentRow } from '../../persistence/checkin.entities';
import { assertCheckInOpen } from '../check-in-window';
import { flightGalleryEntry } from '../flight-gallery';
import type { CheckInView } from '../check-in.view';
import { seatForSequence } from '../seat-map';
import { CheckInPassengerCommand } from './check-in-passenger.command';
import { CheckinStore } from '../../persistence/checkin-store';

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
    private readonly outbox: CheckinOutbox,
    private readonly store: CheckinStore,
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
      const { passenger, booking, flight } = record;
      const existing = await em.findOneBy(CheckInRow, { passengerId: passenger.id });
      if (existing) {
        return {
          passengerId: passenger.id,
          decision: await decisionThatIssued(em, existing),
          boardingPass: issued(existing),
          alreadyCheckedIn: true,
        };
      }
      const enrolment = await enrolmentOf(em, passenger);
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
        passenger: passengerFacts(record, enrolment !== null),
        outages: await outagesAt(em, CHECKIN_SCHEMA, flight.origin),
      };
      const decision = await this.verifyFace(em, principal, enrolment, step, capture);
      await em.insert(JourneyStepRow, {
        id: randomUUID(),
        passengerId: passenger.id,
        touchpoint: 'CHECK_IN',
        point: request.channel,
        at: new Date(now),
        decision,
      });
      let checkIn: CheckInRow | undefined;
      if (decision.outcome === 'ALLOWED') {
        const sequence = await nextSequence(em, flight.id);
        const seat = seatForSequence(sequence);
        checkIn = {
          id: randomUUID(),
          passengerId: passenger.id,
          flightId: flight.id,
          channel: request.channel,
          sequence,
          seat,
          boardingPass: encodeBcbp({
            surname: passenger.surname,
            givenName: passenger.givenName,
            pnr: booking.pnr,
            from: flight.origin,
            to: flight.destination,
            carrier: flight.carrier,
            flightNumber: flight.flightNumber,
            flightDate: flight.departureDate,
            compartment: 'Y',
            seat,
            sequence,
            status: '1',
          }),
          checkedInAt: new Date(now),
        };
        await em.insert(CheckInRow, checkIn);
      }
      const boardingPass = checkIn === undefined ? undefined : issued(checkIn);
      const events = new EventFactory('checkin', new Date(now).toISOString(), correlationId);
      const galleryEntry =
        checkIn === undefined
          ? undefined
          : await flightGalleryEntry(
              em,
              { template: this.cipher, gallery: this.galleryCipher },
              events,
              { passenger, enrolment },
              flight,
              new Date(now),
            );
      await this.outbox.append(em, [
        ...(galleryEntry === undefined ? [] : [galleryEntry]),
        {
          topic: TOPICS.journey,
          envelope: events.create<CheckInDecidedV1>({
            ...CHECK_IN_DECIDED,
            key: passenger.id,
            payload: {
              passengerId: passenger.id,
              flight: flightRef(flight),
              channel: request.channel,
              at: new Date(now).toISOString(),
              decision,
              ...(boardingPass === undefined
                ? {}
                : {
                    boardingPass: {
                      bcbp: boardingPass.bcbp,
                      seat: boardingPass.seat,
                      sequence: boardingPass.sequence,
                    },
                  }),
            },
          }),
        },
      ]);
      return {
        passengerId: passenger.id,
        decision,
        ...(boardingPass === undefined ? {} : { boardingPass }),
        alreadyCheckedIn: false,
      };
    });
  }

  /** The policy's decision, overruled when the face at a biometric check-in does not verify. */
  private async verifyFace(
    em: EntityManager,
    principal: Principal,
    enrolment: EnrolmentRow | null,
    step: PolicyRequest,
    capture: FaceCaptureDto | undefined,
  ): Promise<StepDecision> {
    const decision = this.policy.evaluate(step);
    if (decision.outcome !== 'ALLOWED' || capture === undefined) return decision;
    // R4 allowed only the enrolled; should the template be gone, no face can match it.
    const verification =
      enrolment === null
        ? { similarity: 0, matched: false, live: true }
        : verifyLiveFace(
            this.faces,
            await openEnrolledTemplate(em, this.cipher, enrolment, {
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

/** The next check-in sequence number of a flight, under the flight row's lock. */
async function nextSequence(em: EntityManager, flightId: string): Promise<number> {
  // Wrapped in a SELECT: TypeORM shapes UPDATE results differently on pg and on PGlite.
  const rows = await em.query<{ checked_in: number }[]>(
    `WITH bumped AS (UPDATE checkin.flight SET checked_in = checked_in + 1 WHERE id = $1 RETURNING checked_in)
     SELECT checked_in FROM bumped`,
    [flightId],
  );
  const updated = rows[0];
  if (updated === undefined) throw new Error(`flight ${flightId} vanished`);
  return updated.checked_in;
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

function issued(checkIn: CheckInRow): NonNullable<CheckInView['boardingPass']> {
  return {
    bcbp: checkIn.boardingPass,
    seat: checkIn.seat,
    sequence: checkIn.sequence,
    checkedInAt: checkIn.checkedInAt.toISOString(),
  };
}
