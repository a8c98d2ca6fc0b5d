/**
 * What Ajv's standalone validators (src/generated/validators.js) need at run time, instead of
 * Ajv's own `ajv/dist/runtime/*`: the client ships the generated code and these few lines, not
 * Ajv. The generator refuses a contract that would need any other helper.
 */

/**
 * One error as Ajv's generated code reports it: `messages: false` (we write ours), and the
 * generator drops `schemaPath` (unused, and it does not compress).
 */
export interface AjvError {
  /** JSON Pointer of the failing value. */
  instancePath: string;
  /** The failing keyword. */
  keyword: string;
  /** The keyword's parameters (`limit`, `missingProperty`, `pattern`, …). */
  params: Record<string, unknown>;
}

/** A generated validator: `true` when valid, else its `errors` hold every violation. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/**
 * The length of a string in code points, as JSON Schema counts `maxLength` (a surrogate pair is
 * one). A loop, not a spread: no array of the string's characters is built. The generated code
 * only calls it when `.length` cannot decide.
 */
export function ucs2length(s: string): number {
  let length = 0;
  for (let i = 0; i < s.length; i++, length++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return length;
}

/** Deep equality of JSON values, for `enum` and `const` with objects or arrays. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Appends one error to a validator's list (made empty when the validator starts; its length is
 * the error count): the generator folds each of Ajv's `const err = {…}; vErrors.push(err);
 * errors++` into this call.
 */
export function pushError(
  errors: AjvError[],
  instancePath: string,
  keyword: string,
  params: Record<string, unknown>,
): void {
  errors.push({ instancePath, keyword, params });
}
