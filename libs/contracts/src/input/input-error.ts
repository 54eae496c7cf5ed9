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

/** `got "two"`, `got 3`, `got ["POWER"]`: the offending value as JSON, cut short if long. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `a number out of range`;
  if (typeof value === 'string' && value.length > 60) {
    return `${JSON.stringify(value.slice(0, 40))}... (${value.length} characters)`;
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function joinPath(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  return parent === '' ? child : `${parent}.${child}`;
}
