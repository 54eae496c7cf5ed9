import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { FlightRef, StepDecision } from '@biogate/contracts';
import type { PhasePolicy } from '@biogate/domain';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { PHASE_POLICY } from '@biogate/service-runtime';
import { flightRef } from '../bookings/booking.view';
import { readPassengerInScope } from '../bookings/passenger-scope';
import { PassengerJourneyQuery } from './passenger-journey.query';
import { CheckInStore } from '../persistence/checkin-store';

export interface JourneyStepView {
  readonly touchpoint: 'CHECK_IN' | 'SECURITY' | 'BOARDING';
  /** The channel (check-in) or lane (security, boarding). */
  readonly point: string;
  readonly at: string;
  readonly decision: StepDecision;
}

export interface TicketPurchaseView {
  readonly channel: 'AIRLINE' | 'VNEID_APP';
  readonly at: string;
  /** R9: whether the purchase lies in the BIOMETRIC_ENROLMENT (incentive) window. */
  readonly incentiveWindow: boolean;
}

export interface PassengerJourneyView {
  readonly passengerId: string;
  readonly flight: FlightRef;
  /** The first step of the journey: where and when the ticket was bought. */
  readonly ticketPurchase: TicketPurchaseView;
  readonly steps: readonly JourneyStepView[];
  /** R9: check-in, security and boarding all through biometric channels inside the window. */
  readonly incentiveEligible: boolean;
  /** R9 (project decision): all four steps biometric inside the window, the purchase in VNeID. */
  readonly fullBiometric: boolean;
}

const BIOMETRIC_POINT: Record<JourneyStepView['touchpoint'], string> = {
  CHECK_IN: 'BIOMETRIC',
  SECURITY: 'AUTOMATED',
  BOARDING: 'AUTOMATED',
};

/** Every step of a passenger's journey with its decision, in order of time. */
@QueryHandler(PassengerJourneyQuery)
export class PassengerJourneyHandler implements IQueryHandler<
  PassengerJourneyQuery,
  PassengerJourneyView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: CheckInStore,
  ) {}

  async execute({ principal, passengerId }: PassengerJourneyQuery): Promise<PassengerJourneyView> {
    const { record, rows } = await this.unitOfWork.read(async (em) => ({
      record: await readPassengerInScope(
        this.store,
        em,
        principal,
        passengerId,
        'see the journey of',
      ),
      rows: await this.store.journeySteps(em, passengerId),
    }));
    const steps = rows.map((row) => ({
      touchpoint: row.touchpoint as JourneyStepView['touchpoint'],
      point: row.point,
      at: row.at.toISOString(),
      decision: row.decision as StepDecision,
    }));
    const purchasedAt = record.booking.createdAt;
    const ticketPurchase: TicketPurchaseView = {
      channel: record.passenger.purchaseChannel,
      at: purchasedAt.toISOString(),
      incentiveWindow: this.policy.inIncentiveWindow(purchasedAt.getTime()),
    };
    const eligible = incentiveEligible(steps);
    return {
      passengerId,
      flight: flightRef(record.flight),
      ticketPurchase,
      steps,
      incentiveEligible: eligible,
      fullBiometric:
        eligible && ticketPurchase.channel === 'VNEID_APP' && ticketPurchase.incentiveWindow,
    };
  }
}

export function incentiveEligible(steps: readonly JourneyStepView[]): boolean {
  return (['CHECK_IN', 'SECURITY', 'BOARDING'] as const).every((touchpoint) =>
    steps.some(
      (step) =>
        step.touchpoint === touchpoint &&
        step.point === BIOMETRIC_POINT[touchpoint] &&
        step.decision.outcome === 'ALLOWED' &&
        step.decision.incentiveWindow,
    ),
  );
}
