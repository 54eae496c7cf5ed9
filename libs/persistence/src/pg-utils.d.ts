/** node-postgres's own parameter encoding (not in @types/pg): how a JS value is sent as text. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
