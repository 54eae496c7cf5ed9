import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YamlInputError } from '../cli/yaml-source';
import { parseCapacityParameters } from './capacity-parameters';

const seedFile = join(__dirname, '../../../../seeds/capacity/parameters.yaml');
const seed = readFileSync(seedFile, 'utf8');

function problems(text: string): string[] {
  try {
    parseCapacityParameters(text, 'params.yaml');
  } catch (error) {
    if (error instanceof YamlInputError) return [...error.lines];
    throw error;
  }
  return [];
}

describe('capacity parameters', () => {
  it('reads the sourced defaults of seeds/capacity/parameters.yaml', () => {
    const parameters = parseCapacityParameters(seed, seedFile);
    expect(parameters.passengerMix.checkedBag).toBe(0.5);
    expect(parameters.service.securityEGate).toEqual({ kind: 'uniform', min: 1, max: 3 });
    expect(parameters.boarding).toEqual({
      opensMinutes: 40,
      closesMinutes: 15,
      eGatesPerFlight: 2,
      manualDesksPerFlight: 3,
    });
  });

  it.each<[string, (text: string) => string, RegExp]>([
    [
      'a share above 1',
      (t) => t.replace('checkedBag: 0.5', 'checkedBag: 1.5'),
      /^params\.yaml:\d+: passengerMix\.checkedBag: expected a share from 0 to 1 \(checked bag\), got 1\.5$/,
    ],
    [
      'a string for a number',
      (t) => t.replace('enrolled: 0.35', 'enrolled: many'),
      /^params\.yaml:\d+: passengerMix\.enrolled: expected a share from 0 to 1 \(enrolled\), got "many"$/,
    ],
    [
      'an unknown distribution',
      (t) => t.replace('kiosk: { kind: triangular', 'kiosk: { kind: gamma'),
      /^params\.yaml:\d+: service\.kiosk\.kind: expected one of fixed, uniform, exponential, triangular, lognormal, got "gamma"$/,
    ],
    [
      'a distribution without its numbers',
      (t) =>
        t.replace(
          'bagDrop: { kind: uniform, min: 45, max: 90 }',
          'bagDrop: { kind: uniform, min: 45 }',
        ),
      /^params\.yaml:\d+: service\.bagDrop\.max: missing; a uniform distribution needs min, max$/,
    ],
    [
      'a typo in a field name',
      (t) => t.replace('onlineCheckIn: 0.3', 'onlineChekIn: 0.3'),
      /params\.yaml:\d+: passengerMix\.onlineChekIn: unknown field/,
    ],
    [
      'boarding closing before it opens',
      (t) => t.replace('closesMinutes: 15', 'closesMinutes: 50'),
      /params\.yaml:\d+: boarding\.closesMinutes: expected boarding to close after it opens/,
    ],
  ])('names file, line and what was expected for %s', (_what, edit, message) => {
    expect(problems(edit(seed))).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('gives the line of the offending field', () => {
    const edited = seed.replace('checkedBag: 0.5', 'checkedBag: 1.5');
    const line = edited.split('\n').findIndex((l) => l.includes('checkedBag: 1.5')) + 1;
    expect(problems(edited)[0]).toMatch(new RegExp(`^params\\.yaml:${line}: `));
  });

  it('gives line and column of YAML that does not parse', () => {
    expect(problems('passengerMix: { checkedBag: 0.5\n')[0]).toMatch(
      /^params\.yaml:\d+:\d+: not valid YAML/,
    );
  });
});
