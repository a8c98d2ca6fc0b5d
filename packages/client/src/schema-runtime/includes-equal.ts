import { deepEqual } from './deep-equal.js';

/** `enum` with an object or array among its values: whether `x` equals one of `values`. */
export function includesEqual(values: readonly unknown[], x: unknown): boolean {
  for (const value of values) if (deepEqual(value, x)) return true;
  return false;
}
