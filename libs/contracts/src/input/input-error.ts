/** One structural problem in an input: where it is and what was expected there. */
export interface InputError {
  /** e.g. `request[3].passenger.checkedBags`; empty for the input as a whole. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function formatInputError(error: InputError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** The most characters of an offending value a message shows. */
const SHOWN = 60;

/** `got "two"`, `got 3`, `got ["POWER"]`: the offending value as JSON, cut short if long. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `a number out of range`;
  if (typeof value === 'string' && value.length > 60) {
    return `${JSON.stringify(value.slice(0, 40))}... (${value.length} characters)`;
  }
  const text = jsonPreview(value, SHOWN + 1);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

/**
 * The first `limit` characters (or a few more) of a value's JSON. It stops writing there, so a
 * value nested 50,000 deep, which JSON.stringify recurses into until the stack overflows, or one
 * of millions of items, costs no more to describe than a short one: each level writes at least
 * one character, so the recursion is never deeper than `limit`.
 */
function jsonPreview(value: unknown, limit: number): string {
  let text = '';
  const write = (item: unknown): void => {
    if (Array.isArray(item)) {
      text += '[';
      for (let i = 0; i < item.length && text.length < limit; i++) {
        if (i > 0) text += ',';
        write(item[i] === undefined ? null : item[i]);
      }
      text += ']';
    } else if (typeof item === 'object' && item !== null && !('toJSON' in item)) {
      text += '{';
      let first = true;
      for (const key of Object.keys(item)) {
        if (text.length >= limit) break;
        const field = (item as Record<string, unknown>)[key];
        if (field === undefined) continue;
        text += `${first ? '' : ','}${JSON.stringify(key.slice(0, limit))}:`;
        first = false;
        write(field);
      }
      text += '}';
    } else if (typeof item === 'string') {
      text += JSON.stringify(item.slice(0, limit));
    } else {
      // undefined for a function or a symbol, which no JSON input holds.
      text += (JSON.stringify(item) as string | undefined) ?? 'null';
    }
  };
  write(value);
  return text;
}

export function joinPath(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  return parent === '' ? child : `${parent}.${child}`;
}
