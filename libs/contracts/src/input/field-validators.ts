import {
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  isWellFormedDocumentNumber,
  NATIONAL_EID_TYPES,
  ISO_INSTANT_EXPECTATION,
  LOCAL_DATE_EXPECTATION,
  parseInstant,
  parseLocalDate,
} from '@biogate/domain';

/** A name as on a ticket: capital letters without diacritics, words joined by space, ' or -. */
export const TICKET_NAME = /^[A-Z]+(?:[ '-][A-Z]+)*$/;
export const TICKET_NAME_EXPECTED =
  'a name in capital letters without diacritics, as on the ticket (max 30)';

/** `expected <what>` in the shape the input-error formatter completes with the value. */
export function expected(what: string): ValidationOptions {
  return { message: `expected ${what}` };
}

/**
 * A field that may be left out. Unlike class-validator's `@IsOptional()`, `null` is not "left
 * out": it is validated like any other value and refused, so `"capture": null` can never stand in
 * for a missing value that a rule would otherwise demand (or skip a check a value guards).
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** An ISO 8601 instant with an explicit offset (`Z` or `±HH:MM`) and a real calendar time. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `expected ${ISO_INSTANT_EXPECTATION}`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseInstant(value) !== undefined,
      },
    });
  };
}

/** A real calendar date `YYYY-MM-DD` (no 30 Feb). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `expected ${LOCAL_DATE_EXPECTATION}`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseLocalDate(value) !== undefined,
      },
    });
  };
}

/**
 * A field that must be one of `allowed` when a sibling field has one of `whenValues`, and must be
 * absent for the sibling's other valid values (e.g. `channel` for CHECK_IN, `lane` for SECURITY
 * and BOARDING). When the sibling itself is invalid, its own error says enough.
 */
export function RequiredOnlyWhen(
  sibling: string,
  siblingValues: readonly string[],
  whenValues: readonly string[],
  allowed: readonly string[],
): PropertyDecorator {
  return (target, propertyName) => {
    const field = String(propertyName);
    const siblingValue = (args: ValidationArguments): unknown =>
      (args.object as Record<string, unknown>)[sibling];
    registerDecorator({
      name: 'requiredOnlyWhen',
      target: target.constructor,
      propertyName: field,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const when = siblingValue(args);
          if (typeof when !== 'string' || !siblingValues.includes(when)) return true;
          if (whenValues.includes(when))
            return typeof value === 'string' && allowed.includes(value);
          return value === undefined;
        },
        defaultMessage: (args: ValidationArguments) => {
          const when = String(siblingValue(args));
          if (whenValues.includes(when)) {
            return `expected one of ${allowed.join(', ')} when ${sibling} is ${when}`;
          }
          return `not allowed when ${sibling} is ${when}`;
        },
      },
    });
  };
}

/**
 * A document number in the format its type requires (domain.md §3): 12 digits for the national
 * e-ID types, 1-64 printable characters for the others. For bookings, where a malformed identity
 * is an input error; at touchpoints the same rule is R0 (`isWellFormedDocumentNumber`).
 */
export function IsDocumentNumberFor(typeField: string): PropertyDecorator {
  return (target, propertyName) => {
    const typeOf = (args: ValidationArguments): string => {
      const type = (args.object as Record<string, unknown>)[typeField];
      return typeof type === 'string' ? type : '';
    };
    registerDecorator({
      name: 'isDocumentNumberFor',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value === 'string' && isWellFormedDocumentNumber(typeOf(args), value),
        defaultMessage: (args: ValidationArguments) => {
          const type = typeOf(args);
          return (NATIONAL_EID_TYPES as readonly string[]).includes(type)
            ? `expected the 12-digit personal identification number of a ${type}`
            : 'expected a document number of 1-64 printable characters, e.g. "45/2014"';
        },
      },
    });
  };
}
