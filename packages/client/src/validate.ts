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

/** Unicode code points, as `minLength`/`maxLength` count them: a surrogate pair is one. */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Validates a JSON value against a schema of the supported subset, collecting every violation,
 * not just the first.
 *
 * @param schema - A schema from `requestSchemas`.
 * @param value - A JSON value, as `JSON.parse` returns it.
 * @param path - JSON Pointer of `value` within the body.
 * @param issues - Where issues are collected.
 * @returns `issues`: empty when the value is valid.
 */
export function validateSchema(
  schema: JsonSchema | boolean,
  value: unknown,
  path = '',
  issues: ValidationIssue[] = [],
): ValidationIssue[] {
  const add = (rule: string, what: string, at = path): void => {
    issues.push({ path: at, rule, message: `${at || 'body'} ${what}` });
  };
  if (schema === false) add('false', 'is not allowed');
  if (typeof schema !== 'object') return issues;
  const { type, minLength, maxLength, pattern, minimum, maximum } = schema;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const types = type === undefined ? undefined : ([] as string[]).concat(type);
  if (types && !types.some((t) => t === kind || (t === 'integer' && Number.isInteger(value)))) {
    add('type', `must be ${types.join(' or ')}`);
  }
  if ('const' in schema && value !== schema.const)
    add('const', `must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value))
    add('enum', `must be one of ${JSON.stringify(schema.enum)}`);
  if (kind === 'string') {
    const s = value as string;
    // Code points <= UTF-16 units, so only a string over the limit in units needs counting.
    if (maxLength !== undefined && s.length > maxLength && length(s) > maxLength) {
      add('maxLength', `must be at most ${maxLength} characters`);
    }
    if (minLength !== undefined && length(s) < minLength) {
      add('minLength', `must be at least ${minLength} characters`);
    }
    if (pattern !== undefined) {
      let re = compiled.get(pattern);
      if (!re) {
        re = new RegExp(pattern, 'u');
        compiled.set(pattern, re);
      }
      if (!re.test(s)) add('pattern', `must match ${pattern}`);
    }
  }
  if (kind === 'number') {
    if ((value as number) < (minimum ?? -Infinity)) add('minimum', `must be >= ${minimum}`);
    if ((value as number) > (maximum ?? Infinity)) add('maximum', `must be <= ${maximum}`);
  }
  if (kind === 'object') {
    const object = value as Record<string, unknown>;
    const { properties = {}, required = [], additionalProperties = true } = schema;
    for (const key of required) {
      if (!Object.hasOwn(object, key)) add('required', 'is required', `${path}/${key}`);
    }
    for (const key in object) {
      // JSON Pointer escaping: `~` and `/` in a key.
      const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const sub = Object.hasOwn(properties, key) ? properties[key] : additionalProperties;
      if (sub === false) add('additionalProperties', 'is not a known field', at);
      else validateSchema(sub as JsonSchema, object[key], at, issues);
    }
  }
  if (schema.if) {
    const branch = validateSchema(schema.if, value, path)[0] ? schema.else : schema.then;
    if (branch) validateSchema(branch, value, path, issues);
  }
  return issues;
}
