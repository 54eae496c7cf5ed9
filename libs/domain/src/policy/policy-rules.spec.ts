import { PhasePolicy } from './policy-engine';
import type { PolicyDecision } from './policy-decision';
import { atLane, checkIn, E_ID, PASSPORT, TEST_POLICY_CONFIG } from './policy-request.fixtures';
import type { PolicyRequest } from './policy-request';
import { REASON_CODES, RULE_IDS } from './vocabulary';

const policy = new PhasePolicy(TEST_POLICY_CONFIG);

const PRE = '2025-08-01T10:00:00+07:00';
const ENROLMENT = '2025-11-15T10:00:00+07:00';
const BEFORE_VII_READY = '2025-10-29T23:59:59+07:00';
const VII_READY = '2025-10-30T00:00:00+07:00';
const DEFAULT = '2025-12-10T10:00:00+07:00';

type Expected = Pick<PolicyDecision, 'outcome' | 'reason' | 'rules'> & Partial<PolicyDecision>;

const ok = (...rules: PolicyDecision['rules'][number][]): Expected => ({
  outcome: 'ALLOWED',
  reason: 'OK',
  rules,
});
const redirect = (
  redirectTo: NonNullable<PolicyDecision['redirectTo']>,
  reason: PolicyDecision['reason'],
  ...rules: PolicyDecision['rules'][number][]
): Expected => ({ outcome: 'REDIRECTED', redirectTo, reason, rules });
const rejected: Expected = { outcome: 'REJECTED', reason: 'INVALID_DOCUMENT', rules: ['R0'] };

const notEnrolled = { biometricEnrolled: false };
const noBags = { checkedBags: 0 };

