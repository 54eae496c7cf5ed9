import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import type { StepDecision } from '@biogate/contracts';
import { decideAfterFaceCheck, presentedDocument, serviceRejection } from './touchpoint-decisions';

const allowed: StepDecision = {
  phase: 'BIOMETRIC_DEFAULT',
  outcome: 'ALLOWED',
  reason: 'OK',
  rules: ['R2', 'R3', 'R4'],
  incentiveWindow: false,
};

describe('touchpoint decisions', () => {
  it('keeps an allowed decision when the face verifies, with the verification', () => {
    const verification = { similarity: 0.95, matched: true, live: true };
    expect(decideAfterFaceCheck(allowed, verification, 'MANUAL')).toEqual({
      decision: { ...allowed, verification },
    });
  });

  it.each([
    [{ similarity: 0.1, matched: false, live: true }, 'FACE_MISMATCH', 'FACE_MISMATCH'],
    [{ similarity: 0.95, matched: true, live: false }, 'LIVENESS_FAILED', 'PRESENTATION_ATTACK'],
    [{ similarity: 0.1, matched: false, live: false }, 'LIVENESS_FAILED', 'PRESENTATION_ATTACK'],
  ])('redirects and alerts when the face check fails: %j', (verification, reason, alert) => {
    expect(decideAfterFaceCheck(allowed, verification, 'KIOSK')).toEqual({
      decision: { ...allowed, outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason, verification },
      alert,
    });
  });

  it('rejects before the policy with the phase and incentive window of the instant', () => {
    const policy = phasePolicyFor(loadAirportRegistry());
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

  it('keeps the expiry of a presented document only when one is given', () => {
    expect(presentedDocument({ type: 'PASSPORT', number: 'C1', expiresOn: null })).toEqual({
      type: 'PASSPORT',
      number: 'C1',
    });
    expect(presentedDocument({ type: 'PASSPORT', number: 'C1', expiresOn: '2030-01-01' })).toEqual({
      type: 'PASSPORT',
      number: 'C1',
      expiresOn: '2030-01-01',
    });
  });
});
