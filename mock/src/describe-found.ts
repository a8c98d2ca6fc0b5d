import type { PointerLookup } from './json-pointer.js';

/**
 * The members whose value a drift report may show: the platform's result codes (`respCode` of
 * the endpoint's dialect, `errCode` of the gateway's), public by nature and the one thing a
 * reader needs to act on. Every other value is described by its type only: an answer carries
 * tokens (`accessToken`), and a report is shared.
 */
const CODE_POINTERS = new Set(['/respCode', '/errCode']);

/** What a code looks like; anything else in a code field is described, not shown. */
const CODE_SHAPE = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * "What came back" at a place in an answer's body, in a few words and never a value, except a
 * code-shaped `respCode`/`errCode`: `absent`, `null`, `string of 12 characters`,
 * `string "ORDER_FROZEN"`, `integer`, `number`, `boolean`, `object`, `array of 3 items`.
 */
export function describeFound(found: PointerLookup, pointer: string): string {
  if (!found.present) return 'absent';
  const { value } = found;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') {
    if (CODE_POINTERS.has(pointer) && CODE_SHAPE.test(value)) return `string "${value}"`;
    return `string of ${value.length} character${value.length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
