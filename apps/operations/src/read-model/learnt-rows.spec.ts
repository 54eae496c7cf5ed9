import type { StepRecord } from './step-record';
import { stepRows } from './learnt-rows';

const QUARTER = '2025-12-01T00:30:00.000Z';

const record = (over: Partial<StepRecord>): StepRecord => ({
  passengerId: '5b0f3c4e-0c4a-4a57-9d1e-0a1b2c3d4e5f',
  airport: 'SGN',
  touchpoint: 'SECURITY',
  point: 'AUTOMATED',
  at: new Date('2025-12-01T00:31:00.000Z'),
  outcome: 'ALLOWED',
  reason: 'OK',
  redirectTo: '',
  compared: true,
  matched: true,
  flight: {
    flightId: '7a1f3c4e-0c4a-4a57-9d1e-0a1b2c3d4e5f',
    carrier: 'VN',
    number: '213',
    date: '2025-12-01',
    origin: 'SGN',
    destination: 'HAN',
    departureAt: '2025-12-01T09:00:00+07:00',
    international: false,
  },
  done: true,
  ...over,
});

describe('stepRows', () => {
  it.each<[string, Partial<StepRecord>, Record<string, number>]>([
    ['a matched face', {}, { presentations: 1, compared: 1, matched: 1 }],
    [
      'a face that did not match',
      { matched: false },
      { presentations: 1, compared: 1, matched: 0 },
    ],
    [
      'no face compared',
      { compared: false, matched: false },
      { presentations: 1, compared: 0, matched: 0 },
    ],
  ])('counts %s once in its quarter', (_case, over, counts) => {
    expect(stepRows(record(over), QUARTER).tally).toEqual({
      airport: 'SGN',
      quarter: QUARTER,
      touchpoint: 'SECURITY',
      point: 'AUTOMATED',
      outcome: 'ALLOWED',
      reason: 'OK',
      redirectTo: '',
      ...counts,
    });
  });

  it('records progress only for a step that let the passenger on, at that touchpoint only', () => {
    expect(
      stepRows(record({ done: false, outcome: 'REDIRECTED' }), QUARTER).progress,
    ).toBeUndefined();
    expect(stepRows(record({}), QUARTER).progress).toEqual({
      passengerId: '5b0f3c4e-0c4a-4a57-9d1e-0a1b2c3d4e5f',
      airport: 'SGN',
      carrier: 'VN',
      number: '213',
      date: '2025-12-01',
      security: { at: '2025-12-01T00:31:00.000Z', lane: 'AUTOMATED' },
    });
    const checkIn = stepRows(
      record({ touchpoint: 'CHECK_IN', point: 'KIOSK', pass: { seat: '12A', bcbp: 'M1' } }),
      QUARTER,
    ).progress;
    expect(checkIn?.checkIn).toEqual({
      at: '2025-12-01T00:31:00.000Z',
      channel: 'KIOSK',
      seat: '12A',
      bcbp: 'M1',
    });
  });
});
