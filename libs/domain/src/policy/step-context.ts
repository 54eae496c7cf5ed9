import type { Instant } from '../time/instant';
import { compactDateAt, type CompactDate } from '../time/local-date';
import type { CompiledAirport, CompiledPolicy } from './compiled-policy';
import { classifyDocument, type DocumentClass } from './document-validity';
import type { PolicyRequest } from './policy-request';
import type { Phase } from './vocabulary';

/** What every rule needs to know about one step, worked out once. */
export interface StepContext {
  readonly request: PolicyRequest;
  readonly policy: CompiledPolicy;
  readonly airport: CompiledAirport;
  readonly phase: Phase;
  readonly stepDate: CompactDate;
  readonly documentClass: DocumentClass;
  readonly biometricOutage: boolean;
  readonly kioskInService: boolean;
}

export function phaseAt(policy: CompiledPolicy, at: Instant): Phase {
  if (at >= policy.defaultStartsAt) return 'BIOMETRIC_DEFAULT';
  if (at >= policy.enrolmentStartsAt) return 'BIOMETRIC_ENROLMENT';
  return 'PRE_MANDATE';
}

export function stepContext(
  request: PolicyRequest,
  policy: CompiledPolicy,
  airport: CompiledAirport,
): StepContext {
  const stepDate = compactDateAt(request.at, policy.utcOffsetMinutes);
  const outages = request.outages ?? [];
  return {
    request,
    policy,
    airport,
    phase: phaseAt(policy, request.at),
    stepDate,
    documentClass: classifyDocument(request.passenger.document, stepDate),
    biometricOutage: outages.includes('BIOMETRIC'),
    kioskInService: !outages.includes('KIOSK'),
  };
}
