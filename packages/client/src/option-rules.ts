import { fail } from './errors.js';

/** The longest delay `setTimeout` honours: a longer one fires at once. */
const MAX_MS = 2 ** 31 - 1;

/** The longest retry delay: the platform's advice for its slowest transient state is minutes. */
const MAX_DELAY_MS = 600_000;

/** The most retries a call may make: more would hammer a platform that caps its callers. */
const MAX_RETRIES = 10;

/**
 * How a field is checked: a `typeof`, `'array'`, `'count'` (a number from 0 to {@link MAX_MS}:
 * NaN or Infinity would retry forever, and setTimeout fires at once for a delay past it),
 * `'delay'` (a number from 0 to {@link MAX_DELAY_MS}), `'retries'` (a whole number from 0 to
 * {@link MAX_RETRIES}), `'signal'` (an `AbortSignal`), the allowed values, or `null` when it is
 * checked elsewhere.
 */
export type Rule =
  | 'string'
  | 'boolean'
  | 'function'
  | 'object'
  | 'array'
  | 'count'
  | 'delay'
  | 'retries'
  | 'signal'
  | readonly string[]
  | null;

// The range rules: the test, and what the message says is expected.
const RANGES: Record<string, [(n: number) => boolean, string]> = {
  count: [(n) => n >= 0 && n <= MAX_MS, `number from 0 to ${MAX_MS}`],
  delay: [(n) => n >= 0 && n <= MAX_DELAY_MS, `number from 0 to ${MAX_DELAY_MS}`],
  retries: [
    (n) => Number.isInteger(n) && n >= 0 && n <= MAX_RETRIES,
    `a whole number from 0 to ${MAX_RETRIES}`,
  ],
};

/** Whether `value` is an `AbortSignal`, from this realm or another (checked by shape). */
function isSignal(value: unknown): boolean {
  const signal = value as AbortSignal | null;
  return (
    typeof signal === 'object' &&
    signal !== null &&
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  );
}

/** Checks one field by its {@link Rule}; `undefined` is absent. Values are never echoed. */
function check(value: unknown, rule: Rule, name: string): void {
  if (value === undefined || rule === null) return;
  const range = typeof rule === 'string' ? RANGES[rule] : undefined;
  if (range) {
    if (!(typeof value === 'number' && range[0](value))) {
      fail('ERR_INVALID_OPTION', `${name}: expected ${range[1]}`);
    }
  } else if (rule === 'signal') {
    if (!isSignal(value)) fail('ERR_INVALID_OPTION', `${name}: expected an AbortSignal`);
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
