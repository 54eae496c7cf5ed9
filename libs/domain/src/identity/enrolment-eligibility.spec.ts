import type { RegisteredIdentity } from './population-register';
import { enrolmentDocumentRefusal, enrolmentIdentityRefusal } from './enrolment-eligibility';

const HOUR = 3_600_000;
const DEPARTURE = Date.parse('2025-12-01T09:00:00+07:00');
const person = (vneidLevel: 0 | 1 | 2): RegisteredIdentity => ({
  personalIdNumber: '001099012345',
  chipPhotoSeed: '001099012345',
  vneidLevel,
});

describe('enrolmentDocumentRefusal', () => {
  it.each([
    ['NATIONAL_EID', undefined],
    ['OTHER_VALID', 'DOCUMENT_NOT_ELIGIBLE'],
    ['INVALID', 'INVALID_DOCUMENT'],
  ] as const)('%s -> %s', (documentClass, expected) => {
    expect(enrolmentDocumentRefusal(documentClass)).toBe(expected);
  });
});

describe('enrolmentIdentityRefusal', () => {
  it.each([
    ['not registered, counter', undefined, 'COUNTER', 2 * HOUR, 'NOT_IN_POPULATION_REGISTER'],
    ['not registered, app', undefined, 'VNEID_APP', 2 * HOUR, 'NOT_IN_POPULATION_REGISTER'],
    ['level 0 at the counter', person(0), 'COUNTER', 2 * HOUR, undefined],
    ['level 1 in the app', person(1), 'VNEID_APP', 2 * HOUR, 'VNEID_LEVEL_TOO_LOW'],
    [
      'level 1 in the app, outside the window',
      person(1),
      'VNEID_APP',
      30 * HOUR,
      'VNEID_LEVEL_TOO_LOW',
    ],
    ['level 2 in the app, 2 h before', person(2), 'VNEID_APP', 2 * HOUR, undefined],
    ['level 2 in the app, 24 h before (opens)', person(2), 'VNEID_APP', 24 * HOUR, undefined],
    [
      'level 2 in the app, 24 h 1 s before',
      person(2),
      'VNEID_APP',
      24 * HOUR + 1000,
      'OUTSIDE_APP_WINDOW',
    ],
    ['level 2 in the app, 1 h before (closes)', person(2), 'VNEID_APP', HOUR, undefined],
    [
      'level 2 in the app, 59 min before',
      person(2),
      'VNEID_APP',
      59 * 60_000,
      'OUTSIDE_APP_WINDOW',
    ],
    ['level 2 at the counter, 30 min before', person(2), 'COUNTER', 30 * 60_000, undefined],
  ] as const)('%s', (_case, identity, channel, beforeDeparture, expected) => {
    expect(
      enrolmentIdentityRefusal(identity, channel, DEPARTURE - beforeDeparture, DEPARTURE),
    ).toBe(expected);
  });
});
