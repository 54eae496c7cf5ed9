import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

const cached = new WeakSet<MetadataStorage>();
/** How many times rules were declared since the cache was installed (see `declarationsOf`). */
const declarations = new WeakMap<MetadataStorage, number>();

/**
 * A number that changes whenever a rule is declared in `storage` (once its cache is installed):
 * what is derived from the rules may be kept while it stays the same.
 */
export function declarationsOf(storage: MetadataStorage = getMetadataStorage()): number {
  return declarations.get(storage) ?? 0;
}

/**
 * Remembers which rules apply to each class. class-validator works them out again at every
 * validation of every object and nested object, by walking every class it knows (an `instanceof`
 * per DTO of the process); with biogate's hundred-odd DTOs that was the largest single cost of
 * validating an event or a request. The answer changes only when a rule is declared (decorators
 * run as classes load), so any declaration forgets everything remembered.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (cached.has(storage)) return;
  cached.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let rules = new Map<Target, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    declarations.set(storage, declarationsOf(storage) + 1);
    rules = new Map();
    groupings = new WeakMap();
  };
  for (const declare of [
    'addValidationMetadata',
    'addConstraintMetadata',
    'addValidationSchema',
  ] as const) {
    const original = (storage[declare] as (arg: unknown) => void).bind(storage);
    (storage as unknown as Record<string, (arg: unknown) => void>)[declare] = (arg) => {
      original(arg);
      forget();
    };
  }
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let forTarget = rules.get(target);
    if (forTarget === undefined) {
      forTarget = new Map();
      rules.set(target, forTarget);
    }
    let found = forTarget.get(options);
    if (found === undefined) {
      found = lookUp(target, schema, always, strictGroups, groups);
      forTarget.set(options, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (grouped === undefined) {
      grouped = group(metadata);
      groupings.set(metadata, grouped);
    }
    return grouped;
  };
}
