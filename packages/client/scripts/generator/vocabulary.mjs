// @ts-check
// The keywords the compiler knows: JSON Schema 2020-12's core, applicator, unevaluated,
// validation, format-assertion (the formats below) and meta-data vocabularies, OpenAPI 3.1's
// annotations, and the generator's own `x-pattern-message`. Anything else in a schema is refused:
// a typo such as `maxlength` must not leave a field unchecked.

/** Keywords whose value is one schema. */
export const SCHEMA = new Set([
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);

/** Keywords whose value is a non-empty array of schemas. */
export const SCHEMA_ARRAY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);

/** Annotations: they change no verdict, and the compiler reads none of them. */
export const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'discriminator',
  'xml',
  'externalDocs',
]);

/** The dialects a `$schema` may name: JSON Schema 2020-12, and OpenAPI 3.1's, built on it. */
export const DIALECTS = new Set([
  'https://json-schema.org/draft/2020-12/schema',
  'https://spec.openapis.org/oas/3.1/dialect/base',
]);

/** Keywords refused with a reason of their own. */
export const REFUSED = {
  $dynamicRef: 'dynamic references are not supported; use $ref',
  $dynamicAnchor: 'dynamic anchors are not supported; use $anchor',
  $vocabulary: 'custom vocabularies are not supported (the compiler knows 2020-12 and OpenAPI 3.1)',
  $recursiveRef: 'a draft 2019-09 keyword; 2020-12 has no $recursiveRef',
  $recursiveAnchor: 'a draft 2019-09 keyword; 2020-12 has no $recursiveAnchor',
  definitions: 'a draft-07 keyword; 2020-12 calls it $defs',
  dependencies: 'a draft-07 keyword; 2020-12 has dependentRequired and dependentSchemas',
};

/**
 * The asserted formats: the runtime module and function that checks each, and what a failure
 * says. Each is its own module, so a bundle holds only the formats its spec uses.
 * @type {Record<string, { module: string, name: string, message: string }>}
 */
export const FORMATS = {
  date: { module: 'format-date', name: 'isDate', message: 'must be a date, YYYY-MM-DD' },
  'date-time': {
    module: 'format-date-time',
    name: 'isDateTime',
    message: 'must be a date-time, YYYY-MM-DDThh:mm:ss with a time zone (RFC 3339)',
  },
  time: {
    module: 'format-time',
    name: 'isTime',
    message: 'must be a time, hh:mm:ss with a time zone (RFC 3339)',
  },
  email: { module: 'format-email', name: 'isEmail', message: 'must be an email address' },
  uri: { module: 'format-uri', name: 'isUri', message: 'must be an absolute URI (RFC 3986)' },
  uuid: { module: 'format-uuid', name: 'isUuid', message: 'must be a UUID, 8-4-4-4-12 hex digits' },
  ipv4: { module: 'format-ipv4', name: 'isIpv4', message: 'must be an IPv4 address' },
  ipv6: { module: 'format-ipv6', name: 'isIpv6', message: 'must be an IPv6 address' },
};

const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const ANCHOR = /^[A-Za-z_][-A-Za-z0-9._]*$/;

/**
 * Whether `value` is JSON: what a spec may compare a body with (YAML also reads `.inf`, `.nan`).
 * @param {unknown} value
 * @returns {boolean}
 */
export function isJson(value) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object') {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isJson);
  }
  return false;
}

/** @param {unknown} v */
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/**
 * @param {unknown} v
 * @returns {v is number}
 */
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * @param {unknown} v
 * @returns {v is string[]}
 */
const uniqueStrings = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') && new Set(v).size === v.length;

/**
 * Why a regular expression cannot be used (ECMA-262 with the `u` flag), or undefined.
 * @param {string} source
 */
export function regexProblem(source) {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch (error) {
    return `is not an ECMA-262 regular expression with the u flag (${/** @type {Error} */ (error).message})`;
  }
}

/**
 * What is wrong with the value of a validation or core keyword, or undefined when it is right.
 * Subschema keywords are checked by the walker.
 * @type {Record<string, (value: unknown, schema: Record<string, unknown>) => string | undefined>}
 */
export const CHECKS = {
  type: (v) =>
    (typeof v === 'string' ? TYPES.has(v) : uniqueStrings(v) && v.every((t) => TYPES.has(t)))
      ? undefined
      : `must be one of ${[...TYPES].join(', ')}, or an array of them without repeats`,
  enum: (v) => (Array.isArray(v) && isJson(v) ? undefined : 'must be an array of JSON values'),
  const: (v) => (isJson(v) ? undefined : 'must be a JSON value'),
  multipleOf: (v) => (isNumber(v) && v > 0 ? undefined : 'must be a number greater than 0'),
  maximum: (v) => (isNumber(v) ? undefined : 'must be a number'),
  exclusiveMaximum: (v) => (isNumber(v) ? undefined : 'must be a number'),
  minimum: (v) => (isNumber(v) ? undefined : 'must be a number'),
  exclusiveMinimum: (v) => (isNumber(v) ? undefined : 'must be a number'),
  maxLength: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  minLength: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  maxItems: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  minItems: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  maxContains: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  minContains: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  maxProperties: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  minProperties: (v) => (isCount(v) ? undefined : 'must be a non-negative integer'),
  uniqueItems: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  required: (v) => (uniqueStrings(v) ? undefined : 'must be an array of names without repeats'),
  dependentRequired: (v) =>
    isObject(v) && Object.values(/** @type {object} */ (v)).every(uniqueStrings)
      ? undefined
      : 'must map names to arrays of names without repeats',
  pattern: (v, schema) =>
    typeof v !== 'string'
      ? 'must be a string'
      : (regexProblem(v) ??
        (schema['x-pattern-message'] === undefined
          ? 'has no x-pattern-message: say in words what the pattern allows (users see it, not the regex)'
          : undefined)),
  format: (v) =>
    typeof v !== 'string'
      ? 'must be a string'
      : Object.hasOwn(FORMATS, v)
        ? undefined
        : `is "${v}", which the client does not assert (it knows ${Object.keys(FORMATS).join(', ')}): say it with a pattern and an x-pattern-message`,
  $ref: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  $id: (v) =>
    typeof v !== 'string'
      ? 'must be a string'
      : /#./.test(v)
        ? 'must not have a fragment (name a place with $anchor)'
        : undefined,
  $anchor: (v) =>
    typeof v === 'string' && ANCHOR.test(v)
      ? undefined
      : 'must be a name: a letter or _, then letters, digits, -, _ or .',
  $schema: (v) =>
    typeof v === 'string' && DIALECTS.has(v.replace(/#$/, ''))
      ? undefined
      : `must be ${[...DIALECTS].join(' or ')}: the compiler knows no other dialect`,
  'x-pattern-message': (v, schema) =>
    typeof v !== 'string' || !v.trim()
      ? 'must be a non-empty string: what the pattern allows, in words'
      : schema.pattern === undefined
        ? 'has no pattern beside it'
        : undefined,
};
