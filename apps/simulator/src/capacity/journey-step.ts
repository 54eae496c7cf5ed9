import type {
  CheckInChannel,
  Instant,
  Lane,
  LaneTouchpoint,
  Outage,
  Outcome,
  ServicePoint,
} from '@biogate/domain';

import type { CaptureSent } from './capture-shown';

/**
 * One decision the airport day needs, at its instant: a ticket purchase (a booking of several
 * passengers), an enrolment, a check-in or a lane presentation. Passengers are indexes into the
 * day's population, which knows their identity.
 */
export type JourneyStep =
  | { readonly kind: 'BOOKING'; readonly passengers: readonly number[] }
  | {
      readonly kind: 'ENROLMENT';
      readonly passenger: number;
      readonly channel: 'COUNTER' | 'VNEID_APP';
      readonly capture: CaptureSent;
    }
  | {
      readonly kind: 'CHECK_IN';
      readonly passenger: number;
      readonly channel: CheckInChannel;
      readonly capture?: CaptureSent;
    }
  | {
      readonly kind: LaneTouchpoint;
      readonly passenger: number;
      readonly lane: Lane;
      readonly capture?: CaptureSent;
    };

/**
 * What operators do at an instant of the day: boarding opens and closes at a flight's gate, and
 * outages are declared and cleared (the what-if events).
 */
export type DayAction =
  | { readonly kind: 'OPEN_BOARDING' | 'CLOSE_BOARDING'; readonly flight: number }
  | { readonly kind: 'DECLARE_OUTAGE' | 'CLEAR_OUTAGE'; readonly outage: Outage };

/**
 * The answer to a step, in the words the services use. A booking or an enrolment is ALLOWED
 * (created, enrolled) or REJECTED with the refusal's reason; `FAILED` is an answer that is not a
 * decision at all (an HTTP error), which the cross-check reports.
 */
export interface StepVerdict {
  readonly outcome: Outcome | 'FAILED';
  readonly reason: string;
  readonly redirectTo?: ServicePoint;
}

/** Everything the day needs decided at one instant, in the order it happened. */
export interface DayBatch {
  readonly at: Instant;
  /** Done before the steps, except boarding closing, after them; never decided. */
  readonly actions: readonly DayAction[];
  readonly steps: readonly JourneyStep[];
}

/** Decides a batch of steps, one verdict per step in the batch's order. */
export interface StepDecider {
  decide(batch: DayBatch): readonly StepVerdict[];
}

/** The same, for deciders that answer later (the services over HTTP). */
export interface AsyncStepDecider {
  decide(batch: DayBatch): Promise<readonly StepVerdict[]>;
}

export const ALLOWED: StepVerdict = { outcome: 'ALLOWED', reason: 'OK' };
