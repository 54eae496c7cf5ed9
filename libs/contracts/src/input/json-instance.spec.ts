import { isDeepStrictEqual } from 'node:util';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { plainToInstance, Transform, Type, type ClassConstructor } from 'class-transformer';
import { EventEnvelopeDto } from '../events/event-parsing';
import { instanceFromJson } from './json-instance';

class SealedDto {
  keyId!: string;
  ciphertext!: string;
}

class PassengerDto {
  surname!: string;
  @Type(() => SealedDto)
  template!: SealedDto;
  @Type(() => SealedDto)
  history!: SealedDto[];
  notes?: unknown;
}

class BookingDto {
  pnr!: string;
  @Type(() => PassengerDto)
  passengers!: PassengerDto[];
  @Type(() => PassengerDto)
  lead?: PassengerDto;

  get label(): string {
    return this.pnr;
  }

  describe(): string {
    return `booking ${this.pnr}`;
  }
}

/** Inherits its parent's @Type declarations and overrides one. */
class GroupBookingDto extends BookingDto {
  @Type(() => SealedDto)
  declare lead?: PassengerDto;
}

/** A class nested in itself. */
class ItineraryLegDto {
  code!: string;
  @Type(() => ItineraryLegDto)
  next?: ItineraryLegDto;
}

/** A cycle of classes, one of which declares what this walk does not model (`@Type(() => String)`). */
class CycleStartDto {
  // Typed `object`: the end's class is not defined yet where the declaration's metadata is read.
  @Type(() => CycleEndDto)
  end?: object;
}

class CycleEndDto {
  @Type(() => CycleStartDto)
  start?: CycleStartDto;
  @Type(() => String)
  code?: string;
}

const theirs = <T extends object>(dto: ClassConstructor<T>, plain: object) =>
  plainToInstance(dto, plain, { enableImplicitConversion: false });

function outcome(make: () => object): object {
  try {
    return { made: make() };
  } catch (error) {
    return { threw: String(error) };
  }
}

function expectSameAsClassTransformer(dto: ClassConstructor<object>, plain: object): object {
  const ours = instanceFromJson(dto, plain);
  const reference = theirs(dto, plain);
  expect(isDeepStrictEqual(ours, reference)).toBe(true);
  expect(ours).toEqual(reference);
  return ours;
}

