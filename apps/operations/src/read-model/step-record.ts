import type {
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  FlightRefDto,
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
  readonly flight: FlightRefDto;
  /** The step let the passenger on: checked in, cleared, boarded. */
  readonly done: boolean;
  /** The boarding pass a check-in issued. */
  readonly pass?: { readonly seat: string; readonly bcbp: string };
}

type Decided = CheckInDecidedPayloadDto | SecurityDecidedPayloadDto | BoardingDecidedPayloadDto;

function recordOf(
  event: Decided,
  where: Pick<StepRecord, 'airport' | 'touchpoint' | 'point' | 'done' | 'pass'>,
): StepRecord {
  const { decision } = event;
  const verification = decision.verification;
  return {
    passengerId: event.passengerId,
    ...where,
    at: new Date(event.at),
    outcome: decision.outcome,
    reason: decision.reason,
    redirectTo: decision.redirectTo ?? '',
    compared: verification !== undefined,
    matched: verification !== undefined && verification.matched && verification.live,
    flight: event.flight,
  };
}

export function checkInStep(event: CheckInDecidedPayloadDto): StepRecord {
  const pass = event.boardingPass;
  return recordOf(event, {
    airport: event.flight.origin,
    touchpoint: 'CHECK_IN',
    point: event.channel,
    done: pass !== undefined,
    ...(pass === undefined ? {} : { pass }),
  });
}

export function securityStep(event: SecurityDecidedPayloadDto): StepRecord {
  return recordOf(event, {
    airport: event.airport,
    touchpoint: 'SECURITY',
    point: event.lane,
    done: event.cleared,
  });
}

export function boardingStep(event: BoardingDecidedPayloadDto): StepRecord {
  return recordOf(event, {
    airport: event.airport,
    touchpoint: 'BOARDING',
    point: event.lane,
    done: event.boarded,
  });
}
