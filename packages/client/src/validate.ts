/**
 * The subset of JSON Schema (2020-12 semantics) the generator lets into `requestSchemas`: type,
 * properties, required, additionalProperties, minLength, maxLength, pattern, enum, const,
 * if/then/else, minimum, maximum. The generator refuses any other keyword (and non-primitive
 * `enum`/`const` values, which is why `===` is equality here), so a spec edit can never be
 * silently unchecked. The verdict must equal Ajv's (what Prism runs in the mock); the mock's
 * differential test checks that.
 */

/** One reason a request body was refused. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value: `''` is the body itself, `/detail/paidTime` a field. */
  path: string;
  /**
   * The JSON Schema keyword that failed (`required`, `pattern`, `maxLength`, …), or a client
   * rule beyond the contract: `paidTime.notInFuture`, `paidTime.realDate`, `paidTime.dateOnly`.
   */
  rule: string;
  /** For people: the path and what is wrong. Never repeats the value. */
  message: string;
}

/** A schema of the supported subset, as `requestSchemas` holds them. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
  readonly else?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
}

// Compiled once per process, not per call. `u` is what JSON Schema means (and Ajv's default);
// `test` is the unanchored search the spec asks for: anchors come only from the pattern.
const compiled = new Map<string, RegExp>();

/** JSON Pointer of `key` within `path`: `~` and `/` in a key are escaped. */
const child = (path: string, key: string): string =>
  `${path}/${/[~/]/.test(key) ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key}`;

function add(
  issues: ValidationIssue[],
  path: string,
  key: string | undefined,
  rule: string,
  what: string,
): void {
  const at = key === undefined ? path : child(path, key);
  issues.push({ path: at, rule, message: `${at || 'body'} ${what}` });
}

const isType = (type: string, kind: string, value: unknown): boolean =>
  type === kind || (type === 'integer' && Number.isInteger(value));

/**
 * Validates a JSON value against a schema of the supported subset, collecting every violation,
 * not just the first. It runs on every call, so a valid value costs no allocation: not even its
 * path, which is built only for an issue.
 *
 * @param schema - A schema from `requestSchemas`.
 * @param value - A JSON value, as `JSON.parse` returns it.
 * @param path - JSON Pointer of `value` within the body (of its parent, when `key` is given).
 * @param issues - Where issues are collected.
 * @param key - The property of the parent at `path` that holds `value`.
 * @returns `issues`: empty when the value is valid.
 */
export function validateSchema(
  schema: JsonSchema,
  value: unknown,
  path = '',
  issues: ValidationIssue[] = [],
  key?: string,
): ValidationIssue[] {
  const { type, minLength, maxLength, pattern, minimum, maximum } = schema;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (
    type !== undefined &&
    !(typeof type === 'string'
      ? isType(type, kind, value)
      : type.some((t) => isType(t, kind, value)))
  ) {
    add(issues, path, key, 'type', `must be ${([] as string[]).concat(type).join(' or ')}`);
  }
  if ('const' in schema && value !== schema.const) {
    add(issues, path, key, 'const', `must be ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum && !schema.enum.includes(value)) {
    add(issues, path, key, 'enum', `must be one of ${JSON.stringify(schema.enum)}`);
  }
  if (kind === 'string') {
    const s = value as string;
    // Lengths count code points (a surrogate pair is one), and code points <= UTF-16 units <=
    // 2 × code points: count them only when the units cannot tell.
    if (s.length > (maxLength as number) && [...s].length > (maxLength as number)) {
      add(issues, path, key, 'maxLength', `must be at most ${maxLength} characters`);
    }
    if (s.length < 2 * (minLength as number) && [...s].length < (minLength as number)) {
      add(issues, path, key, 'minLength', `must be at least ${minLength} characters`);
    }
    if (pattern !== undefined) {
      let re = compiled.get(pattern);
      if (!re) {
        re = new RegExp(pattern, 'u');
        compiled.set(pattern, re);
      }
      if (!re.test(s)) add(issues, path, key, 'pattern', `must match ${pattern}`);
    }
  } else if (kind === 'number') {
    // A missing bound compares false.
    if ((value as number) < (minimum as number)) {
      add(issues, path, key, 'minimum', `must be >= ${minimum}`);
    }
    if ((value as number) > (maximum as number)) {
      add(issues, path, key, 'maximum', `must be <= ${maximum}`);
    }
  } else if (kind === 'object') {
    const object = value as Record<string, unknown>;
    const { properties = {}, required = [], additionalProperties = true } = schema;
    const here = key === undefined ? path : child(path, key);
    for (const name of required) {
      if (!Object.hasOwn(object, name)) add(issues, here, name, 'required', 'is required');
    }
    for (const name in object) {
      const sub = Object.hasOwn(properties, name) ? properties[name] : additionalProperties;
      if (sub === false) add(issues, here, name, 'additionalProperties', 'is not a known field');
      else if (sub !== true) validateSchema(sub as JsonSchema, object[name], here, issues, name);
    }
  }
  if (schema.if) {
    // The `if` verdict is taken in `issues` itself, then its issues are dropped: no array.
    const mark = issues.length;
    validateSchema(schema.if, value, path, issues, key);
    const branch = issues.length === mark ? schema.then : schema.else;
    issues.length = mark;
    if (branch) validateSchema(branch, value, path, issues, key);
  }
  return issues;
}
