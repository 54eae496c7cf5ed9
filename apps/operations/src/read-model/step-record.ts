import type {
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  SecurityDecidedPayloadDto,
  StepDecisionDto,
} from '@biogate/contracts';

/** One decision at a touchpoint, as the operators count it. */
export interface StepRecord {
  readonly passengerId: string;
  readonly airport: string;
  readonly touchpoint: 'CHECK_IN' | 'SECURITY' | 'BOARDING';
  /** The check-in channel, or the lane. */
  readonly point: string;
  readonly at: Date;
  readonly outcome: StepDecisionDto['outcome'];
  readonly reason: string;
  /** Where a redirect sent the passenger; '' otherwise. */
  readonly redirectTo: string;
  /** A live face was compared with the passenger's template (a biometric point only). */
  readonly compared: boolean;
  /** ... and it matched and looked live. */
  readonly matched: boolean;
}

function recordOf(
  passengerId: string,
  airport: string,
  touchpoint: StepRecord['touchpoint'],
  point: string,
  at: string,
  decision: StepDecisionDto,
): StepRecord {
  const verification = decision.verification;
  return {
    passengerId,
    airport,
    touchpoint,
    point,
    at: new Date(at),
    outcome: decision.outcome,
    reason: decision.reason,
    redirectTo: decision.redirectTo ?? '',
    compared: verification !== undefined,
    matched: verification !== undefined && verification.matched && verification.live,
  };
}

export function checkInStep(event: CheckInDecidedPayloadDto): StepRecord {
  return recordOf(
    event.passengerId,
    event.flight.origin,
    'CHECK_IN',
    event.channel,
    event.at,
    event.decision,
  );
}

export function securityStep(event: SecurityDecidedPayloadDto): StepRecord {
  return recordOf(
    event.passengerId,
    event.airport,
    'SECURITY',
    event.lane,
    event.at,
    event.decision,
  );
}

export function boardingStep(event: BoardingDecidedPayloadDto): StepRecord {
  return recordOf(
    event.passengerId,
    event.airport,
    'BOARDING',
    event.lane,
    event.at,
    event.decision,
  );
}
