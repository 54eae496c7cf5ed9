import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { formatInputError, type InputError } from '@biogate/contracts';

/** A YAML input file that cannot be used; each line names file, line and what was expected. */
export class YamlInputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'YamlInputError';
  }
}

/**
 * The parser's words for a problem, first line only. It reads flow collections (`[[[…]]]`)
 * recursively and reports running out of stack as an error at that place: say what it means.
 */
function yamlProblem(message: string): string {
  if (message.includes('Maximum call stack size exceeded'))
    return 'nested too deeply to read; no input of biogate nests more than a few levels';
  return message.split('\n')[0] ?? '';
}

/** A parsed YAML file that still knows where each of its values was written. */
export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Reads and parses a file; unreadable or malformed YAML is a YamlInputError. */
  static read(file: string): YamlSource {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new YamlInputError([
        `${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
      ]);
    }
    return YamlSource.parse(text, file);
  }

  static parse(text: string, file: string): YamlSource {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new YamlInputError(
        document.errors.map((error) => {
          const { line, col } = lineCounter.linePos(error.pos[0]);
          return `${file}:${line}:${col}: not valid YAML (${yamlProblem(error.message)})`;
        }),
      );
    }
    return new YamlSource(file, document, lineCounter);
  }

  /** The plain value of the whole document. */
  value(): unknown {
    return this.document.toJS();
  }

  /** The line of the field a path names ("steps[2].checkIn.channel"), or of its nearest parent. */
  lineOf(path: string): number {
    // "a.b[2].c" -> ['a', 'b', 2, 'c']; split's capture groups give undefined between matches.
    const keys = (path.split(/\.|\[(\d+)\]/) as (string | undefined)[])
      .filter((key): key is string => key !== undefined && key !== '')
      .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    for (let n = keys.length; n > 0; n--) {
      const node = this.document.getIn(keys.slice(0, n), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** `file:line: path: message`, one line per problem. */
  describe(problems: readonly InputError[]): string[] {
    return problems.map(
      (problem) => `${this.file}:${this.lineOf(problem.path)}: ${formatInputError(problem)}`,
    );
  }
}
