import { PolicyConfigError } from './compiled-policy';
import { applyPolicyOverrides } from './policy-config';
import { PhasePolicy, UnknownAirportError } from './policy-engine';
import { atLane, checkIn, TEST_POLICY_CONFIG } from './policy-request.fixtures';

describe('policy configuration and what-ifs', () => {
  it('moves the biometric default to another date without a code change', () => {
    const whatIf = new PhasePolicy(
      applyPolicyOverrides(TEST_POLICY_CONFIG, {
        phaseStarts: { BIOMETRIC_DEFAULT: '2026-01-01' },
      }),
    );
    const request = checkIn('COUNTER', { at: '2025-12-10T10:00:00+07:00' });
    expect(new PhasePolicy(TEST_POLICY_CONFIG).evaluate(request).outcome).toBe('REDIRECTED');
    expect(whatIf.evaluate(request)).toMatchObject({
      phase: 'BIOMETRIC_ENROLMENT',
      outcome: 'ALLOWED',
      incentiveWindow: true,
    });
  });

  it('moves one airport readiness date and keeps the others', () => {
    const whatIf = new PhasePolicy(
      applyPolicyOverrides(TEST_POLICY_CONFIG, {
        airports: { VII: { biometricReadyFrom: '2026-03-01' } },
      }),
    );
    expect(whatIf.config.airports.SGN).toEqual(TEST_POLICY_CONFIG.airports.SGN);
    expect(whatIf.config.airports.VII).toEqual({ pilot: false, biometricReadyFrom: '2026-03-01' });
    // Not ready at VII on 10 Dec: an enrolled passenger turned from the counter goes to the kiosk.
    expect(whatIf.evaluate(checkIn('COUNTER', { airport: 'VII' }))).toMatchObject({
      outcome: 'REDIRECTED',
      redirectTo: 'KIOSK',
    });
  });

  it('keeps the pilot-only rule before the mandate even for an airport ready early', () => {
    const whatIf = new PhasePolicy(
      applyPolicyOverrides(TEST_POLICY_CONFIG, {
        airports: { VII: { biometricReadyFrom: '2025-06-01' } },
      }),
    );
    const gate = (at: string) =>
      whatIf.evaluate(atLane('SECURITY', 'AUTOMATED', { airport: 'VII', at }));
    expect(gate('2025-09-14T10:00:00+07:00').reason).toBe('BIOMETRIC_NOT_AVAILABLE');
    expect(gate('2025-09-15T10:00:00+07:00').reason).toBe('OK');
  });

  it('changes who is special: the age threshold and the special-service codes', () => {
    const whatIf = new PhasePolicy(
      applyPolicyOverrides(TEST_POLICY_CONFIG, {
        specialPassengerMinAge: 60,
        specialServiceCodes: ['VGML'],
      }),
    );
    expect(
      whatIf.evaluate(checkIn('COUNTER', { passenger: { birthDate: '1965-01-01' } })).outcome,
    ).toBe('ALLOWED');
    expect(whatIf.evaluate(checkIn('COUNTER', { passenger: { ssr: ['VGML'] } })).outcome).toBe(
      'ALLOWED',
    );
    expect(whatIf.evaluate(checkIn('COUNTER', { passenger: { ssr: ['WCHR'] } })).outcome).toBe(
      'REDIRECTED',
    );
  });

  it.each([
    [
      { phaseStarts: { BIOMETRIC_DEFAULT: '2025-09-01' } },
      'BIOMETRIC_ENROLMENT must begin before BIOMETRIC_DEFAULT',
    ],
    [
      { phaseStarts: { BIOMETRIC_ENROLMENT: '2025-02-30' } },
      'phaseStarts.BIOMETRIC_ENROLMENT: expected a calendar date',
    ],
    [
      { specialPassengerMinAge: 0 },
      'specialPassengerMinAge: expected an integer from 1 to 150, got 0',
    ],
    [
      { specialServiceCodes: ['wchr'] },
      'specialServiceCodes[0]: expected a 4-letter IATA SSR code',
    ],
    [{ utcOffsetMinutes: 900 }, 'utcOffsetMinutes: expected an integer from -840 to 840'],
    [
      { airports: { DAD: { pilot: true } } },
      'airports.DAD.biometricReadyFrom: expected a calendar date',
    ],
    [
      { airports: { dad: { pilot: true, biometricReadyFrom: '2025-04-17' } } },
      'airports.dad: expected a 3-letter IATA airport code',
    ],
  ])('refuses a policy that cannot be applied: %j', (overrides, problem) => {
    const attempt = () => new PhasePolicy(applyPolicyOverrides(TEST_POLICY_CONFIG, overrides));
    expect(attempt).toThrow(PolicyConfigError);
    expect(attempt).toThrow(problem);
  });

  it('sends a passenger whose face check fails to the same places as a biometric redirect', () => {
    const policy = new PhasePolicy(TEST_POLICY_CONFIG);
    expect(policy.fallbackFromBiometric(atLane('BOARDING', 'AUTOMATED'))).toBe('MANUAL');
    expect(
      policy.fallbackFromBiometric(checkIn('BIOMETRIC', { at: '2025-11-20T10:00:00+07:00' })),
    ).toBe('COUNTER');
    expect(policy.fallbackFromBiometric(checkIn('BIOMETRIC'))).toBe('KIOSK');
    expect(policy.fallbackFromBiometric(checkIn('BIOMETRIC', { outages: ['KIOSK'] }))).toBe(
      'COUNTER',
    );
  });

  it('refuses to judge a step at an airport it does not know', () => {
    const policy = new PhasePolicy(TEST_POLICY_CONFIG);
    expect(policy.knowsAirport('HAN')).toBe(false);
    expect(() => policy.evaluate(checkIn('KIOSK', { airport: 'HAN' }))).toThrow(
      UnknownAirportError,
    );
  });
});
