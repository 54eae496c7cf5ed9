import { joinPath, type InputError } from './input-error';

/** Deeper than any contract of ours by far; shallow enough that no validator can overflow. */
export const MAX_INPUT_DEPTH = 32;

/** Keys that would reach an object's prototype in the libraries that copy inputs into classes. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What must hold of any parsed JSON input before a validator or class-transformer walks it:
 * nesting within MAX_INPUT_DEPTH (deep nesting overflows their recursion), no prototype keys
 * (refused as unknown fields, like any other), and no NUL character in a string or key
 * (PostgreSQL cannot store one). Iterative, so the check itself cannot overflow.
 */
export function structuralProblems(value: unknown, path: string): InputError[] {
  const problems: InputError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next !== undefined && problems.length < 20; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) {
        problems.push({ path: next.path, message: 'contains a NUL character' });
      }
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_INPUT_DEPTH) {
      problems.push({
        path: next.path,
        message: `nested deeper than ${MAX_INPUT_DEPTH} levels; no field of this input is`,
      });
      continue;
    }
    if (Array.isArray(next.value)) {
      next.value.forEach((item, index) =>
        pending.push({ value: item, path: joinPath(next.path, index), depth: next.depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(next.value)) {
      const itemPath = joinPath(next.path, key.includes('\u0000') ? JSON.stringify(key) : key);
      if (PROTOTYPE_KEYS.has(key)) problems.push({ path: itemPath, message: 'unknown field' });
      else if (key.includes('\u0000'))
        problems.push({ path: itemPath, message: 'a field name with a NUL character' });
      else pending.push({ value: item, path: itemPath, depth: next.depth + 1 });
    }
  }
  return problems;
}
