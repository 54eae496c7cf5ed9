import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import { simulateAirportDay, type AirportDayInput } from './airport-day';
import { loadCapacityParameters, parseCapacityParameters } from './capacity-parameters';

const policy = phasePolicyFor(loadAirportRegistry());
const seedFile = join(__dirname, '../../../../seeds/capacity/parameters.yaml');
const seedText = readFileSync(seedFile, 'utf8');
const parameters = loadCapacityParameters(seedFile);

const day = (patch: Partial<AirportDayInput> = {}) =>
  simulateAirportDay({
    airport: 'DAD',
    date: '2025-12-01',
    departures: 40,
    internationalShare: 0.2,
    seatsPerFlight: 180,
    loadFactor: 0.85,
    parameters,
    policy,
    seed: 'test',
    ...patch,
  });

describe('an airport day', () => {
  it('is the same for the same seed, and another for another', () => {
    expect(day()).toEqual(day());
    expect(day({ seed: 'other' }).passengers).not.toBe(day().passengers);
  });

  it('accounts for every passenger: boarded or missed', () => {
    const report = day();
    expect(report.boarded + report.missedFlights).toBe(report.passengers);
    expect(report.fallbacks['CHECK_IN refused']).toBeUndefined();
    const checkIns = Object.values(report.channels.checkIn).reduce((s, n) => s + n, 0);
    expect(checkIns).toBe(report.passengers);
  });

  it('moves passengers off the counter from 1 Dec, by the policy', () => {
    const before = day({ date: '2025-11-30' });
    const after = day({ date: '2025-12-01' });
    expect(before.phase).toBe('BIOMETRIC_ENROLMENT');
    expect(after.phase).toBe('BIOMETRIC_DEFAULT');
    expect(Object.keys(before.redirects).some((k) => k.includes('COUNTER_NOT_ELIGIBLE'))).toBe(
      false,
    );
    expect(
      Object.keys(after.redirects)
        .filter((k) => k.includes('COUNTER_NOT_ELIGIBLE'))
        .sort(),
    ).toEqual([
      'CHECK_IN COUNTER→BIOMETRIC COUNTER_NOT_ELIGIBLE',
      'CHECK_IN COUNTER→KIOSK COUNTER_NOT_ELIGIBLE',
    ]);
    expect(after.channels.checkIn.COUNTER).toBeLessThan(before.channels.checkIn.COUNTER);
    expect(after.channels.checkIn.KIOSK).toBeGreaterThan(before.channels.checkIn.KIOSK);
  });

  it('keeps everyone at manual lanes where the airport has no biometrics yet', () => {
    const report = day({ airport: 'VII', date: '2025-09-01', internationalShare: 0 });
    expect(report.phase).toBe('PRE_MANDATE');
    expect(report.channels.security.AUTOMATED).toBe(0);
    expect(report.channels.boarding.AUTOMATED).toBe(0);
    expect(report.channels.checkIn.BIOMETRIC).toBe(0);
    expect(report.redirects['SECURITY AUTOMATED→MANUAL BIOMETRIC_NOT_AVAILABLE']).toBeGreaterThan(
      0,
    );
  });

  it('makes passengers miss their flights when a checkpoint is starved', () => {
    // As a user would: the same parameters file with far fewer identity-check resources.
    const starved = parseCapacityParameters(
      seedText
        .replace('securityIdDesks: 4', 'securityIdDesks: 0.5')
        .replace('securityEGates: 4', 'securityEGates: 0.5')
        // and the per-airport minimums, which would otherwise staff them again
        .replace('securityIdDesks: 2', 'securityIdDesks: 1')
        .replace('securityEGates: 1', 'securityEGates: 0'),
      'starved.yaml',
    );
    const report = day({ parameters: starved });
    expect(report.missedFlights).toBeGreaterThan(0);
    const idCheck = report.touchpoints.find((t) => t.name === 'security ID check (manual)');
    expect(idCheck?.levelOfService).toBe('UNDER_PROVIDED');
  });

  it('counts R9 journeys: incentive-eligible inside the window, FULL_BIOMETRIC apart, none after it', () => {
    const withMix = (vneidPurchase: number) =>
      parseCapacityParameters(
        seedText
          .replace('vneidPurchase: 0.05', `vneidPurchase: ${vneidPurchase}`)
          .replace('enrolled: 0.35', 'enrolled: 1')
          .replace('onlineCheckIn: 0.3', 'onlineCheckIn: 0')
          .replace('enrolledTryBiometric: 0.7', 'enrolledTryBiometric: 1'),
        seedFile,
      );
    const allInApp = withMix(1);
    const window = day({ date: '2025-11-20', internationalShare: 0, parameters: allInApp });
    const { vneidPurchases, incentiveEligible, fullBiometric } = window.biometricJourneys;
    // Every national e-ID holder bought in the app; queues, not the rules, limit the rest.
    expect(vneidPurchases).toBeGreaterThan(0.8 * window.passengers);
    expect(incentiveEligible).toBeGreaterThan(0);
    expect(fullBiometric).toBeGreaterThan(0);
    expect(fullBiometric).toBeLessThanOrEqual(incentiveEligible);
    expect(incentiveEligible).toBeLessThanOrEqual(window.channels.boarding.AUTOMATED);

    const noneInApp = day({
      date: '2025-11-20',
      internationalShare: 0,
      parameters: withMix(0),
    });
    expect(noneInApp.biometricJourneys).toMatchObject({ vneidPurchases: 0, fullBiometric: 0 });
    expect(noneInApp.biometricJourneys.incentiveEligible).toBe(incentiveEligible);

    const after = day({ date: '2025-12-01', internationalShare: 0, parameters: allInApp });
    expect(after.biometricJourneys).toMatchObject({ incentiveEligible: 0, fullBiometric: 0 });
  });
});
