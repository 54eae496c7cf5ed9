import type { PassAtBoarding } from '../persistence/boarding-store';
import { boardingRefusal } from './boarding-refusal';

const pass = (patch: Partial<PassAtBoarding>): PassAtBoarding => ({
  passengerId: 'p1',
  flightId: 'f1',
  carrier: 'VN',
  flightNumber: '213',
  departureDate: '2025-12-01',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: new Date('2025-12-01T01:30:00Z'),
  international: false,
  seat: '1A',
  boarded: null,
  boarding: { state: 'OPEN', gate: '14' },
  securityCleared: true,
  ...patch,
});
const boardedAt = { gate: '12', at: new Date('2025-12-01T01:05:00Z') };

describe('boardingRefusal (domain.md §5, in its order)', () => {
  it.each<[string, Partial<PassAtBoarding>, string | undefined, string | undefined, string]>([
    // what, pass, reason, alert, detail contains
    ['cleared, open, at its gate', {}, undefined, undefined, ''],
    ['boarded already', { boarded: boardedAt }, 'ALREADY_BOARDED', 'DUPLICATE_BOARDING', 'gate 12'],
    // The duplicate is the fraud signal: it comes before a closed boarding or another gate.
    [
      'boarded already, shown at a closed flight elsewhere',
      { boarded: boardedAt, boarding: { state: 'CLOSED', gate: '9' } },
      'ALREADY_BOARDED',
      'DUPLICATE_BOARDING',
      '2025-12-01T01:05:00.000Z',
    ],
    ['boarding not opened yet', { boarding: null }, 'BOARDING_NOT_OPEN', undefined, 'not open yet'],
    [
      'boarding closed',
      { boarding: { state: 'CLOSED', gate: '14' } },
      'BOARDING_NOT_OPEN',
      undefined,
      'closed',
    ],
    ['another gate', { boarding: { state: 'OPEN', gate: '9' } }, 'WRONG_GATE', undefined, 'gate 9'],
    [
      'not through security',
      { securityCleared: false },
      'SECURITY_NOT_CLEARED',
      'SECURITY_NOT_CLEARED',
      'VN213',
    ],
    [
      'not through security, at another gate: the gate first',
      { securityCleared: false, boarding: { state: 'OPEN', gate: '9' } },
      'WRONG_GATE',
      undefined,
      'VN213 boards at gate 9',
    ],
  ])('%s', (_what, patch, reason, alert, detail) => {
    const refusal = boardingRefusal({ pass: pass(patch), galleryEntry: null, outages: [] }, '14');
    expect(refusal?.reason).toBe(reason);
    expect(refusal?.alert).toBe(alert);
    expect(refusal?.detail ?? '').toContain(detail);
  });
});
