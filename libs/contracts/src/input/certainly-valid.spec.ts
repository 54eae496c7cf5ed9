import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { IsInt, IsString, validateSync } from 'class-validator';
import {
  EventEnvelopeDto,
  LaneAlertRaisedPayloadDto,
  QueuesObservedPayloadDto,
} from '../events/event-parsing';
import { EvaluationRequestDto } from '../policy/evaluation-request.dto';
import { certainlyValid } from './certainly-valid';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

const FLIGHT = {
  flightId: '0b6f3a52-0000-4000-8000-000000000001',
  carrier: 'VN',
  number: '213',
  date: '2025-12-01',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: '2025-12-01T02:00:00Z',
  international: false,
};

/** Valid inputs of DTOs that use every kind of rule: nested, each, optional, conditional. */
const VALID: [ClassConstructor<object>, Record<string, unknown>][] = [
  [
    EventEnvelopeDto,
    {
      eventId: '0b6f3a52-0000-4000-8000-0000000000aa',
      type: 'QueuesObserved',
      version: 1,
      occurredAt: '2025-12-01T01:00:00Z',
      key: 'SGN',
      correlationId: 'c',
      producer: 'operations',
      payload: {},
    },
  ],
  [
    QueuesObservedPayloadDto,
    {
      airport: 'SGN',
      at: '2025-12-01T01:00:00Z',
      readings: [
        { queue: 'SECURITY_EGATE', length: 3, waitSeconds: 60 },
        { queue: 'BOARDING_MANUAL', length: 0, waitSeconds: 0 },
      ],
    },
  ],
  [
    LaneAlertRaisedPayloadDto,
    {
      alertId: '0b6f3a52-0000-4000-8000-0000000000bb',
      airport: 'SGN',
      touchpoint: 'BOARDING',
      lane: 'AUTOMATED',
      gate: '12',
      kind: 'FACE_MISMATCH',
      detail: 'd',
      at: '2025-12-01T01:00:00Z',
      passengerId: '0b6f3a52-0000-4000-8000-00000000000a',
      flight: FLIGHT,
    },
  ],
  [
    EvaluationRequestDto,
    {
      at: '2025-12-01T01:00:00Z',
      touchpoint: 'CHECK_IN',
      channel: 'KIOSK',
      airport: 'SGN',
      international: false,
      passenger: {
        document: { type: 'CITIZEN_ID_CARD', number: '079200001234', expiresOn: '2030-01-01' },
        biometricEnrolled: true,
        checkedBags: 0,
        ssr: ['WCHR'],
      },
      outages: ['KIOSK'],
    },
  ],
];

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x'.repeat(300),
  'NOT-A-UUID',
  0,
  -1,
  1.5,
  100_001,
  Number.NaN,
  true,
  [],
  [null],
  ['WCHR', 'WCHR'],
  [{}],
  {},
  { queue: 'NOWHERE', length: 1, waitSeconds: 1 },
  '2025-13-45',
];

/** Every field of `plain` (and of the objects and arrays in it) set to each odd value in turn. */
function* mutations(plain: unknown): Generator {
  if (Array.isArray(plain)) {
    const items = plain as unknown[];
    for (let i = 0; i < items.length; i += 1) {
      for (const changed of mutations(items[i]))
        yield items.map((item, j) => (j === i ? changed : item));
    }
    yield [...items, ...items, ...items, ...items, ...items];
    return;
  }
  if (typeof plain !== 'object' || plain === null) {
    yield* ODD_VALUES;
    return;
  }
  const record = plain as Record<string, unknown>;
  yield { ...record, unknownField: 1 };
  for (const key of Object.keys(record)) {
    yield Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
    for (const changed of mutations(record[key])) yield { ...record, [key]: changed };
  }
}

function classValidatorAccepts(instance: object, whitelist: boolean): boolean {
  return (
    validateSync(instance, {
      whitelist,
      forbidNonWhitelisted: whitelist,
      forbidUnknownValues: true,
      stopAtFirstError: true,
    }).length === 0
  );
}

describe('certainlyValid', () => {
  it.each(VALID)('is certain of a valid %p, as class-validator is', (dto, plain) => {
    for (const whitelist of [true, false]) {
      const instance = plainToInstance(dto, plain);
      expect(classValidatorAccepts(instance, whitelist)).toBe(true);
      expect(certainlyValid(instance, whitelist)).toBe(true);
    }
  });

  it.each(VALID)('accepts no mutation of a %p that class-validator refuses', (dto, plain) => {
    let refused = 0;
    let checked = 0;
    for (const mutated of mutations(plain)) {
      if (typeof mutated !== 'object' || mutated === null) continue;
      for (const whitelist of [true, false]) {
        const instance = plainToInstance(dto, mutated);
        const accepted = classValidatorAccepts(instance, whitelist);
        if (!accepted) refused += 1;
        checked += 1;
        if (certainlyValid(instance, whitelist) && !accepted) {
          throw new Error(
            `certainlyValid accepted ${JSON.stringify(mutated)} (whitelist ${whitelist})`,
          );
        }
      }
    }
    // The mutations do reach the rules: most of them are refused.
    expect(refused).toBeGreaterThan(checked / 2);
  });

  it('leaves to class-validator an object of a class without rules', () => {
    expect(certainlyValid({ any: 1 }, false)).toBe(false);
    expect(
      certainlyValid(plainToInstance(EventEnvelopeDto, { ...VALID[0]![1], payload: 1 }), false),
    ).toBe(false);
  });

  it('sees a rule declared after it judged a class', () => {
    class GateDto {
      @IsString()
      gate!: string;
    }
    const shown = plainToInstance(GateDto, { gate: '12', seats: 'many' });
    expect(certainlyValid(shown, false)).toBe(true);
    IsInt()(GateDto.prototype, 'seats');
    expect(certainlyValid(shown, false)).toBe(false);
  });
});
