import {
  getMetadataStorage,
  ValidationTypes,
  type MetadataStorage,
  type ValidationArguments,
} from 'class-validator';
import { declarationsOf } from './validation-metadata-cache';

type Rule = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

interface Constraint {
  readonly async: boolean;
  readonly instance: { validate(value: unknown, args: ValidationArguments): unknown };
}

interface PropertyRules {
  readonly property: string;
  /** ValidateIf, IsOptional: when one says no, the property is not checked at all. */
  readonly conditions: readonly Rule[];
  /** IsDefined and every other rule with a constraint, with their constraints resolved. */
  readonly checks: readonly { readonly rule: Rule; readonly constraints: readonly Constraint[] }[];
  readonly nested: boolean;
}

interface ClassRules {
  readonly properties: readonly PropertyRules[];
  /** The fields a request may carry (any field with a rule, as class-validator's whitelist). */
  readonly known: ReadonlySet<string>;
}

const HANDLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

/** Each class's rules, as of a count of declarations (a class loaded later declares more). */
const compiled = new Map<
  Target,
  { readonly declarations: number; readonly rules: ClassRules | null }
>();

/**
 * Whether class-validator's `validateSync` (with `forbidUnknownValues` and `stopAtFirstError`,
 * and `whitelist` with `forbidNonWhitelisted` as asked) would find no error in `object`, decided
 * with the same rules and the same constraint functions but without building an error tree for
 * every field (most input is valid: that tree was most of the cost). `true` only when certain:
 * anything this walk does not model (an async rule, a rule type it does not know, a Set) answers
 * `false`, and the caller asks class-validator, which also words the errors.
 */
export function certainlyValid(object: object, whitelist: boolean): boolean {
  const rules = rulesOf(object.constructor);
  if (rules === null) return false;
  const targetName = object.constructor.name;
  if (whitelist) {
    for (const key of Object.keys(object)) if (!rules.known.has(key)) return false;
  }
  for (const property of rules.properties) {
    const value = (object as Record<string, unknown>)[property.property];
    if (!propertyValid(object, targetName, value, property, whitelist)) return false;
  }
  return true;
}

function propertyValid(
  object: object,
  targetName: string,
  value: unknown,
  { conditions, checks, nested }: PropertyRules,
  whitelist: boolean,
): boolean {
  for (const condition of conditions) {
    const applies = condition.constraints[0] as (object: object, value: unknown) => boolean;
    if (!applies(object, value)) return true;
  }
  for (const { rule, constraints } of checks) {
    if (rule.validateIf !== undefined && !rule.validateIf(object, value)) continue;
    if (rule.each && (value instanceof Set || value instanceof Map)) return false;
    const each = rule.each && Array.isArray(value);
    const args: ValidationArguments = {
      targetName,
      property: rule.propertyName,
      object,
      value,
      constraints: rule.constraints,
    };
    for (const constraint of constraints) {
      // validateSync skips async constraints, as its name says. Anything but `true` (a promise,
      // a truthy value) is left to class-validator.
      if (constraint.async) continue;
      if (!each) {
        if (constraint.instance.validate(value, args) !== true) return false;
        continue;
      }
      for (const one of value as unknown[])
        if (constraint.instance.validate(one, args) !== true) return false;
    }
  }
  return !nested || nestedValid(value, whitelist);
}

/** ValidateNested: nothing, an object of a class with rules, or an array of such (or nothing). */
function nestedValid(value: unknown, whitelist: boolean): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((item) => nestedValid(item, whitelist));
  if (value instanceof Set || value instanceof Map) return false;
  if (!(value instanceof Object)) return false;
  return certainlyValid(value, whitelist);
}

function rulesOf(target: Target): ClassRules | null {
  const storage = getMetadataStorage();
  const declarations = declarationsOf(storage);
  const known = compiled.get(target);
  if (known?.declarations === declarations) return known.rules;
  const rules = compile(storage, storage.getTargetValidationMetadatas(target, '', false, false));
  compiled.set(target, { declarations, rules });
  return rules;
}

function compile(storage: MetadataStorage, all: readonly Rule[]): ClassRules | null {
  // forbidUnknownValues: an object of a class without rules is an error.
  if (all.length === 0) return null;
  if (
    all.some(
      (rule) =>
        !HANDLED.has(rule.type) ||
        rule.always ||
        ((rule.groups as string[] | undefined)?.length ?? 0) > 0,
    )
  )
    return null;
  // class-validator's own grouping, as its executor uses it (remembered by the metadata cache).
  const byProperty = storage.groupByPropertyName(all as Rule[]);
  const properties: PropertyRules[] = [];
  for (const [property, rules] of Object.entries(byProperty)) {
    properties.push({
      property,
      conditions: rules.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
      checks: rules
        .filter(
          (rule) =>
            rule.type === ValidationTypes.IS_DEFINED ||
            rule.type === ValidationTypes.CUSTOM_VALIDATION,
        )
        .map((rule) => ({
          rule,
          constraints: storage.getTargetValidatorConstraints(rule.constraintCls),
        })),
      nested: rules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION),
    });
  }
  return { properties, known: new Set(Object.keys(byProperty)) };
}
