import {
  formatCompactDate,
  parseLocalDate,
  type CompactDate,
  type LocalDate,
} from '../time/local-date';

/**
 * The mandatory single-leg `M1` block of an IATA Bar Coded Boarding Pass (Resolution 792) that
 * gates scan: 60 characters, fixed positions, no conditional items (size "00").
 */
export interface BoardingPassData {
  /** SURNAME/GIVEN NAMES in capitals; cut to 20 characters on the pass. */
  readonly surname: string;
  readonly givenName: string;
  readonly pnr: string;
  readonly from: string;
  readonly to: string;
  readonly carrier: string;
  /** 1-4 digits and an optional letter, e.g. "213" or "1234A". */
  readonly flightNumber: string;
  readonly flightDate: LocalDate;
  readonly compartment: string;
  /** Row and letter, e.g. "12A". */
  readonly seat: string;
  /** Check-in sequence number, 1-9999. */
  readonly sequence: number;
  /** IATA passenger status: "1" = checked in. */
  readonly status: string;
}

/** What a scanner reads back: the Julian day stands for a date the reader must place in a year. */
export interface ScannedBoardingPass {
  readonly passengerName: string;
  readonly pnr: string;
  readonly from: string;
  readonly to: string;
  readonly carrier: string;
  readonly flightNumber: string;
  readonly julianDay: number;
  readonly compartment: string;
  readonly seat: string;
  readonly sequence: number;
  readonly status: string;
}

export type BcbpParse =
  | { readonly ok: true; readonly value: ScannedBoardingPass }
  | { readonly ok: false; readonly reason: string };

export const BCBP_M1_LENGTH = 60;

export function encodeBcbp(pass: BoardingPassData): string {
  const date = parseLocalDate(pass.flightDate);
  if (date === undefined) throw new Error(`not a date: ${pass.flightDate}`);
  const flight = /^(\d{1,4})([A-Z]?)$/.exec(pass.flightNumber);
  const seat = /^(\d{1,3})([A-Z])$/.exec(pass.seat);
  if (!flight || !seat)
    throw new Error(`not a flight number or seat: ${pass.flightNumber} ${pass.seat}`);
  if (!Number.isInteger(pass.sequence) || pass.sequence < 1 || pass.sequence > 9999) {
    throw new Error(`check-in sequence out of range: ${pass.sequence}`);
  }
  const text =
    'M1' +
    padField(`${pass.surname}/${pass.givenName}`, 20) +
    'E' +
    padField(pass.pnr, 7) +
    pass.from +
    pass.to +
    padField(pass.carrier, 3) +
    (flight[1] ?? '').padStart(4, '0') +
    (flight[2] === '' ? ' ' : (flight[2] ?? ' ')) +
    String(dayOfYear(date)).padStart(3, '0') +
    pass.compartment +
    (seat[1] ?? '').padStart(3, '0') +
    (seat[2] ?? '') +
    String(pass.sequence).padStart(4, '0') +
    ' ' +
    pass.status +
    '00';
  if (text.length !== BCBP_M1_LENGTH) throw new Error(`BCBP of ${text.length} characters`);
  return text;
}

const FIELDS: readonly [name: string, length: number, pattern: RegExp, expected: string][] = [
  ['format code', 1, /^M$/, '"M"'],
  ['number of legs', 1, /^1$/, '"1" (one leg)'],
  ['passenger name', 20, /^[A-Z][A-Z '/-]*$/, 'SURNAME/GIVEN in capitals'],
  ['electronic ticket indicator', 1, /^E$/, '"E"'],
  ['PNR', 7, /^[A-Z0-9]{5,7} *$/, 'a record locator'],
  ['from airport', 3, /^[A-Z]{3}$/, 'an IATA airport code'],
  ['to airport', 3, /^[A-Z]{3}$/, 'an IATA airport code'],
  ['carrier', 3, /^[A-Z0-9]{2,3} *$/, 'an IATA airline code'],
  ['flight number', 5, /^\d{4}[A-Z ]$/, '4 digits and a letter or space'],
  ['date of flight', 3, /^(00[1-9]|0[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6])$/, 'a Julian day 001-366'],
  ['compartment', 1, /^[A-Z]$/, 'a compartment letter'],
  ['seat', 4, /^\d{3}[A-Z]$/, '3 digits and a letter'],
  ['check-in sequence', 5, /^\d{4}[A-Z ]$/, '4 digits and a letter or space'],
  ['passenger status', 1, /^[0-9A-Z]$/, 'a status character'],
  ['conditional size', 2, /^[0-9A-F]{2}$/, '2 hexadecimal digits'],
];

/** Reads an `M1` boarding pass, or says what is wrong with it, field by field. */
export function parseBcbp(text: string): BcbpParse {
  if (text.length < BCBP_M1_LENGTH) {
    return {
      ok: false,
      reason: `a BCBP M1 boarding pass has at least ${BCBP_M1_LENGTH} characters, got ${text.length}`,
    };
  }
  const values: string[] = [];
  let at = 0;
  for (const [name, length, pattern, expected] of FIELDS) {
    const value = text.slice(at, at + length);
    if (!pattern.test(value)) {
      return {
        ok: false,
        reason: `${name} (characters ${at + 1}-${at + length}): expected ${expected}, got ${JSON.stringify(value)}`,
      };
    }
    values.push(value);
    at += length;
  }
  const conditional = Number.parseInt(values[14] ?? '', 16);
  if (text.length !== BCBP_M1_LENGTH + conditional) {
    return {
      ok: false,
      reason: `the conditional part announces ${conditional} characters, but ${text.length - BCBP_M1_LENGTH} follow`,
    };
  }
  const [, , name, , pnr, from, to, carrier, flight, julian, compartment, seat, sequence, status] =
    values as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
  return {
    ok: true,
    value: {
      passengerName: name.trimEnd(),
      pnr: pnr.trimEnd(),
      from,
      to,
      carrier: carrier.trimEnd(),
      flightNumber: `${String(Number(flight.slice(0, 4)))}${flight.slice(4).trim()}`,
      julianDay: Number(julian),
      compartment,
      seat: `${String(Number(seat.slice(0, 3)))}${seat.slice(3)}`,
      sequence: Number(sequence.slice(0, 4)),
      status,
    },
  };
}

/** The date of a Julian day nearest to a reference date (a pass is scanned near its flight). */
export function placeJulianDay(julianDay: number, near: LocalDate): LocalDate | undefined {
  const reference = parseLocalDate(near);
  if (reference === undefined) return undefined;
  const year = Math.floor(reference / 10_000);
  const candidates = [year - 1, year, year + 1]
    .map((y) => dateOfDay(y, julianDay))
    .filter((d): d is CompactDate => d !== undefined);
  const distance = (d: CompactDate) => Math.abs(utcDays(d) - utcDays(reference));
  const best = candidates.sort((a, b) => distance(a) - distance(b))[0];
  return best === undefined ? undefined : formatCompactDate(best);
}

function padField(text: string, length: number): string {
  return text.slice(0, length).padEnd(length, ' ');
}

function utcDays(date: CompactDate): number {
  return (
    Date.UTC(Math.floor(date / 10_000), (Math.floor(date / 100) % 100) - 1, date % 100) / 86_400_000
  );
}

function dayOfYear(date: CompactDate): number {
  return utcDays(date) - Date.UTC(Math.floor(date / 10_000), 0, 1) / 86_400_000 + 1;
}

function dateOfDay(year: number, day: number): CompactDate | undefined {
  const d = new Date(Date.UTC(year, 0, day));
  if (d.getUTCFullYear() !== year) return undefined;
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
