import { readFileSync } from 'node:fs';
import type { ClassConstructor } from 'class-transformer';
import {
  formatInputError,
  parseJsonText,
  validateInput,
  type InputError,
} from '@biogate/contracts';

/** A reference or configuration file that cannot be used: names the file and every problem. */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly InputError[],
  ) {
    super(`${file}: ${problems.map(formatInputError).join(`\n${file}: `)}`);
    this.name = 'ReferenceDataError';
  }
}

/** Reads a JSON file and validates it against a DTO, or throws a ReferenceDataError. */
export function readJsonFile<T extends object>(file: string, dto: ClassConstructor<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ReferenceDataError(file, [{ path: '', message: `cannot read: ${reason}` }]);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new ReferenceDataError(file, json.errors);
  const validated = validateInput(dto, json.value, '');
  if (!validated.ok) throw new ReferenceDataError(file, validated.errors);
  return validated.value;
}
