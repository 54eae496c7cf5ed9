import type { Instant } from '../time/instant';
import { compilePolicy, type CompiledAirport, type CompiledPolicy } from './compiled-policy';
import { toDecision, type PolicyDecision } from './policy-decision';
import type { PolicyConfig } from './policy-config';
import type { PolicyRequest } from './policy-request';
import { applyRules } from './policy-rules';
import { awayFromBiometricCheckIn } from './redirect-targets';
import { phaseAt, stepContext } from './step-context';
import type { Phase, ServicePoint } from './vocabulary';

/** Thrown for a request naming an airport the policy does not know: the edge must refuse those. */
export class UnknownAirportError extends Error {
  constructor(readonly airport: string) {
    super(`unknown airport code ${JSON.stringify(airport)}`);
    this.name = 'UnknownAirportError';
  }
}

export interface PhaseChange {
  readonly phase: Phase;
  readonly startsAt: Instant;
}

/**
 * The phase policy of the directive: judges each step by the phase in force at that step's
 * instant. Pure: no clock, no I/O; one instance per policy configuration.
 */
export class PhasePolicy {
  readonly compiled: CompiledPolicy;

  constructor(config: PolicyConfig) {
    this.compiled = compilePolicy(config);
  }

  get config(): PolicyConfig {
    return this.compiled.config;
  }

  phaseAt(at: Instant): Phase {
    return phaseAt(this.compiled, at);
  }

  /** R9: the incentive window is the BIOMETRIC_ENROLMENT phase. */
  inIncentiveWindow(at: Instant): boolean {
    return this.phaseAt(at) === 'BIOMETRIC_ENROLMENT';
  }

  /** When each phase begins; PRE_MANDATE has always been in force before the first. */
  phaseStarts(): readonly PhaseChange[] {
    return [
      { phase: 'BIOMETRIC_ENROLMENT', startsAt: this.compiled.enrolmentStartsAt },
      { phase: 'BIOMETRIC_DEFAULT', startsAt: this.compiled.defaultStartsAt },
    ];
  }

  /** The first change of phase strictly after `at`, or undefined once the last phase holds. */
  nextPhaseChange(at: Instant): PhaseChange | undefined {
    return this.phaseStarts().find((change) => change.startsAt > at);
  }

  knowsAirport(code: string): boolean {
    return this.compiled.airports.has(code);
  }

  airport(code: string): CompiledAirport {
    const airport = this.compiled.airports.get(code);
    if (airport === undefined) throw new UnknownAirportError(code);
    return airport;
  }

  /**
   * Where a passenger goes when a biometric point the policy allowed cannot serve them after all
   * (the face did not match, or the capture did not look live): the same places as a redirect
   * away from that point.
   */
  fallbackFromBiometric(request: PolicyRequest): ServicePoint {
    if (request.touchpoint !== 'CHECK_IN') return 'MANUAL';
    return awayFromBiometricCheckIn(
      stepContext(request, this.compiled, this.airport(request.airport)),
    );
  }

  evaluate(request: PolicyRequest): PolicyDecision {
    const ctx = stepContext(request, this.compiled, this.airport(request.airport));
    return toDecision(applyRules(ctx), ctx.phase, ctx.phase === 'BIOMETRIC_ENROLMENT');
  }
}
