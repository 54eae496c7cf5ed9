import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { StepDecision } from '@biogate/contracts';
import type { FaceModel, PhasePolicy } from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  TEMPLATE_CIPHER,
} from '@biogate/service-runtime';
import { type GalleryCipher, type TemplateCipher, captureToMatch } from '@biogate/biometrics';
import { readPassengerInScope } from '../../bookings/passenger-scope';
import { CheckInOutbox } from '../../checkin-outbox';
import type { TemplateReads } from '../../enrolment/enrolled-template.reader';
import type { CheckInRow } from '../../persistence/checkin.entities';
import { CheckInSequenceTaken, CheckInStore } from '../../persistence/checkin-store';
import { issueBoardingPass, issued } from '../boarding-pass-issue';
import { assertCheckInOpen } from '../check-in-window';
import { auditedCheckInDecision, type CheckInAttempt } from '../check-in-decision';
import type { CheckInView } from '../check-in.view';
import { checkInAnnouncements } from '../flight-gallery';
import { FlightCheckInCounts } from '../flight-check-in-counts';
import { CheckInPassengerCommand } from './check-in-passenger.command';

/**
 * Check-in on a channel, decided at its instant (`checkInDecision`: the policy, and at a
 * biometric check-in the 1:1 face match against the enrolled template). An allowed check-in
 * issues a seat, a sequence number and an IATA BCBP boarding pass, and stages an enrolled
 * passenger's template into the flight's gallery; every attempt is logged and announced. A
 * passenger checked in already gets the pass they were issued.
 *
 * The sequence number is the flight's next as the passenger's read found it (and this process's
 * check-ins since: `FlightCheckInCounts`), taken by the attempt's one write: no transaction, two
 * round trips. If another check-in on the flight took it first, nothing was written, and the
 * attempt runs again holding the flight's row.
 */
@CommandHandler(CheckInPassengerCommand)
export class CheckInPassengerHandler implements ICommandHandler<
  CheckInPassengerCommand,
  CheckInView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(TEMPLATE_CIPHER) private readonly cipher: TemplateCipher,
    @Inject(GALLERY_CIPHER) private readonly galleryCipher: GalleryCipher,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
    private readonly counts: FlightCheckInCounts,
  ) {}

  async execute(command: CheckInPassengerCommand): Promise<CheckInView> {
    try {
      return await this.unitOfWork.singleWrite((em) => this.checkIn(em, command, 'AS_READ'));
    } catch (error) {
      if (!(error instanceof CheckInSequenceTaken)) throw error;
    }
    return this.unitOfWork.transaction((em) => this.checkIn(em, command, 'LOCKED'));
  }

  /**
   * One attempt. Its sequence number, if it issues a pass: the flight's next `AS_READ` with the
   * passenger, or `LOCKED`, read under the flight row's lock (in a transaction).
   */
  private async checkIn(
    em: EntityManager,
    { principal, request, correlationId, at: now }: CheckInPassengerCommand,
    sequenceFrom: 'AS_READ' | 'LOCKED',
  ): Promise<CheckInView> {
    const capture = captureToMatch(request.channel === 'BIOMETRIC', request.capture);
    const record = await readPassengerInScope(
      this.store,
      em,
      principal,
      request.passengerId,
      'check in',
    );
    const { passenger, flight } = record;
    if (record.checkIn !== null) {
      const decision = await this.store.decisionThatIssued(em, record.checkIn);
      const boardingPass = issued(record.checkIn);
      return { passengerId: passenger.id, decision, boardingPass, alreadyCheckedIn: true };
    }
    assertCheckInOpen(now, flight, this.policy.compiled.utcOffsetMinutes);
    const attempt: CheckInAttempt = { record, channel: request.channel, capture, at: now };
    const ports = { policy: this.policy, faces: this.faces, cipher: this.cipher };
    const { decision, reads } = auditedCheckInDecision(ports, attempt, principal.name);
    const answer = { passengerId: passenger.id, decision, alreadyCheckedIn: false };
    if (decision.outcome !== 'ALLOWED') {
      await this.recordAttempt(em, attempt, { decision, checkIn: undefined, reads }, correlationId);
      return answer;
    }
    const issue = async (sequence: number): Promise<CheckInView> => {
      const checkIn = issueBoardingPass(record, request.channel, sequence, new Date(now));
      await this.recordAttempt(em, attempt, { decision, checkIn, reads }, correlationId);
      return { ...answer, boardingPass: issued(checkIn) };
    };
    if (sequenceFrom === 'AS_READ')
      return this.counts.next(flight.id, record.checkInsOnFlight, issue);
    const sequence = (await this.store.lockedCheckInsOnFlight(em, flight.id)) + 1;
    this.unitOfWork.afterCommit(em, () => {
      this.counts.taken(flight.id, sequence);
    });
    return issue(sequence);
  }

  /**
   * The attempt in the journey log, the check-in it made, the template reads it audited, and
   * its events: the decision (with the pass), and an enrolled passenger's gallery entry.
   */
  private async recordAttempt(
    em: EntityManager,
    attempt: CheckInAttempt,
    made: { decision: StepDecision; checkIn: CheckInRow | undefined; reads: TemplateReads },
    correlationId: string,
  ): Promise<void> {
    const { decision, checkIn, reads } = made;
    const when = new Date(attempt.at);
    const events = new EventStamp('checkin', when.toISOString(), correlationId);
    const sealing = { reads, gallery: this.galleryCipher };
    const announced = checkInAnnouncements(events, sealing, attempt, decision, checkIn);
    const { record, channel } = attempt;
    const passengerId = record.passenger.id;
    await this.store.recordCheckIn(
      em,
      {
        step: { id: randomUUID(), passengerId, channel, at: when, decision },
        checkIn,
        reads: reads.take(),
      },
      (first) => this.outbox.within(em, announced, first),
    );
  }
}
