import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '@biogate/domain';
import { loadAirportRegistry } from './airport-registry';
import { phasePolicyFor, phasePolicyFromFile } from './phase-policy-factory';
import { ReferenceDataError } from './reference-file';
import { defaultAirportsFile, seedsDirectory } from './seeds-location';

const dir = mkdtempSync(join(tmpdir(), 'biogate-reference-'));
const writeJson = (name: string, content: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const airport = {
  code: 'SGN',
  name: 'Tan Son Nhat International Airport',
  city: 'Ho Chi Minh City',
  timeZone: 'Asia/Ho_Chi_Minh',
  pilot: true,
  biometricReadyFrom: '2025-04-17',
};
const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ReferenceDataError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ReferenceDataError');
};

describe('the airports of seeds/reference/airports.json', () => {
  const registry = loadAirportRegistry();

  it('lists the 22 civil airports, the seven pilots ready from 17 Apr 2025', () => {
    expect(registry.list()).toHaveLength(22);
    const pilots = registry.list().filter((a) => a.pilot);
    expect(pilots.map((a) => a.code).sort()).toEqual([
      'CXR',
      'DAD',
      'HAN',
      'HPH',
      'HUI',
      'PQC',
      'SGN',
    ]);
    expect(new Set(pilots.map((a) => a.biometricReadyFrom))).toEqual(new Set(['2025-04-17']));
  });

  it('takes every other airport as ready on 30 Oct 2025', () => {
    const others = registry.list().filter((a) => !a.pilot);
    expect(new Set(others.map((a) => a.biometricReadyFrom))).toEqual(new Set(['2025-10-30']));
    expect(registry.get('VII')?.name).toBe('Vinh International Airport');
  });

  it('gives the directive policy for those airports', () => {
    const policy = phasePolicyFor(registry);
    expect(policy.knowsAirport('DAD')).toBe(true);
    expect(policy.knowsAirport('LHR')).toBe(false);
    expect(policy.phaseAt(parseInstant('2025-12-01T00:00:00+07:00')!)).toBe('BIOMETRIC_DEFAULT');
  });

  it('finds seeds/ from the sources, or where BIOGATE_SEEDS_DIR says', () => {
    expect(defaultAirportsFile({})).toMatch(/seeds\/reference\/airports\.json$/);
    expect(seedsDirectory({ BIOGATE_SEEDS_DIR: '/srv/biogate-seeds' })).toBe('/srv/biogate-seeds');
  });
});

describe('a broken airport file', () => {
  it.each<[string, unknown, string]>([
    ['not JSON', '{"airports": [', 'line 1, column 15: not valid JSON'],
    ['no airports', { airports: [] }, 'airports: expected at least one airport, got []'],
    [
      'a bad code',
      { airports: [{ ...airport, code: 'Saigon' }] },
      'airports[0].code: expected a 3-letter IATA airport code, got "Saigon"',
    ],
    [
      'a bad date',
      { airports: [{ ...airport, biometricReadyFrom: '17/04/2025' }] },
      'airports[0].biometricReadyFrom: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got "17/04/2025"',
    ],
    [
      'another time zone',
      { airports: [{ ...airport, timeZone: 'Asia/Bangkok' }] },
      'airports[0].timeZone: expected "Asia/Ho_Chi_Minh", got "Asia/Bangkok"',
    ],
    [
      'a duplicate',
      { airports: [airport, { ...airport, name: 'again' }] },
      'airports[1].code: duplicate of airports[0] ("SGN")',
    ],
    [
      'an unknown field',
      { airports: [{ ...airport, runways: 2 }] },
      'airports[0].runways: unknown field',
    ],
  ])('is refused at start-up: %s', (name, content, problem) => {
    const file = writeJson(`${name.replace(/\W/g, '-')}.json`, content);
    expect(problemsOf(() => loadAirportRegistry(file))[0]).toContain(`${file}: ${problem}`);
  });

  it('that is missing is named', () => {
    const file = join(dir, 'nowhere.json');
    expect(problemsOf(() => loadAirportRegistry(file))).toEqual([
      `${file}: cannot read: no such file`,
    ]);
  });
});

describe('a what-if policy file', () => {
  const registry = loadAirportRegistry();

  it('overrides dates, codes, age and one airport', () => {
    const file = writeJson('what-if.json', {
      description: 'biometric default one month later, Vinh ready early',
      phaseStarts: { BIOMETRIC_DEFAULT: '2026-01-01' },
      specialServiceCodes: ['WCHR'],
      specialPassengerMinAge: 70,
      airports: { VII: { biometricReadyFrom: '2025-09-15' } },
    });
    const policy = phasePolicyFromFile(registry, file);
    expect(policy.phaseAt(parseInstant('2025-12-15T00:00:00+07:00')!)).toBe('BIOMETRIC_ENROLMENT');
    expect(policy.config.specialServiceCodes).toEqual(['WCHR']);
    expect(policy.config.specialPassengerMinAge).toBe(70);
    expect(policy.config.airports.VII).toEqual({ pilot: false, biometricReadyFrom: '2025-09-15' });
    expect(policy.config.airports.SGN).toEqual({ pilot: true, biometricReadyFrom: '2025-04-17' });
    expect(policy.config.phaseStarts.BIOMETRIC_ENROLMENT).toBe('2025-09-15');
  });

  it.each<[string, unknown, string]>([
    [
      'phases out of order',
      { phaseStarts: { BIOMETRIC_ENROLMENT: '2026-01-01' } },
      'phaseStarts: BIOMETRIC_ENROLMENT must begin before BIOMETRIC_DEFAULT (2026-01-01 is not before 2025-12-01)',
    ],
    [
      'an unknown airport',
      { airports: { LHR: { pilot: true } } },
      'airports.LHR: unknown airport code "LHR"',
    ],
    [
      'a bad airport entry',
      { airports: { VII: { biometricReadyFrom: 'soon' } } },
      'airports.VII.biometricReadyFrom: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got "soon"',
    ],
    ['an unknown field', { phaseStart: {} }, 'phaseStart: unknown field'],
    [
      'a bad age',
      { specialPassengerMinAge: '75' },
      'specialPassengerMinAge: expected an integer from 1 to 150, got "75"',
    ],
  ])('is refused with the problem named: %s', (name, content, problem) => {
    const file = writeJson(`what-if-${name.replace(/\W/g, '-')}.json`, content);
    expect(problemsOf(() => phasePolicyFromFile(registry, file))).toEqual([`${file}: ${problem}`]);
  });
});
