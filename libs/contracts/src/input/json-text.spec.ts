import { parseJsonText } from './json-text';

describe('parseJsonText', () => {
  it('parses JSON', () => {
    expect(parseJsonText('[{"a": 1}]')).toEqual({ ok: true, value: [{ a: 1 }] });
  });

  it.each([
    ['[1, 2', 'line 1, column 6'],
    ['[\n  {"a": 1}\n  {"b": 2}\n]', 'line 3, column 3'],
    ['{\n  "a": 1,\n}', 'line 3, column 1'],
    ['', 'line 1, column 1'],
    ["[{'a': 1}]", 'line 1, column 3'],
  ])('names the line and column of the error in %j', (text, where) => {
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : (parsed.errors[0]?.message ?? '');
    expect(message).toMatch(new RegExp(`^${where}: not valid JSON \\(.+\\)$`));
  });
});
