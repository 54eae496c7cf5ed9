import { PhasePolicy } from '../policy/policy-engine';
import { atLane, checkIn, TEST_POLICY_CONFIG } from '../policy/policy-request.fixtures';
import type { PolicyRequest } from '../policy/policy-request';
import {
  faceCheckedDecision,
  serviceRejection,
  type FaceVerification,
} from './touchpoint-decision';

const policy = new PhasePolicy(TEST_POLICY_CONFIG);
const MATCHED: FaceVerification = { similarity: 0.95, matched: true, live: true };
const IMPOSTOR: FaceVerification = { similarity: 0.1, matched: false, live: true };
const MASK: FaceVerification = { similarity: 0.95, matched: true, live: false };

describe('the touchpoint decision', () => {
  it('keeps an allowed decision when the face verifies, with the verification', () => {
    const step = atLane('SECURITY', 'AUTOMATED');
    const decision = policy.evaluate(step);
    expect(faceCheckedDecision(policy, step, decision, MATCHED)).toEqual({
      decision: { ...decision, verification: MATCHED },
    });
  });

  // Where a failed face sends the passenger: the same place a redirect from that point would.
  it.each<[string, PolicyRequest, FaceVerification, string, string, string]>([
    [
      'an impostor at a security e-gate',
      atLane('SECURITY', 'AUTOMATED'),
      IMPOSTOR,
      'MANUAL',
      'FACE_MISMATCH',
      'FACE_MISMATCH',
    ],
    [
      'a mask at a boarding e-gate',
      atLane('BOARDING', 'AUTOMATED'),
      MASK,
      'MANUAL',
      'LIVENESS_FAILED',
      'PRESENTATION_ATTACK',
    ],
    [
      'an impostor at biometric check-in before 1 Dec',
      checkIn('BIOMETRIC', { at: '2025-11-20T10:00:00+07:00' }),
      IMPOSTOR,
      'COUNTER',
      'FACE_MISMATCH',
      'FACE_MISMATCH',
    ],
    [
      'an impostor at biometric check-in from 1 Dec',
      checkIn('BIOMETRIC'),
      IMPOSTOR,
      'KIOSK',
      'FACE_MISMATCH',
      'FACE_MISMATCH',
    ],
    [
      'a mask at biometric check-in during a kiosk outage',
      checkIn('BIOMETRIC', { outages: ['KIOSK'] }),
      MASK,
      'COUNTER',
      'LIVENESS_FAILED',
      'PRESENTATION_ATTACK',
    ],
  ])('sends %s to %s', (_label, step, verification, redirectTo, reason, alert) => {
    const decision = policy.evaluate(step);
    expect(decision.outcome).toBe('ALLOWED');
    expect(faceCheckedDecision(policy, step, decision, verification)).toEqual({
      decision: { ...decision, outcome: 'REDIRECTED', redirectTo, reason, verification },
      alert,
    });
  });

  it('rejects before the policy with the phase and incentive window of the instant', () => {
    expect(
      serviceRejection(policy, Date.parse('2025-11-01T00:00:00Z'), 'WRONG_GATE', 'boards at 14'),
    ).toEqual({
      phase: 'BIOMETRIC_ENROLMENT',
      outcome: 'REJECTED',
      reason: 'WRONG_GATE',
      rules: [],
      incentiveWindow: true,
      detail: 'boards at 14',
    });
  });
});
