import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

/** What class-transformer keeps of a `@Type` declaration (its storage's own shape). */
interface TypeDeclaration {
  readonly typeFunction?: (options?: unknown) => unknown;
  readonly reflectedType?: unknown;
  readonly options?: { readonly discriminator?: unknown };
}

/** The parts of class-transformer's storage read here (keyed by class); private there. */
interface DeclarationStorage {
  readonly _typeMetadatas: Map<unknown, Map<string, TypeDeclaration>>;
  readonly _transformMetadatas: Map<unknown, unknown>;
  readonly _exposeMetadatas: Map<unknown, unknown>;
  readonly _excludeMetadatas: Map<unknown, unknown>;
}

const storage = defaultMetadataStorage as unknown as DeclarationStorage;

/** A DTO class as instantiated here: the class of each `@Type` property, and what to skip. */
interface InstanceShape {
  readonly dto: ClassConstructor<object>;
  readonly nested: ReadonlyMap<string, InstanceShape>;
  /** The prototype's own properties without a setter (class-transformer never assigns them). */
  readonly readOnly: ReadonlySet<string>;
}

/** null: a class this walk does not model; class-transformer instantiates it. */
const shapes = new Map<ClassConstructor<object>, InstanceShape | null>();

/**
 * `plainToInstance(dto, plain, { enableImplicitConversion: false })` for a parsed JSON value
 * (plain objects, arrays and primitives, already through `structuralProblems`): the same instance,
 * without class-transformer's per-key lookups of every kind of declaration (its walk was the
 * largest single cost of reading an event in a gate). Only `@Type` to a DTO class is modelled;
 * when anything else is declared in the process (`@Transform`, `@Expose`, `@Exclude`, a
 * discriminator, a Set or Map property), class-transformer does the work. The test suite checks
 * every input against class-transformer's instance (BIOGATE_VALIDATION_CROSS_CHECK).
 */
export function instanceFromJson<T extends object>(dto: ClassConstructor<T>, plain: object): T {
  const shape = onlyTypesDeclared() ? shapeOf(dto) : null;
  if (shape === null) return plainToInstance(dto, plain, { enableImplicitConversion: false });
  return instanceOf(shape, plain as Record<string, unknown>) as T;
}

function onlyTypesDeclared(): boolean {
  return (
    storage._transformMetadatas.size === 0 &&
    storage._exposeMetadatas.size === 0 &&
    storage._excludeMetadatas.size === 0
  );
}

function instanceOf(shape: InstanceShape, plain: Record<string, unknown>): object {
  const instance = new shape.dto() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (shape.readOnly.has(key) || instance[key] instanceof Function) continue;
    instance[key] = valueOf(plain[key], shape.nested.get(key));
  }
  return instance;
}

/** A value as class-transformer makes it: arrays and untyped objects copied, typed ones built. */
function valueOf(value: unknown, shape: InstanceShape | undefined): unknown {
  if (Array.isArray(value)) {
    // A new array of this realm (`map` would make one of the input's: under jest, another).
    const items: unknown[] = [];
    for (const item of value as unknown[]) items.push(valueOf(item, shape));
    return items;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (shape !== undefined) return instanceOf(shape, value as Record<string, unknown>);
  // An untyped object is copied into a new object of its own constructor: Object, or another
  // realm's Object (under jest, node's own modules parse into the main realm).
  const { constructor } = value as { constructor?: unknown };
  const copy = (
    typeof constructor === 'function' && constructor !== Object && constructor !== Array
      ? new (constructor as new () => object)()
      : {}
  ) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (OBJECT_READ_ONLY.has(key)) continue;
    copy[key] = valueOf((value as Record<string, unknown>)[key], undefined);
  }
  return copy;
}

/** Object.prototype's own properties: functions and accessors without a setter, all skipped. */
const OBJECT_READ_ONLY = readOnlyOf(Object.prototype);

function readOnlyOf(prototype: object): ReadonlySet<string> {
  const names = new Set<string>(['__proto__', 'constructor']);
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(prototype)))
    if (descriptor.set === undefined) names.add(name);
  return names;
}

function shapeOf(dto: ClassConstructor<object>): InstanceShape | null {
  const known = shapes.get(dto);
  if (known !== undefined) return known;
  const made: ClassConstructor<object>[] = [];
  const shape = compiledShape(dto, made);
  // A class made on the way may hold the shape of one found unmodelled since (a cycle): none
  // of them is kept.
  if (shape === null) for (const each of made) shapes.set(each, null);
  return shape;
}

function compiledShape(
  dto: ClassConstructor<object>,
  made: ClassConstructor<object>[],
): InstanceShape | null {
  const known = shapes.get(dto);
  if (known !== undefined) return known;
  // Placed first, so that a class nested in itself (directly or not) finds its own shape.
  const nested = new Map<string, InstanceShape>();
  const shape: InstanceShape = { dto, nested, readOnly: readOnlyOf(dto.prototype as object) };
  shapes.set(dto, shape);
  made.push(dto);
  for (const [property, declaration] of typeDeclarationsOf(dto)) {
    const type = modelledType(declaration);
    const inner = type === undefined ? null : compiledShape(type, made);
    if (inner === null) return null;
    nested.set(property, inner);
  }
  return shape;
}

/** The class a `@Type` names, if this walk models it: a DTO class, no discriminator, no Set. */
function modelledType(declaration: TypeDeclaration): ClassConstructor<object> | undefined {
  if (declaration.options?.discriminator !== undefined) return undefined;
  if (declaration.typeFunction === undefined || declaration.typeFunction.length > 0)
    return undefined;
  const reflected = declaration.reflectedType;
  // An array property becomes a new Array unless its declared type is a collection.
  if (typeof reflected === 'function' && reflected !== Array) {
    const prototype = reflected.prototype as unknown;
    const collection = typeof prototype === 'object' && prototype !== null && 'push' in prototype;
    if (reflected === Set || reflected === Map || collection) return undefined;
  }
  const type = declaration.typeFunction();
  if (typeof type !== 'function' || BUILT_IN_TYPES.has(type)) return undefined;
  return type as ClassConstructor<object>;
}

const BUILT_IN_TYPES = new Set<unknown>([
  String,
  Number,
  Boolean,
  Date,
  Buffer,
  Array,
  Set,
  Map,
  Object,
  Promise,
]);

/** The `@Type` declarations that apply to a class: its own first, then its ancestors'. */
function typeDeclarationsOf(dto: ClassConstructor<object>): Map<string, TypeDeclaration> {
  const found = new Map<string, TypeDeclaration>();
  for (
    let target: unknown = dto;
    typeof target === 'function' && target !== Function.prototype;
    target = Object.getPrototypeOf(target)
  ) {
    for (const [property, declaration] of storage._typeMetadatas.get(target) ?? [])
      if (!found.has(property)) found.set(property, declaration);
  }
  return found;
}
