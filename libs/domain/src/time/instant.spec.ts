import { ShiftedClock } from './clock';
import { formatInstantAtOffset, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2025-12-01T00:00:00+07:00', Date.UTC(2025, 10, 30, 17)],
    ['2025-11-30T17:00:00Z', Date.UTC(2025, 10, 30, 17)],
    ['2025-11-30T17:00Z', Date.UTC(2025, 10, 30, 17)],
    ['2025-11-30T12:00:00-05:00', Date.UTC(2025, 10, 30, 17)],
    ['2025-12-01T07:30:00.250+07:00', Date.UTC(2025, 11, 1, 0, 30, 0, 250)],
    ['2024-02-29T23:59:59+07:00', Date.UTC(2024, 1, 29, 16, 59, 59)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    ['no offset', '2025-12-01T07:30:00'],
    ['date only', '2025-12-01'],
    ['impossible day', '2025-02-29T00:00:00Z'],
    ['impossible month', '2025-13-01T00:00:00Z'],
    ['hour 24', '2025-12-01T24:00:00Z'],
    ['minute 60', '2025-12-01T10:60:00Z'],
    ['offset without colon', '2025-12-01T07:30:00+0700'],
    ['offset out of range', '2025-12-01T07:30:00+15:00'],
    ['space separator', '2025-12-01 07:30:00Z'],
    ['free text', 'tomorrow'],
    ['empty', ''],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 0099, which Date reads as 1999', '0099-01-01T00:00:00Z'],
    ['before 1900', '1899-12-31T23:59:59Z'],
    ['after 2100', '2101-01-01T00:00:00Z'],
  ])('refuses %s', (_label, text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('formatInstantAtOffset', () => {
  it('writes the wall-clock time in Vietnam', () => {
    expect(formatInstantAtOffset(Date.UTC(2025, 10, 30, 17), 420)).toBe(
      '2025-12-01T00:00:00+07:00',
    );
  });

  it('round-trips through parseInstant', () => {
    const at = Date.UTC(2025, 8, 14, 16, 59, 59);
    expect(parseInstant(formatInstantAtOffset(at, 420))).toBe(at);
    expect(parseInstant(formatInstantAtOffset(at, -330))).toBe(at);
  });
});

describe('ShiftedClock', () => {
  it('starts at the chosen instant and runs with the wall clock', () => {
    let wall = 1_000_000;
    const clock = new ShiftedClock(Date.UTC(2025, 10, 30, 13), () => wall);
    expect(clock.now()).toBe(Date.UTC(2025, 10, 30, 13));
    wall += 90_000;
    expect(clock.now()).toBe(Date.UTC(2025, 10, 30, 13, 1, 30));
  });
});
