import type { IssuedBoardingPass, StepDecision } from '@biogate/contracts';

/** The answer to a check-in: the decision, and the boarding pass when one was issued. */
export interface CheckInView {
  readonly passengerId: string;
  readonly decision: StepDecision;
  readonly boardingPass?: IssuedBoardingPass & { readonly checkedInAt: string };
  /** True when the passenger had already checked in: the same boarding pass again. */
  readonly alreadyCheckedIn: boolean;
}
