import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { isDeepStrictEqual } from 'node:util';
import { validateSync, type ValidationError } from 'class-validator';
import { certainlyValid } from './certainly-valid';
import { describeValue, joinPath, type InputError, type ParseResult } from './input-error';
import { instanceFromJson } from './json-instance';
import { structuralProblems } from './json-structure';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

/**
 * Set by the test suite (jest.config.js): every input is also instantiated by class-transformer
 * and judged by class-validator, and an instance other than `instanceFromJson`'s, or an input
 * `certainlyValid` accepts but class-validator refuses, throws: every request and event of the
 * tests (the fuzzing and hardening suites' bad input among them) checks that they agree.
 */
const CROSS_CHECK = process.env.BIOGATE_VALIDATION_CROSS_CHECK === '1';

/**
 * Turns a plain JSON value into a validated DTO instance: unknown fields are refused, values are
 * never coerced ("2" is not a number), and every problem comes back with its path.
 */
export function validateInput<T extends object>(
  dto: ClassConstructor<T>,
  plain: unknown,
  path: string,
  options: { readonly allowUnknownFields?: boolean } = {},
): ParseResult<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    const got =
      plain === undefined
        ? 'missing; expected an object'
        : `expected an object, got ${describeValue(plain)}`;
    return { ok: false, errors: [{ path, message: got }] };
  }
  // Before class-transformer and class-validator walk it: they recurse without a limit.
  const structural = structuralProblems(plain, path);
  if (structural.length > 0) return { ok: false, errors: structural };
  const instance = instanceFromJson(dto, plain);
  if (CROSS_CHECK) {
    const theirs = plainToInstance(dto, plain, { enableImplicitConversion: false });
    if (!isDeepStrictEqual(instance, theirs))
      throw new Error(`instanceFromJson made a ${dto.name} other than class-transformer's`);
  }
  // Requests must not carry unknown fields; events may (a newer producer adds fields).
  const whitelist = options.allowUnknownFields !== true;
  if (certainlyValid(instance, whitelist) && !CROSS_CHECK) return { ok: true, value: instance };
  const errors = validateSync(instance, {
    whitelist,
    forbidNonWhitelisted: whitelist,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  });
  if (CROSS_CHECK && errors.length > 0 && certainlyValid(instance, whitelist)) {
    throw new Error(
      `certainlyValid accepted a ${dto.name} that class-validator refuses: ` +
        JSON.stringify(flattenValidationErrors(errors, path)),
    );
  }
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors, path) };
  return { ok: true, value: instance };
}

/**
 * class-validator's tree of errors as one line per field. A message that states an expectation
 * ("expected ...") gets the offending value appended; "unknown field" needs none.
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parentPath: string,
): InputError[] {
  const lines: InputError[] = [];
  for (const error of errors) {
    const path = joinPath(
      parentPath,
      /^\d+$/.test(error.property) ? Number(error.property) : error.property,
    );
    const constraints = error.constraints ?? {};
    const first = Object.entries(constraints)[0];
    if (first !== undefined) {
      const [kind, message] = first;
      lines.push({ path, message: withValue(kind, message, error.value) });
    }
    if (error.children && error.children.length > 0) {
      lines.push(...flattenValidationErrors(error.children, path));
    }
  }
  return lines;
}

function withValue(kind: string, message: string, value: unknown): string {
  if (kind === 'whitelistValidation') return 'unknown field';
  if (!message.startsWith('expected')) return message;
  if (value === undefined) return `missing; ${message}`;
  return `${message}, got ${describeValue(value)}`;
}
