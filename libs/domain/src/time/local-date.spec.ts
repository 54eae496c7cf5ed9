import {
  compactDateAt,
  formatCompactDate,
  isLocalDate,
  parseLocalDate,
  startOfCompactDate,
  wholeYearsBetween,
} from './local-date';

describe('local dates', () => {
  it.each([
    ['2025-12-01', 20251201],
    ['2024-02-29', 20240229],
    ['1900-01-01', 19000101],
    ['2100-12-31', 21001231],
  ])('parses %s', (text, compact) => {
    expect(parseLocalDate(text)).toBe(compact);
    expect(formatCompactDate(compact)).toBe(text);
  });

  it.each([
    '2025-02-29',
    '2025-04-31',
    '2025-00-10',
    '2025-1-01',
    '01/12/2025',
    '2025-12-01T00:00Z',
    // Outside 1900-2100: PostgreSQL refuses year 0, and Date reads 0000-0099 as 1900-1999.
    '0000-01-01',
    '0099-06-15',
    '1899-12-31',
    '2101-01-01',
  ])('refuses %s', (text) => {
    expect(parseLocalDate(text)).toBeUndefined();
    expect(isLocalDate(text)).toBe(false);
  });

  it('takes the date on the wall clock in Vietnam, not in UTC', () => {
    const utcEvening = Date.UTC(2025, 10, 30, 17, 30); // 00:30 on 1 Dec in Vietnam
    expect(compactDateAt(utcEvening, 420)).toBe(20251201);
    expect(compactDateAt(utcEvening, 0)).toBe(20251130);
  });

  it('starts a local day at local midnight', () => {
    expect(startOfCompactDate(20251201, 420)).toBe(Date.UTC(2025, 10, 30, 17));
  });

  it.each([
    [19501210, 20251209, 74],
    [19501210, 20251210, 75],
    [19520229, 20270228, 74], // a 29 Feb birthday falls on 1 Mar in common years
    [19520229, 20270301, 75],
    [19520229, 20280229, 76],
  ])('counts whole years from %i to %i as %i', (from, to, years) => {
    expect(wholeYearsBetween(from, to)).toBe(years);
  });
});
