import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CHECK_IN_CHANNELS,
  LANES,
  type CheckInChannel,
  type Lane,
  type Phase,
  type PhasePolicy,
  type PolicyDecision,
} from '@biogate/domain';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { PHASE_POLICY } from '@biogate/service-runtime';
import { passengerFacts } from '../passenger-facts';
import { readPassengerInScope } from '../passenger-scope';
import { PassengerChannelsQuery } from './passenger-channels.query';
import { CheckInStore } from '../../persistence/checkin-store';

/** Every channel and lane of the passenger's departure, judged at one instant. */
export interface PassengerChannelsView {
  readonly passengerId: string;
  readonly at: string;
  readonly airport: string;
  readonly phase: Phase;
  readonly biometricEnrolled: boolean;
  readonly checkIn: Record<CheckInChannel, PolicyDecision>;
  readonly security: Record<Lane, PolicyDecision>;
  readonly boarding: Record<Lane, PolicyDecision>;
}

@QueryHandler(PassengerChannelsQuery)
export class PassengerChannelsHandler implements IQueryHandler<
  PassengerChannelsQuery,
  PassengerChannelsView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: CheckInStore,
  ) {}

  async execute({
    principal,
    passengerId,
    at,
  }: PassengerChannelsQuery): Promise<PassengerChannelsView> {
    const record = await this.unitOfWork.read((em) =>
      readPassengerInScope(this.store, em, principal, passengerId, 'see the channels of'),
    );
    const biometricEnrolled = record.enrolment !== null;
    const { flight } = record;
    const step = {
      at,
      airport: flight.origin,
      international: flight.international,
      passenger: passengerFacts(record),
      outages: [...record.outages],
    };
    const lanes = (touchpoint: 'SECURITY' | 'BOARDING') =>
      Object.fromEntries(
        LANES.map((lane) => [lane, this.policy.evaluate({ ...step, touchpoint, lane })]),
      ) as Record<Lane, PolicyDecision>;
    return {
      passengerId,
      at: new Date(at).toISOString(),
      airport: flight.origin,
      phase: this.policy.phaseAt(at),
      biometricEnrolled,
      checkIn: Object.fromEntries(
        CHECK_IN_CHANNELS.map((channel) => [
          channel,
          this.policy.evaluate({ ...step, touchpoint: 'CHECK_IN', channel }),
        ]),
      ) as Record<CheckInChannel, PolicyDecision>,
      security: lanes('SECURITY'),
      boarding: lanes('BOARDING'),
    };
  }
}
