import { parseInstant } from '../time/instant';
import { PhasePolicy } from './policy-engine';
import { atLane, checkIn, TEST_POLICY_CONFIG } from './policy-request.fixtures';
import type { Phase } from './vocabulary';

const policy = new PhasePolicy(TEST_POLICY_CONFIG);

/** The last and first second around each change of phase, written in local time and in UTC. */
const boundaries: [string, Phase, boolean][] = [
  ['2025-09-14T23:59:59+07:00', 'PRE_MANDATE', false],
  ['2025-09-14T16:59:59Z', 'PRE_MANDATE', false],
  ['2025-09-14T23:59:59.999+07:00', 'PRE_MANDATE', false],
  ['2025-09-15T00:00:00+07:00', 'BIOMETRIC_ENROLMENT', true],
  ['2025-09-14T17:00:00Z', 'BIOMETRIC_ENROLMENT', true],
  ['2025-11-30T23:59:59+07:00', 'BIOMETRIC_ENROLMENT', true],
  ['2025-11-30T16:59:59Z', 'BIOMETRIC_ENROLMENT', true],
  ['2025-12-01T00:00:00+07:00', 'BIOMETRIC_DEFAULT', false],
  ['2025-11-30T17:00:00Z', 'BIOMETRIC_DEFAULT', false],
  // 1 Dec 2025 has begun in Vietnam while it is still 30 Nov in UTC and in New York
  ['2025-11-30T12:00:00-05:00', 'BIOMETRIC_DEFAULT', false],
];

describe('phase boundaries at local midnight in Asia/Ho_Chi_Minh', () => {
  it.each(boundaries)('%s is in %s (incentive window: %s)', (text, phase, incentive) => {
    const at = parseInstant(text)!;
    expect(policy.phaseAt(at)).toBe(phase);
    const decision = policy.evaluate(atLane('SECURITY', 'MANUAL', { at: text }));
    expect(decision.phase).toBe(phase);
    expect(decision.incentiveWindow).toBe(incentive);
  });

  it('changes the counter rule at the first second of 1 Dec, not before', () => {
    const request = (at: string) =>
      checkIn('COUNTER', { at, passenger: { biometricEnrolled: false } });
    expect(policy.evaluate(request('2025-11-30T23:59:59+07:00'))).toMatchObject({
      outcome: 'ALLOWED',
      reason: 'OK',
    });
    expect(policy.evaluate(request('2025-12-01T00:00:00+07:00'))).toMatchObject({
      outcome: 'REDIRECTED',
      redirectTo: 'KIOSK',
      reason: 'COUNTER_NOT_ELIGIBLE',
    });
  });

  it('judges each step at its own instant: check-in at 23:50 on 30 Nov, security at 00:20 on 1 Dec', () => {
    const checkedIn = policy.evaluate(checkIn('COUNTER', { at: '2025-11-30T23:50:00+07:00' }));
    const screened = policy.evaluate(
      atLane('SECURITY', 'AUTOMATED', { at: '2025-12-01T00:20:00+07:00' }),
    );
    expect(checkedIn.phase).toBe('BIOMETRIC_ENROLMENT');
    expect(screened.phase).toBe('BIOMETRIC_DEFAULT');
  });

  it('names the next change of phase', () => {
    const at = parseInstant('2025-11-30T23:59:59+07:00')!;
    expect(policy.nextPhaseChange(at)).toEqual({
      phase: 'BIOMETRIC_DEFAULT',
      startsAt: parseInstant('2025-12-01T00:00:00+07:00'),
    });
    expect(policy.nextPhaseChange(parseInstant('2025-12-01T00:00:00+07:00')!)).toBeUndefined();
    expect(policy.nextPhaseChange(parseInstant('2025-01-01T00:00:00+07:00')!)?.phase).toBe(
      'BIOMETRIC_ENROLMENT',
    );
  });
});
