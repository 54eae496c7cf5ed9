import { readFile } from 'node:fs/promises';
import { formatInputError, parseJsonText } from '@biogate/contracts';
import { CliInputError } from './cli-input-error';
import type { CliIo } from './cli-io';

/** A FILE argument as the user named it; `-` is standard input. */
export interface InputText {
  readonly source: string;
  readonly text: string;
}

export async function readInputText(file: string, io: CliIo): Promise<InputText> {
  if (file === '-') return { source: '<stdin>', text: await io.readStdin() };
  try {
    return { source: file, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new CliInputError([`${file}: cannot read: ${reason}`]);
  }
}

export function parseInputJson(input: InputText): unknown {
  const parsed = parseJsonText(input.text);
  if (!parsed.ok) {
    throw new CliInputError(parsed.errors.map((e) => `${input.source}: ${formatInputError(e)}`));
  }
  return parsed.value;
}
