import { formatInputError } from '../input/input-error';
import { parseEvaluationRequest, parseEvaluationRequests } from './evaluation-request.parser';

const airports = { has: (code: string) => code === 'SGN' || code === 'VII' };

const valid = {
  at: '2025-12-01T07:30:00+07:00',
  touchpoint: 'CHECK_IN',
  channel: 'COUNTER',
  airport: 'SGN',
  international: false,
  passenger: {
    document: { type: 'CITIZEN_ID_CARD', number: '079200001234', expiresOn: '2031-05-01' },
    biometricEnrolled: false,
    checkedBags: 0,
    ssr: [],
    birthDate: '1990-02-03',
  },
  outages: [],
};

type Json = Record<string, unknown>;
const withPassenger = (patch: Json) => ({ ...valid, passenger: { ...valid.passenger, ...patch } });
const withDocument = (patch: Json) =>
  withPassenger({ document: { ...valid.passenger.document, ...patch } });
const without = (key: string, from: Json = valid): Json =>
  Object.fromEntries(Object.entries(from).filter(([k]) => k !== key));

const messages = (plain: unknown): string[] => {
  const parsed = parseEvaluationRequest(plain, airports);
  return parsed.ok ? [] : parsed.errors.map(formatInputError);
};

describe('the evaluation contract at the edge', () => {
  it('turns a valid request into a PolicyRequest', () => {
    const parsed = parseEvaluationRequest(valid, airports);
    expect(parsed).toEqual({
      ok: true,
      value: {
        at: Date.UTC(2025, 11, 1, 0, 30),
        touchpoint: 'CHECK_IN',
        channel: 'COUNTER',
        airport: 'SGN',
        international: false,
        passenger: valid.passenger,
        outages: [],
      },
    });
  });

  it('accepts the optional fields left out', () => {
    const minimal = {
      ...without('outages'),
      passenger: {
        document: { type: 'PASSPORT', number: 'C1234567' },
        biometricEnrolled: true,
        checkedBags: 1,
      },
    };
    const parsed = parseEvaluationRequest(minimal, airports);
    expect(parsed.ok && parsed.value.passenger).toEqual({
      document: { type: 'PASSPORT', number: 'C1234567' },
      biometricEnrolled: true,
      checkedBags: 1,
      ssr: [],
    });
  });

  it('refuses null for an optional field: left out is the only way to omit it', () => {
    const withNulls = {
      ...valid,
      outages: null,
      passenger: {
        ...valid.passenger,
        document: { type: 'PASSPORT', number: 'C1234567', expiresOn: null },
        birthDate: null,
        ssr: null,
      },
    };
    expect(messages(withNulls)).toEqual([
      'request.passenger.document.expiresOn: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got null',
      'request.passenger.ssr: expected an array of special-service codes, e.g. ["WCHR"], got null',
      'request.passenger.birthDate: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got null',
      'request.outages: expected an array of outages among BIOMETRIC, KIOSK, got null',
    ]);
  });

  it('leaves the judgement of the document to the rules', () => {
    expect(messages(withDocument({ type: 'DRIVING_LICENCE', number: '12' }))).toEqual([]);
    expect(messages(withDocument({ number: '' }))).toEqual([]);
    expect(messages(withDocument({ expiresOn: '2020-01-01' }))).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'a wrong type',
      withPassenger({ checkedBags: 'two' }),
      ['request.passenger.checkedBags: expected an integer >= 0, got "two"'],
    ],
    [
      'a negative count',
      withPassenger({ checkedBags: -1 }),
      ['request.passenger.checkedBags: expected an integer >= 0, got -1'],
    ],
    [
      'a fraction',
      withPassenger({ checkedBags: 1.5 }),
      ['request.passenger.checkedBags: expected an integer >= 0, got 1.5'],
    ],
    [
      'a missing field',
      without('international'),
      ['request.international: missing; expected true or false'],
    ],
    [
      'a string for a boolean',
      { ...valid, international: 'false' },
      ['request.international: expected true or false, got "false"'],
    ],
    ['an unknown field', { ...valid, gate: 'A1' }, ['request.gate: unknown field']],
    [
      'an unknown nested field',
      withPassenger({ nationality: 'VN' }),
      ['request.passenger.nationality: unknown field'],
    ],
    [
      'an unknown touchpoint',
      { ...valid, touchpoint: 'CUSTOMS' },
      ['request.touchpoint: expected one of CHECK_IN, SECURITY, BOARDING, got "CUSTOMS"'],
    ],
    [
      'an unknown channel',
      { ...valid, channel: 'MOBILE' },
      [
        'request.channel: expected one of COUNTER, KIOSK, BIOMETRIC when touchpoint is CHECK_IN, got "MOBILE"',
      ],
    ],
    [
      'a lane at check-in',
      { ...valid, lane: 'MANUAL' },
      ['request.lane: not allowed when touchpoint is CHECK_IN'],
    ],
    [
      'a channel at security',
      { ...without('channel'), touchpoint: 'SECURITY', channel: 'KIOSK', lane: 'MANUAL' },
      ['request.channel: not allowed when touchpoint is SECURITY'],
    ],
    [
      'no lane at boarding',
      { ...without('channel'), touchpoint: 'BOARDING' },
      ['request.lane: missing; expected one of AUTOMATED, MANUAL when touchpoint is BOARDING'],
    ],
    [
      'an unknown airport',
      { ...valid, airport: 'LHR' },
      ['request.airport: unknown airport code "LHR"'],
    ],
    [
      'a lowercase airport code',
      { ...valid, airport: 'sgn' },
      ['request.airport: expected a 3-letter IATA airport code, e.g. "SGN", got "sgn"'],
    ],
    [
      'an instant without offset',
      { ...valid, at: '2025-12-01T07:30:00' },
      [
        'request.at: expected an ISO 8601 instant with an offset, e.g. "2025-12-01T07:30:00+07:00" or "2025-11-30T17:00:00Z" (years 1900-2100), got "2025-12-01T07:30:00"',
      ],
    ],
    [
      'an impossible date',
      { ...valid, at: '2025-11-31T07:30:00Z' },
      [
        'request.at: expected an ISO 8601 instant with an offset, e.g. "2025-12-01T07:30:00+07:00" or "2025-11-30T17:00:00Z" (years 1900-2100), got "2025-11-31T07:30:00Z"',
      ],
    ],
    [
      'a number for an instant',
      { ...valid, at: 1764549000000 },
      [
        'request.at: expected an ISO 8601 instant with an offset, e.g. "2025-12-01T07:30:00+07:00" or "2025-11-30T17:00:00Z" (years 1900-2100), got 1764549000000',
      ],
    ],
    [
      'a malformed expiry date',
      withDocument({ expiresOn: '01/05/2031' }),
      [
        'request.passenger.document.expiresOn: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got "01/05/2031"',
      ],
    ],
    [
      'a malformed birth date',
      withPassenger({ birthDate: '1990-02-30' }),
      [
        'request.passenger.birthDate: expected a calendar date "YYYY-MM-DD" (years 1900-2100), got "1990-02-30"',
      ],
    ],
    [
      'a number as document number',
      withDocument({ number: 79200001234 }),
      [
        'request.passenger.document.number: expected the document number as a string, got 79200001234',
      ],
    ],
    [
      'a document number too long',
      withDocument({ number: '1'.repeat(65) }),
      [
        `request.passenger.document.number: expected a document number of at most 64 characters, got "${'1'.repeat(40)}"... (65 characters)`,
      ],
    ],
    [
      'no document',
      withPassenger({ document: undefined }),
      ['request.passenger.document: missing; expected the identity document presented'],
    ],
    [
      'a string as passenger',
      { ...valid, passenger: 'Nguyen Van A' },
      [
        'request.passenger: expected an object { document, biometricEnrolled, checkedBags, ssr?, birthDate? }, got "Nguyen Van A"',
      ],
    ],
    [
      'a malformed SSR code',
      withPassenger({ ssr: ['WCHR', 'wheelchair'] }),
      [
        'request.passenger.ssr: expected 4-letter IATA special-service codes, e.g. "WCHR", got ["WCHR","wheelchair"]',
      ],
    ],
    [
      'too many SSR codes',
      withPassenger({ ssr: Array(21).fill('WCHR') }),
      [
        expect.stringMatching(
          /^request\.passenger\.ssr: expected at most 20 special-service codes/,
        ),
      ],
    ],
    [
      'an unknown outage',
      { ...valid, outages: ['POWER'] },
      ['request.outages: expected outages among BIOMETRIC, KIOSK, got ["POWER"]'],
    ],
    [
      'a repeated outage',
      { ...valid, outages: ['KIOSK', 'KIOSK'] },
      ['request.outages: expected each outage at most once, got ["KIOSK","KIOSK"]'],
    ],
    [
      'an outage not in an array',
      { ...valid, outages: 'KIOSK' },
      ['request.outages: expected an array of outages among BIOMETRIC, KIOSK, got "KIOSK"'],
    ],
    [
      'several problems at once',
      {
        ...valid,
        international: 1,
        passenger: { ...valid.passenger, biometricEnrolled: 'yes', checkedBags: null },
      },
      [
        'request.international: expected true or false, got 1',
        'request.passenger.biometricEnrolled: expected true or false, got "yes"',
        'request.passenger.checkedBags: expected an integer >= 0, got null',
      ],
    ],
  ])('refuses %s with a clear message', (_what, plain, expected) => {
    expect(messages(plain)).toEqual(expected);
  });

  it('refuses a whole batch for one bad request and names its index', () => {
    const batch = [valid, valid, valid, withPassenger({ checkedBags: 'two' })];
    const parsed = parseEvaluationRequests(batch, airports);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map(formatInputError)).toEqual([
      'request[3].passenger.checkedBags: expected an integer >= 0, got "two"',
    ]);
  });

  it.each<[unknown, string]>([
    [{ requests: [] }, 'expected a JSON array of evaluation requests, got {"requests":[]}'],
    ['[]', 'expected a JSON array of evaluation requests, got "[]"'],
    [null, 'expected a JSON array of evaluation requests, got null'],
  ])('refuses a batch that is not an array: %j', (plain, message) => {
    const parsed = parseEvaluationRequests(plain, airports);
    expect(!parsed.ok && parsed.errors.map(formatInputError)).toEqual([message]);
  });

  it('refuses items that are not objects', () => {
    const parsed = parseEvaluationRequests([valid, null, 7], airports);
    expect(!parsed.ok && parsed.errors.map(formatInputError)).toEqual([
      'request[1]: expected an object, got null',
      'request[2]: expected an object, got 7',
    ]);
  });
});
