import { describeValue } from './input-error';

describe('describeValue', () => {
  it.each<[string, unknown, string]>([
    ['nothing', undefined, 'nothing'],
    ['a number out of range', Infinity, 'a number out of range'],
    ['a short string', 'two', '"two"'],
    [
      'a long string, cut, with its length',
      'x'.repeat(100),
      `"${'x'.repeat(40)}"... (100 characters)`,
    ],
    ['null', null, 'null'],
    ['a boolean', true, 'true'],
    ['a short array', ['POWER', 1, null], '["POWER",1,null]'],
    ['a short object', { a: { b: [1, 2] }, c: 'd' }, '{"a":{"b":[1,2]},"c":"d"}'],
    ['an empty array and object', [[], {}], '[[],{}]'],
    ['a string that needs escaping', ['a"\\\n'], '["a\\"\\\\\\n"]'],
    [
      'a long array, cut at 57 characters',
      Array.from({ length: 100 }, (_, i) => i),
      `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`.slice(0, 57) + '...',
    ],
  ])('describes %s as JSON.stringify would, cut short', (_label, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    [
      'an array nested 100,000 deep',
      JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      `${'['.repeat(57)}...`,
    ],
    [
      'an object nested 100,000 deep',
      JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`),
      `${'{"a":'.repeat(11)}{"...`,
    ],
  ])(
    'describes %s from its start, where JSON.stringify overflows the stack',
    (_label, value, expected) => {
      expect(() => JSON.stringify(value)).toThrow(RangeError);
      expect(describeValue(value)).toBe(expected);
    },
  );

  it('writes no more of a huge value than it shows', () => {
    const wide = Array.from({ length: 1_000_000 }, () => 'y'.repeat(1_000));
    wide.unshift('x'.repeat(5_000_000));
    expect(describeValue(wide)).toBe(`["${'x'.repeat(55)}...`);
    expect(describeValue({ ['k'.repeat(1_000_000)]: 1 })).toBe(`{"${'k'.repeat(55)}...`);
  });
});
