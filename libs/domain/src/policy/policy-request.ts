import type { Instant } from '../time/instant';
import type { LocalDate } from '../time/local-date';
import type { CheckInChannel, Lane, LaneTouchpoint, Outage } from './vocabulary';

/**
 * The identity document as presented. `type` and `number` are kept as given: whether they make a
 * valid document is a decision of the rules (R0), not an input error.
 */
export interface PresentedDocument {
  readonly type: string;
  readonly number: string;
  readonly expiresOn?: LocalDate;
}

export interface PassengerFacts {
  readonly document: PresentedDocument;
  readonly biometricEnrolled: boolean;
  readonly checkedBags: number;
  /** IATA special-service request codes, e.g. `WCHR`. */
  readonly ssr?: readonly string[];
  readonly birthDate?: LocalDate;
}

interface StepFacts {
  readonly at: Instant;
  readonly airport: string;
  readonly international: boolean;
  readonly passenger: PassengerFacts;
  /** What is down at this airport at this instant. */
  readonly outages?: readonly Outage[];
}

export interface CheckInStep extends StepFacts {
  readonly touchpoint: 'CHECK_IN';
  readonly channel: CheckInChannel;
}

export interface LaneStep extends StepFacts {
  readonly touchpoint: LaneTouchpoint;
  readonly lane: Lane;
}

/** One step of a journey to be judged by the policy at the instant `at`. */
export type PolicyRequest = CheckInStep | LaneStep;
