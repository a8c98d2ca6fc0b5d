import { deepEqual } from './deep-equal.js';

/** A JSON value's text with object keys sorted: equal for values `deepEqual` finds equal. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

// Below this, comparing every pair costs less than writing each item out.
const PAIRWISE = 16;

/**
 * `uniqueItems`: the indices `[j, i]` (`j < i`) of the first item equal to an earlier one, or
 * `null` when all differ. Long arrays are compared by canonical text, in linear time: a hostile
 * array of many items is not compared pair by pair.
 */
export function repeatedItem(items: readonly unknown[]): [number, number] | null {
  if (items.length <= PAIRWISE) {
    for (let i = 1; i < items.length; i++) {
      for (let j = 0; j < i; j++) if (deepEqual(items[j], items[i])) return [j, i];
    }
    return null;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = canonical(items[i]);
    const j = seen.get(key);
    if (j !== undefined) return [j, i];
    seen.set(key, i);
  }
  return null;
}
