import type { Outcome, Phase, ReasonCode, RuleId, ServicePoint } from './vocabulary';

/**
 * The policy's answer for one step: never an exception. Key order matches the evaluation
 * contract so that serialised decisions read the same everywhere.
 */
export interface PolicyDecision {
  readonly phase: Phase;
  readonly outcome: Outcome;
  /** Present only when `outcome` is `REDIRECTED`. */
  readonly redirectTo?: ServicePoint;
  readonly reason: ReasonCode;
  readonly rules: readonly RuleId[];
  /** R9: whether the step's instant lies in the BIOMETRIC_ENROLMENT (incentive) window. */
  readonly incentiveWindow: boolean;
}

/** The rules behind a verdict, before the phase and the incentive window are stamped on it. */
export type Verdict =
  | { readonly outcome: 'ALLOWED'; readonly reason: ReasonCode; readonly rules: readonly RuleId[] }
  | { readonly outcome: 'REJECTED'; readonly reason: ReasonCode; readonly rules: readonly RuleId[] }
  | {
      readonly outcome: 'REDIRECTED';
      readonly redirectTo: ServicePoint;
      readonly reason: ReasonCode;
      readonly rules: readonly RuleId[];
    };

export function toDecision(
  verdict: Verdict,
  phase: Phase,
  incentiveWindow: boolean,
): PolicyDecision {
  if (verdict.outcome === 'REDIRECTED') {
    return {
      phase,
      outcome: verdict.outcome,
      redirectTo: verdict.redirectTo,
      reason: verdict.reason,
      rules: verdict.rules,
      incentiveWindow,
    };
  }
  return {
    phase,
    outcome: verdict.outcome,
    reason: verdict.reason,
    rules: verdict.rules,
    incentiveWindow,
  };
}