/** [rule under test, what the case shows, request, expected decision] */
// prettier-ignore
const cases: [string, string, PolicyRequest, Expected][] = [
  // R0: document validity, at every touchpoint
  ['R0', 'document type not accepted for flights', checkIn('COUNTER', { passenger: { document: { type: 'DRIVING_LICENCE', number: '123456789012' } } }), rejected],
  ['R0', 'national e-ID number of 11 digits', atLane('SECURITY', 'MANUAL', { passenger: { document: { type: 'CITIZEN_ID_CARD', number: '07920000123' } } }), rejected],
  ['R0', 'identity card number with letters', atLane('BOARDING', 'MANUAL', { passenger: { document: { type: 'IDENTITY_CARD', number: '07920000123A' } } }), rejected],
  ['R0', 'VNeID account number of 13 digits', checkIn('BIOMETRIC', { passenger: { document: { type: 'VNEID_ACCOUNT', number: '0792000012345' } } }), rejected],
  ['R0', 'passport with a blank number', checkIn('KIOSK', { passenger: { document: { type: 'PASSPORT', number: '   ' } } }), rejected],
  ['R0', 'expired the day before the step', atLane('BOARDING', 'AUTOMATED', { passenger: { document: { ...E_ID, expiresOn: '2025-12-09' } } }), rejected],
  ['R0', 'expiry judged on the local date: 00:30 on 10 Dec in Vietnam is still 9 Dec in UTC', atLane('SECURITY', 'MANUAL', { at: '2025-12-10T00:30:00+07:00', passenger: { document: { ...E_ID, expiresOn: '2025-12-09' } } }), rejected],
  ['R0', 'valid through its expiry day', atLane('SECURITY', 'MANUAL', { passenger: { document: { ...E_ID, expiresOn: '2025-12-10' } } }), ok('R8')],
  ['R0', 'comes before R1 (international)', checkIn('BIOMETRIC', { international: true, passenger: { document: { ...E_ID, number: '1' } } }), rejected],
  ['R0', 'lowercase type is not a document type', checkIn('COUNTER', { passenger: { document: { type: 'passport', number: 'C1234567' } } }), rejected],

  // R1: international flights
  ['R1', 'biometric check-in before 1 Dec goes to the counter', checkIn('BIOMETRIC', { at: ENROLMENT, international: true }), redirect('COUNTER', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'biometric check-in from 1 Dec goes to the counter (R5 does not apply), not the kiosk', checkIn('BIOMETRIC', { at: DEFAULT, international: true }), redirect('COUNTER', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'biometric check-in from 1 Dec, kiosks down, goes to the counter', checkIn('BIOMETRIC', { at: DEFAULT, international: true, outages: ['KIOSK'] }), redirect('COUNTER', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'automated security lane', atLane('SECURITY', 'AUTOMATED', { international: true }), redirect('MANUAL', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'automated boarding gate', atLane('BOARDING', 'AUTOMATED', { international: true }), redirect('MANUAL', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'counter stays open from 1 Dec without bags (R5 does not apply)', checkIn('COUNTER', { at: DEFAULT, international: true, passenger: noBags }), ok('R1')],
  ['R1', 'comes before R2 (airport not ready)', checkIn('BIOMETRIC', { at: PRE, airport: 'VII', international: true }), redirect('COUNTER', 'INTERNATIONAL_OUT_OF_SCOPE', 'R1')],
  ['R1', 'kiosk serves international passengers', checkIn('KIOSK', { international: true }), ok('R7')],
  ['R1', 'kiosk outage sends an international passenger to the counter, never to biometric', checkIn('KIOSK', { international: true, outages: ['KIOSK'] }), redirect('COUNTER', 'KIOSK_OUTAGE', 'R7')],
  ['R1', 'manual lane serves international passengers', atLane('SECURITY', 'MANUAL', { international: true }), ok('R8')],

  // R2: biometric availability
  ['R2', 'pilot airport runs biometrics before the mandate', atLane('SECURITY', 'AUTOMATED', { at: PRE }), ok('R2', 'R3', 'R4')],
  ['R2', 'pilot airport before its pilot began', atLane('SECURITY', 'AUTOMATED', { at: '2025-04-16T23:59:59+07:00' }), redirect('MANUAL', 'BIOMETRIC_NOT_AVAILABLE', 'R2')],
  ['R2', 'non-pilot airport before the mandate', atLane('BOARDING', 'AUTOMATED', { at: PRE, airport: 'VII' }), redirect('MANUAL', 'BIOMETRIC_NOT_AVAILABLE', 'R2')],
  ['R2', 'non-pilot airport the last second before its readiness date', checkIn('BIOMETRIC', { at: BEFORE_VII_READY, airport: 'VII' }), redirect('COUNTER', 'BIOMETRIC_NOT_AVAILABLE', 'R2')],
  ['R2', 'non-pilot airport from 00:00 local on its readiness date', checkIn('BIOMETRIC', { at: VII_READY, airport: 'VII' }), ok('R2', 'R3', 'R4')],
  ['R2', 'biometric outage at the e-gate', atLane('SECURITY', 'AUTOMATED', { outages: ['BIOMETRIC'] }), redirect('MANUAL', 'BIOMETRIC_OUTAGE', 'R2')],
  ['R2', 'biometric outage at check-in from 1 Dec', checkIn('BIOMETRIC', { at: DEFAULT, outages: ['BIOMETRIC'] }), redirect('KIOSK', 'BIOMETRIC_OUTAGE', 'R2')],
  ['R2', 'readiness comes before the outage', atLane('SECURITY', 'AUTOMATED', { at: PRE, airport: 'VII', outages: ['BIOMETRIC'] }), redirect('MANUAL', 'BIOMETRIC_NOT_AVAILABLE', 'R2')],
  ['R2', 'comes before R3 (passport)', atLane('SECURITY', 'AUTOMATED', { at: BEFORE_VII_READY, airport: 'VII', passenger: { document: PASSPORT } }), redirect('MANUAL', 'BIOMETRIC_NOT_AVAILABLE', 'R2')],

  // R3: document class
  ['R3', 'passport at an e-gate', atLane('SECURITY', 'AUTOMATED', { passenger: { document: PASSPORT } }), redirect('MANUAL', 'DOCUMENT_NOT_ELIGIBLE', 'R3')],
  ['R3', 'other valid document at biometric check-in before 1 Dec', checkIn('BIOMETRIC', { at: ENROLMENT, passenger: { document: { type: 'OTHER_VALID', number: 'BC-2019-0042' } } }), redirect('COUNTER', 'DOCUMENT_NOT_ELIGIBLE', 'R3')],
  ['R3', 'comes before R4 (not enrolled)', atLane('BOARDING', 'AUTOMATED', { passenger: { document: PASSPORT, biometricEnrolled: false } }), redirect('MANUAL', 'DOCUMENT_NOT_ELIGIBLE', 'R3')],
  ['R3', 'identity card (2024 law) is a national e-ID', atLane('BOARDING', 'AUTOMATED', { passenger: { document: { type: 'IDENTITY_CARD', number: '001099012345' } } }), ok('R2', 'R3', 'R4')],
  ['R3', 'VNeID account is a national e-ID', checkIn('BIOMETRIC', { passenger: { document: { type: 'VNEID_ACCOUNT', number: '001099012345' } } }), ok('R2', 'R3', 'R4')],

  // R4: enrolment
  ['R4', 'not enrolled at the e-gate', atLane('BOARDING', 'AUTOMATED', { passenger: notEnrolled }), redirect('MANUAL', 'NOT_ENROLLED', 'R4')],
  ['R4', 'not enrolled at biometric check-in before 1 Dec', checkIn('BIOMETRIC', { at: ENROLMENT, passenger: notEnrolled }), redirect('COUNTER', 'NOT_ENROLLED', 'R4')],
  ['R4', 'not enrolled at biometric check-in from 1 Dec', checkIn('BIOMETRIC', { at: DEFAULT, passenger: notEnrolled }), redirect('KIOSK', 'NOT_ENROLLED', 'R4')],
  ['R4', 'not enrolled from 1 Dec with kiosks down', checkIn('BIOMETRIC', { at: DEFAULT, passenger: notEnrolled, outages: ['KIOSK'] }), redirect('COUNTER', 'NOT_ENROLLED', 'R4')],

  // R5: the counter
  ['R5', 'open to all before the mandate', checkIn('COUNTER', { at: PRE, passenger: noBags }), ok('R5')],
  ['R5', 'open to all in the enrolment phase', checkIn('COUNTER', { at: ENROLMENT, passenger: noBags }), ok('R5')],
  ['R5', 'from 1 Dec, open to a passenger with a checked bag', checkIn('COUNTER', { passenger: { checkedBags: 1 } }), ok('R5')],
  ['R5', 'from 1 Dec, open to a wheelchair passenger (WCHR)', checkIn('COUNTER', { passenger: { ssr: ['WCHR'] } }), ok('R5')],
  ['R5', 'from 1 Dec, open to an unaccompanied minor (UMNR)', checkIn('COUNTER', { passenger: { ssr: ['VGML', 'UMNR'] } }), ok('R5')],
  ['R5', 'a meal request (VGML) is not special', checkIn('COUNTER', { passenger: { ssr: ['VGML'] } }), redirect('BIOMETRIC', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'open on the day a passenger turns 75', checkIn('COUNTER', { passenger: { birthDate: '1950-12-10' } }), ok('R5')],
  ['R5', 'not the day before a passenger turns 75', checkIn('COUNTER', { passenger: { birthDate: '1950-12-11', biometricEnrolled: false } }), redirect('KIOSK', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'age counted on the local date: 00:30 on 10 Dec in Vietnam', checkIn('COUNTER', { at: '2025-12-10T00:30:00+07:00', passenger: { birthDate: '1950-12-10' } }), ok('R5')],
  ['R5', 'no birth date: not special by age', checkIn('COUNTER', { passenger: { birthDate: undefined } }), redirect('BIOMETRIC', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'enrolled e-ID holder without bags is sent to biometric check-in', checkIn('COUNTER', { passenger: noBags }), redirect('BIOMETRIC', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'passport holder without bags is sent to the kiosk', checkIn('COUNTER', { passenger: { document: PASSPORT } }), redirect('KIOSK', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'enrolled passenger during a biometric outage is sent to the kiosk', checkIn('COUNTER', { outages: ['BIOMETRIC'] }), redirect('KIOSK', 'COUNTER_NOT_ELIGIBLE', 'R5')],
  ['R5', 'enrolled passenger at a non-pilot airport, ready since 30 Oct, is sent to biometric check-in', checkIn('COUNTER', { at: DEFAULT, airport: 'VII' }), redirect('BIOMETRIC', 'COUNTER_NOT_ELIGIBLE', 'R5')],

  // R6: service continuity
  ['R6', 'neither biometric (not enrolled) nor kiosk (outage): the counter serves', checkIn('COUNTER', { passenger: notEnrolled, outages: ['KIOSK'] }), { outcome: 'ALLOWED', reason: 'FALLBACK_SERVICE_CONTINUITY', rules: ['R5', 'R6'] }],
  ['R6', 'both outages: the counter serves an enrolled passenger', checkIn('COUNTER', { outages: ['BIOMETRIC', 'KIOSK'] }), { outcome: 'ALLOWED', reason: 'FALLBACK_SERVICE_CONTINUITY', rules: ['R5', 'R6'] }],
  ['R6', 'not needed while biometric check-in can serve', checkIn('COUNTER', { outages: ['KIOSK'] }), redirect('BIOMETRIC', 'COUNTER_NOT_ELIGIBLE', 'R5')],

  // R7: kiosks
  ['R7', 'any valid document', checkIn('KIOSK', { passenger: { document: PASSPORT } }), ok('R7')],
  ['R7', 'in every phase', checkIn('KIOSK', { at: PRE }), ok('R7')],
  ['R7', 'kiosk outage: an enrolled e-ID holder goes to biometric check-in', checkIn('KIOSK', { outages: ['KIOSK'] }), redirect('BIOMETRIC', 'KIOSK_OUTAGE', 'R7')],
  ['R7', 'kiosk outage: a passport holder goes to the counter', checkIn('KIOSK', { passenger: { document: PASSPORT }, outages: ['KIOSK'] }), redirect('COUNTER', 'KIOSK_OUTAGE', 'R7')],
  ['R7', 'kiosk and biometric outage: the counter', checkIn('KIOSK', { outages: ['KIOSK', 'BIOMETRIC'] }), redirect('COUNTER', 'KIOSK_OUTAGE', 'R7')],

  // R8: manual lanes
  ['R8', 'manual security lane, passport', atLane('SECURITY', 'MANUAL', { passenger: { document: PASSPORT } }), ok('R8')],
  ['R8', 'manual boarding gate, other valid document, before the mandate', atLane('BOARDING', 'MANUAL', { at: PRE, passenger: { document: { type: 'OTHER_VALID', number: 'X1' } } }), ok('R8')],
  ['R8', 'manual lane during every outage', atLane('SECURITY', 'MANUAL', { outages: ['BIOMETRIC', 'KIOSK'] }), ok('R8')],
];

describe('the rules of domain.md §5', () => {
  it.each(cases)('%s: %s', (_rule, _what, request, expected) => {
    const decision = policy.evaluate(request);
    expect(decision).toMatchObject(expected);
    if (expected.outcome !== 'REDIRECTED') expect(decision).not.toHaveProperty('redirectTo');
  });

  it('the table exercises every reason code and every rule R0-R8', () => {
    const decisions = cases.map(([, , request]) => policy.evaluate(request));
    expect(new Set(decisions.map((d) => d.reason))).toEqual(new Set(REASON_CODES));
    expect(new Set(decisions.flatMap((d) => d.rules))).toEqual(
      new Set(RULE_IDS.filter((r) => r !== 'R9')),
    );
  });

  it('serialises with the key order of the contract', () => {
    const decision = policy.evaluate(checkIn('COUNTER', { passenger: { document: PASSPORT } }));
    expect(JSON.stringify(decision)).toBe(
      '{"phase":"BIOMETRIC_DEFAULT","outcome":"REDIRECTED","redirectTo":"KIOSK","reason":"COUNTER_NOT_ELIGIBLE","rules":["R5"],"incentiveWindow":false}',
    );
  });
});
