import { parseTree, type ParseError } from 'jsonc-parser';
import type { ParseResult } from './input-error';

/**
 * JSON.parse with an error that names the line and column, which V8's message gives only as a
 * character position (and not at all at an unexpected end of input).
 */
export function parseJsonText(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = lineAndColumn(text, errorOffset(text, message));
    const reason = message
      .replace(/\s*(in JSON )?at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return {
      ok: false,
      errors: [{ path: '', message: `line ${line}, column ${column}: not valid JSON (${reason})` }],
    };
  }
}

/**
 * Where the text stops being JSON. V8 names a position for some errors only ("Unexpected token
 * 'x', ... is not valid JSON" has none), so jsonc-parser's strict scan finds the offset; V8's
 * position, then the end of the text, stand in should the two ever disagree.
 */
function errorOffset(text: string, message: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first !== undefined) return first.offset;
  const position = /at position (\d+)/.exec(message);
  return position ? Number(position[1]) : text.length;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
