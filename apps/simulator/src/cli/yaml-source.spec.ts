import { YamlInputError, YamlSource } from './yaml-source';

function problemsOf(text: string): readonly string[] {
  try {
    YamlSource.parse(text, 'day.yaml');
  } catch (error) {
    if (error instanceof YamlInputError) return error.lines;
    throw error;
  }
  return [];
}

describe('YamlSource', () => {
  it.each([
    ['a duplicate key', 'a: 1\na: 2\n', /^day\.yaml:2:1: not valid YAML \(Map keys must be unique/],
    ['an unclosed flow sequence', 'a: [1, 2\n', /^day\.yaml:\d+:\d+: not valid YAML \(/],
    [
      'flow sequences nested 50,000 deep, where the parser runs out of stack',
      `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
      /^day\.yaml:1:\d+: not valid YAML \(nested too deeply to read; no input of biogate nests more than a few levels\)$/,
    ],
  ])('refuses %s with file, line and column', (_label, text, expected) => {
    const lines = problemsOf(text);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(expected);
  });

  it('reads a valid file and finds the line of a field', () => {
    const source = YamlSource.parse(
      'name: x\nsteps:\n  - at: "07:00"\n  - at: "08:00"\n',
      'day.yaml',
    );
    expect(source.value()).toEqual({ name: 'x', steps: [{ at: '07:00' }, { at: '08:00' }] });
    expect(source.lineOf('steps[1].at')).toBe(4);
    expect(source.lineOf('steps[9].at')).toBe(3);
  });
});
