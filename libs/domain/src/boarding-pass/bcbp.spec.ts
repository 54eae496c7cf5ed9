import {
  BCBP_M1_LENGTH,
  encodeBcbp,
  parseBcbp,
  placeJulianDay,
  type BoardingPassData,
} from './bcbp';

const pass: BoardingPassData = {
  surname: 'NGUYEN',
  givenName: 'VAN AN',
  pnr: 'K7Q2ZD',
  from: 'SGN',
  to: 'HAN',
  carrier: 'VN',
  flightNumber: '213',
  flightDate: '2025-12-01',
  compartment: 'Y',
  seat: '12A',
  sequence: 7,
  status: '1',
};

describe('IATA BCBP M1', () => {
  it('encodes the 60 mandatory characters at their positions', () => {
    const text = encodeBcbp(pass);
    expect(text).toHaveLength(BCBP_M1_LENGTH);
    expect(text).toBe('M1NGUYEN/VAN AN       EK7Q2ZD SGNHANVN 0213 335Y012A0007 100');
    // field by field, as Resolution 792 lays them out
    expect(text.slice(2, 22)).toBe('NGUYEN/VAN AN       ');
    expect(text.slice(22, 23)).toBe('E');
    expect(text.slice(23, 30)).toBe('K7Q2ZD ');
    expect(text.slice(36, 39)).toBe('VN ');
    expect(text.slice(39, 44)).toBe('0213 ');
    expect(text.slice(44, 47)).toBe('335');
    expect(text.slice(48, 52)).toBe('012A');
    expect(text.slice(52, 57)).toBe('0007 ');
    expect(text.slice(58, 60)).toBe('00');
  });

  it('cuts long names to 20 characters and keeps suffixed flight numbers', () => {
    const text = encodeBcbp({
      ...pass,
      surname: 'TRUONG NGUYEN',
      givenName: 'THI MINH KHAI',
      flightNumber: '1234A',
    });
    expect(text.slice(2, 22)).toBe('TRUONG NGUYEN/THI MI');
    expect(text.slice(39, 44)).toBe('1234A');
  });

  it('reads back what it writes', () => {
    expect(parseBcbp(encodeBcbp(pass))).toEqual({
      ok: true,
      value: {
        passengerName: 'NGUYEN/VAN AN',
        pnr: 'K7Q2ZD',
        from: 'SGN',
        to: 'HAN',
        carrier: 'VN',
        flightNumber: '213',
        julianDay: 335,
        compartment: 'Y',
        seat: '12A',
        sequence: 7,
        status: '1',
      },
    });
  });

  it('accepts a conditional part of the announced size', () => {
    const withConditional = `${encodeBcbp(pass).slice(0, 58)}04ABCD`;
    expect(parseBcbp(withConditional).ok).toBe(true);
  });

  const good = encodeBcbp(pass);
  it.each<[string, string, string]>([
    ['too short', good.slice(0, 40), 'a BCBP M1 boarding pass has at least 60 characters, got 40'],
    ['another format', `S${good.slice(1)}`, 'format code (characters 1-1): expected "M", got "S"'],
    [
      'several legs',
      `M2${good.slice(2)}`,
      'number of legs (characters 2-2): expected "1" (one leg), got "2"',
    ],
    [
      'lowercase name',
      `M1${'nguyen/van an'.padEnd(20)}${good.slice(22)}`,
      'passenger name (characters 3-22): expected SURNAME/GIVEN in capitals, got "nguyen/van an       "',
    ],
    [
      'a day 367',
      `${good.slice(0, 44)}367${good.slice(47)}`,
      'date of flight (characters 45-47): expected a Julian day 001-366, got "367"',
    ],
    [
      'a bad seat',
      `${good.slice(0, 48)}12A ${good.slice(52)}`,
      'seat (characters 49-52): expected 3 digits and a letter, got "12A "',
    ],
    [
      'a wrong conditional size',
      `${good.slice(0, 58)}05ABCD`,
      'the conditional part announces 5 characters, but 4 follow',
    ],
    [
      'a QR of something else',
      'https://example.com/not-a-boarding-pass-at-all-but-long-enough',
      'format code (characters 1-1): expected "M", got "h"',
    ],
  ])('refuses %s with the field and the reason', (_what, text, reason) => {
    expect(parseBcbp(text)).toEqual({ ok: false, reason });
  });

  it.each([
    [335, '2025-11-30', '2025-12-01'],
    [1, '2025-12-31', '2026-01-01'],
    [365, '2026-01-01', '2025-12-31'],
    [60, '2024-02-28', '2024-02-29'],
  ])('places Julian day %i near %s on %s', (day, near, date) => {
    expect(placeJulianDay(day, near)).toBe(date);
  });
});
