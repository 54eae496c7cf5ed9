import type { Instant } from '../time/instant';
import { compactDateAt, formatCompactDate } from '../time/local-date';
import { biometricInstalled } from './biometric-eligibility';
import type { PhaseChange, PhasePolicy } from './policy-engine';
import type { Phase, RuleId } from './vocabulary';

export interface RuleExplanation {
  readonly rule: RuleId;
  readonly appliesTo: string;
  readonly effect: string;
}

export interface AirportExplanation {
  readonly code: string;
  readonly pilot: boolean;
  readonly biometricReadyFrom: string;
  /** Whether the airport runs biometric channels at the instant (no outage assumed). */
  readonly biometricInService: boolean;
}

/** What a person needs to see to understand the policy at one instant. */
export interface PolicyExplanation {
  readonly at: Instant;
  readonly phase: Phase;
  /** When the phase in force began; undefined for PRE_MANDATE, which has no start. */
  readonly phaseSince?: Instant;
  readonly nextChange?: PhaseChange;
  readonly incentiveWindow: boolean;
  readonly airport?: AirportExplanation;
  readonly rules: readonly RuleExplanation[];
}

const BIOMETRIC_POINTS = 'BIOMETRIC check-in, AUTOMATED lanes';

export function explainPolicy(
  policy: PhasePolicy,
  at: Instant,
  airportCode?: string,
): PolicyExplanation {
  const phase = policy.phaseAt(at);
  const config = policy.config;
  const since = policy
    .phaseStarts()
    .filter((change) => change.startsAt <= at)
    .at(-1);
  const airport = airportCode === undefined ? undefined : explainAirport(policy, at, airportCode);
  const pilots = [...policy.compiled.airports.values()].filter((a) => a.pilot).map((a) => a.code);
  const defaultPhase = phase === 'BIOMETRIC_DEFAULT';
  const lastEnrolmentDay = formatCompactDate(
    compactDateAt(policy.compiled.defaultStartsAt - 1, policy.compiled.utcOffsetMinutes),
  );
  const window = `${config.phaseStarts.BIOMETRIC_ENROLMENT} to ${lastEnrolmentDay}`;
  const special =
    `special passengers (SSR ${config.specialServiceCodes.join(' ')}, ` +
    `or aged ${config.specialPassengerMinAge}+)`;

  const rules: RuleExplanation[] = [
    {
      rule: 'R0',
      appliesTo: 'every touchpoint',
      effect:
        'an expired document, a document type not accepted for flights, or a number in the wrong format (12 digits for national e-ID) is REJECTED (INVALID_DOCUMENT)',
    },
    {
      rule: 'R1',
      appliesTo: 'international flights',
      effect: `${BIOMETRIC_POINTS} are REDIRECTED (INTERNATIONAL_OUT_OF_SCOPE); counter, kiosk and manual lanes serve them`,
    },
    { rule: 'R2', appliesTo: BIOMETRIC_POINTS, effect: availabilityEffect(phase, pilots, airport) },
    {
      rule: 'R3',
      appliesTo: BIOMETRIC_POINTS,
      effect:
        'need a national e-ID document (CITIZEN_ID_CARD, IDENTITY_CARD, VNEID_ACCOUNT); others are REDIRECTED (DOCUMENT_NOT_ELIGIBLE)',
    },
    {
      rule: 'R4',
      appliesTo: BIOMETRIC_POINTS,
      effect: 'need an active biometric enrolment; otherwise REDIRECTED (NOT_ENROLLED)',
    },
    {
      rule: 'R5',
      appliesTo: 'COUNTER check-in',
      effect: defaultPhase
        ? `kept for passengers with checked bags and ${special}; on domestic flights everyone else is REDIRECTED (COUNTER_NOT_ELIGIBLE) to BIOMETRIC when R2-R4 allow it, else to KIOSK`
        : 'open to every passenger with a valid document',
    },
    {
      rule: 'R6',
      appliesTo: 'COUNTER check-in',
      effect: defaultPhase
        ? 'when neither biometric check-in nor kiosks can serve a passenger R5 turns away, the counter serves them (FALLBACK_SERVICE_CONTINUITY)'
        : 'not needed in this phase: the counter is open to all',
    },
    {
      rule: 'R7',
      appliesTo: 'KIOSK check-in',
      effect:
        'any valid document; during a KIOSK outage REDIRECTED (KIOSK_OUTAGE) to BIOMETRIC when R2-R4 allow it, else to COUNTER',
    },
    {
      rule: 'R8',
      appliesTo: 'MANUAL lanes',
      effect: 'any valid document, in every phase: the fallback from every AUTOMATED lane',
    },
    {
      rule: 'R9',
      appliesTo: 'every decision',
      effect:
        phase === 'BIOMETRIC_ENROLMENT'
          ? `inside the incentive window (${window}): a journey whose check-in, security and boarding all went through biometric channels is incentive-eligible`
          : `outside the incentive window (${window}): no journey becomes incentive-eligible`,
    },
  ];

  const nextChange = policy.nextPhaseChange(at);
  return {
    at,
    phase,
    ...(since === undefined ? {} : { phaseSince: since.startsAt }),
    ...(nextChange === undefined ? {} : { nextChange }),
    incentiveWindow: phase === 'BIOMETRIC_ENROLMENT',
    ...(airport === undefined ? {} : { airport }),
    rules,
  };
}

/** R2 in words: for one airport when one is named, else for the phase as a whole. */
function availabilityEffect(
  phase: Phase,
  pilots: readonly string[],
  airport: AirportExplanation | undefined,
): string {
  const outage = 'a declared BIOMETRIC outage redirects (BIOMETRIC_OUTAGE)';
  if (airport === undefined) {
    return phase === 'PRE_MANDATE'
      ? `only pilot airports (${pilots.join(' ')}) run biometric channels, from their readiness date; elsewhere redirected (BIOMETRIC_NOT_AVAILABLE); ${outage}`
      : `airports run biometric channels from their readiness date (else BIOMETRIC_NOT_AVAILABLE); ${outage}`;
  }
  if (airport.biometricInService) {
    const pilot = airport.pilot ? ', pilot airport' : '';
    return `${airport.code} runs biometric channels (ready since ${airport.biometricReadyFrom}${pilot}); ${outage}`;
  }
  const why =
    phase === 'PRE_MANDATE' && !airport.pilot
      ? 'not a pilot airport'
      : `ready from ${airport.biometricReadyFrom}`;
  return `${airport.code} has no biometric channels yet (${why}): redirected (BIOMETRIC_NOT_AVAILABLE)`;
}

function explainAirport(policy: PhasePolicy, at: Instant, code: string): AirportExplanation {
  const airport = policy.airport(code);
  return {
    code,
    pilot: airport.pilot,
    biometricReadyFrom: formatCompactDate(airport.biometricReadyFrom),
    biometricInService: biometricInstalled(airport, policy.phaseAt(at), at),
  };
}