describe('instanceFromJson', () => {
  it.each<[string, ClassConstructor<object>, object]>([
    ['an empty object', BookingDto, {}],
    ['flat fields', SealedDto, { keyId: 'k1', ciphertext: 'AAAA', extra: 3 }],
    [
      'nested classes and arrays of them',
      BookingDto,
      {
        pnr: 'ABC123',
        passengers: [
          { surname: 'NGUYEN', template: { keyId: 'k', ciphertext: 'c' }, history: [] },
          { surname: 'TRAN', history: [{ keyId: 'a', ciphertext: 'b' }, 'not an object', null] },
        ],
        lead: { surname: 'NGUYEN' },
      },
    ],
    [
      'untyped objects and arrays, copied',
      PassengerDto,
      { notes: { a: [1, { b: 'c' }], d: null, e: { f: { g: true } } } },
    ],
    [
      "keys that are Object.prototype's, a getter's and a method's",
      BookingDto,
      {
        toString: 'x',
        valueOf: 1,
        hasOwnProperty: true,
        label: 'L',
        describe: 'D',
        notes: { toString: 'y', isPrototypeOf: 2 },
      },
    ],
    ['a typed field that holds a primitive', BookingDto, { lead: 'someone', passengers: 7 }],
    [
      'inherited declarations, one overridden',
      GroupBookingDto,
      { pnr: 'X', passengers: [{ surname: 'A' }], lead: { keyId: 'k', ciphertext: 'c' } },
    ],
    [
      'a class nested in itself',
      ItineraryLegDto,
      { code: 'SGN', next: { code: 'HAN', next: { code: 'DAD' } } },
    ],
  ])('makes what class-transformer makes of %s', (_, dto, plain) => {
    expectSameAsClassTransformer(dto, plain);
  });

  it('leaves a whole cycle of classes to class-transformer when one of them is not modelled', () => {
    // The end is met first, from the start: the start's shape must not keep the end's.
    expectSameAsClassTransformer(CycleEndDto, { start: { end: { code: 7 } }, code: 5 });
    const start = expectSameAsClassTransformer(CycleStartDto, { end: { code: 7 } });
    expect(start).toEqual(
      Object.assign(new CycleStartDto(), { end: expect.objectContaining({ code: '7' }) }),
    );
  });

  it('builds instances of the declared classes, not copies', () => {
    const booking = expectSameAsClassTransformer(BookingDto, {
      pnr: 'ABC123',
      passengers: [{ surname: 'NGUYEN', template: { keyId: 'k', ciphertext: 'c' } }],
    }) as BookingDto;
    expect(booking).toBeInstanceOf(BookingDto);
    expect(booking.describe()).toBe('booking ABC123');
    expect(booking.passengers[0]).toBeInstanceOf(PassengerDto);
    expect(booking.passengers[0]?.template).toBeInstanceOf(SealedDto);
  });

  it('never shares an object or array with the input', () => {
    const plain = { pnr: 'A', passengers: [{ surname: 'B', notes: { c: [1] } }] };
    const booking = instanceFromJson(BookingDto, plain);
    expect(booking.passengers).not.toBe(plain.passengers);
    expect(booking.passengers[0]?.notes).not.toBe(plain.passengers[0]?.notes);
  });

  it('makes arrays and objects of the realm class-transformer makes them in', () => {
    const elsewhere = runInNewContext(
      '({ pnr: "A", passengers: [{ surname: "B", notes: { c: [1, { d: 2 }] } }], notes: [{}] })',
    ) as object;
    expectSameAsClassTransformer(BookingDto, elsewhere);
    const query = Object.assign(Object.create(null) as object, { pnr: ['A', 'B'] });
    expectSameAsClassTransformer(BookingDto, query);
  });

  it('makes what class-transformer makes of any JSON, for every class here', () => {
    const classes: ClassConstructor<object>[] = [
      SealedDto,
      PassengerDto,
      BookingDto,
      GroupBookingDto,
      ItineraryLegDto,
    ];
    const keys = fc.constantFrom(
      'pnr',
      'passengers',
      'lead',
      'template',
      'history',
      'notes',
      'next',
      'code',
      'keyId',
      'toString',
      'label',
      'describe',
      'other',
    );
    const { json } = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('json')),
        fc.dictionary(keys, tie('json')),
      ),
    }));
    fc.assert(
      fc.property(fc.constantFrom(...classes), fc.dictionary(keys, json), (dto, plain) => {
        // Both refuse alike to assign an inherited getter (GroupBookingDto's `label`).
        expect(
          isDeepStrictEqual(
            outcome(() => instanceFromJson(dto, plain)),
            outcome(() => theirs(dto, plain)),
          ),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('makes what class-transformer makes of an event envelope', () => {
    expectSameAsClassTransformer(EventEnvelopeDto, {
      eventId: '8f14e45f-ceea-467f-a9b2-f3b1c7e2d6a1',
      type: 'BoardingPassIssued',
      version: 1,
      occurredAt: '2025-12-01T07:00:00+07:00',
      correlationId: 'c-1',
      payload: { passengerId: 'p', flight: { carrier: 'VN', number: '281' } },
    });
  });

  // Last: the declaration below is seen by every later instantiation of this file.
  it('leaves the work to class-transformer once anything but @Type is declared', () => {
    class TrimmedDto {
      @Transform(({ value }: { value: unknown }) =>
        typeof value === 'string' ? value.trim() : value,
      )
      name!: string;
    }
    expect(instanceFromJson(TrimmedDto, { name: '  NGUYEN ' })).toEqual(
      Object.assign(new TrimmedDto(), { name: 'NGUYEN' }),
    );
    expectSameAsClassTransformer(BookingDto, { pnr: 'A', passengers: [{ surname: 'B' }] });
  });
});
