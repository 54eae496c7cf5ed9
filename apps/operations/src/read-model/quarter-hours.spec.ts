import { localDayStart, quarterOf, quartersOfDay } from './quarter-hours';

const VIETNAM = 7 * 60;

describe('quarter hours of a local day', () => {
  it.each([
    ['the first instant of a quarter', '2025-12-01T07:15:00+07:00', '2025-12-01T07:15:00+07:00'],
    [
      'the last millisecond of a quarter',
      '2025-12-01T07:29:59.999+07:00',
      '2025-12-01T07:15:00+07:00',
    ],
    ['local midnight', '2025-12-01T00:00:00+07:00', '2025-12-01T00:00:00+07:00'],
    ['just before local midnight', '2025-11-30T23:59:59+07:00', '2025-11-30T23:45:00+07:00'],
  ])('%s', (_case, at, quarter) => {
    expect(quarterOf(Date.parse(at), VIETNAM)).toBe(Date.parse(quarter));
  });

  it('keeps a half-hour offset on its own grid', () => {
    expect(quarterOf(Date.parse('2025-12-01T07:50:00+05:45'), 345)).toBe(
      Date.parse('2025-12-01T07:45:00+05:45'),
    );
  });

  it('starts the Vietnam day at 17:00 UTC the day before, not at UTC midnight', () => {
    expect(localDayStart(Date.parse('2025-11-30T18:00:00Z'), VIETNAM)).toBe(
      Date.parse('2025-11-30T17:00:00Z'),
    );
    expect(localDayStart(Date.parse('2025-11-30T16:59:59Z'), VIETNAM)).toBe(
      Date.parse('2025-11-29T17:00:00Z'),
    );
  });

  it('has 96 quarters from local midnight to 23:45', () => {
    const quarters = quartersOfDay(Date.parse('2025-12-01T12:34:00+07:00'), VIETNAM);
    expect(quarters).toHaveLength(96);
    expect(new Date(quarters[0] as number).toISOString()).toBe('2025-11-30T17:00:00.000Z');
    expect(new Date(quarters[95] as number).toISOString()).toBe('2025-12-01T16:45:00.000Z');
  });
});
