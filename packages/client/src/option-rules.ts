import { fail } from './errors.js';

/** The longest delay `setTimeout` honours: a longer one fires at once. */
export const MAX_MS = 2 ** 31 - 1;

/**
 * How a field is checked: a `typeof`, `'array'`, `'count'` (a number from 0 to {@link MAX_MS}:
 * NaN or Infinity would retry forever, and setTimeout fires at once for a delay past it), the
 * allowed values, or `null` when it is checked elsewhere.
 */
export type Rule =
  | 'string'
  | 'boolean'
  | 'function'
  | 'object'
  | 'array'
  | 'count'
  | readonly string[]
  | null;

/** Checks one field by its {@link Rule}; `undefined` is absent. Values are never echoed. */
function check(value: unknown, rule: Rule, name: string): void {
  if (value === undefined || rule === null) return;
  if (rule === 'count') {
    if (!(typeof value === 'number' && value >= 0 && value <= MAX_MS)) {
      fail('ERR_INVALID_OPTION', `${name}: expected number from 0 to ${MAX_MS}`);
    }
  } else if (typeof rule !== 'string') {
    if (!rule.includes(value as string)) {
      fail('ERR_INVALID_OPTION', `${name}: expected ${rule.join(' or ')}`);
    }
  } else if (rule === 'array' ? !Array.isArray(value) : typeof value !== rule) {
    fail('ERR_INVALID_OPTION', `${name}: expected ${rule}`);
  }
}

/**
 * Refuses a key `rules` does not know (the message names it, `what` says what it is, and lists
 * the known ones), then checks each field, named `prefix` + key.
 */
export function checkFields(
  value: object,
  rules: Record<string, Rule>,
  what: string,
  prefix = '',
): void {
  const known = Object.keys(rules);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      fail('ERR_INVALID_OPTION', `unknown ${what}${key}: remove it (known: ${known.join(', ')})`);
    }
  }
  for (const key of known)
    check((value as Record<string, unknown>)[key], rules[key] ?? null, prefix + key);
}
