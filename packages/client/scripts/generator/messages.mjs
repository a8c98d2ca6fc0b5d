// @ts-check
// What an issue says, decided when generating from the keyword and where it stands: a pattern's
// words are the `x-pattern-message` of the schema it stands in, never looked up by the pattern.
// A message never quotes the failing value (it may be long, or secret); it may quote the spec.
import { pathSegment } from './pointer.mjs';
import { FORMATS } from './vocabulary.mjs';

/** @param {number} n */
const plural = (n) => (n === 1 ? '' : 's');

/**
 * The message of a failing keyword (without the path, which the issue adds).
 * @param {string} keyword
 * @param {Record<string, any>} schema the schema the keyword stands in
 * @returns {string}
 */
export function messageOf(keyword, schema) {
  const v = schema[keyword];
  switch (keyword) {
    case 'type':
      return `must be ${[v].flat().join(' or ')}`;
    case 'required':
      return 'is required';
    case 'maxLength':
      return `must be at most ${v} characters`;
    case 'minLength':
      return `must be at least ${v} characters`;
    case 'pattern':
      return `must be ${schema['x-pattern-message']}`;
    case 'format':
      return /** @type {{ message: string }} */ (FORMATS[v]).message;
    case 'enum':
      return `must be one of ${JSON.stringify(v)}`;
    case 'const':
      return `must be ${JSON.stringify(v)}`;
    case 'minimum':
      return `must be >= ${v}`;
    case 'maximum':
      return `must be <= ${v}`;
    case 'exclusiveMinimum':
      return `must be > ${v}`;
    case 'exclusiveMaximum':
      return `must be < ${v}`;
    case 'multipleOf':
      return `must be a multiple of ${v}`;
    case 'minItems':
      return `must have at least ${v} item${plural(v)}`;
    case 'maxItems':
      return `must have at most ${v} item${plural(v)}`;
    case 'minProperties':
      return `must have at least ${v} field${plural(v)}`;
    case 'maxProperties':
      return `must have at most ${v} field${plural(v)}`;
    case 'anyOf':
      return 'must match one of the allowed shapes';
    case 'oneOf':
      return 'must match exactly one of the allowed shapes';
    case 'not':
      return 'must not match the excluded shape';
    case 'contains':
      return 'must contain an item of the required shape';
    case 'minContains':
      return `must contain at least ${v} item${plural(v)} of the required shape`;
    case 'maxContains':
      return `must contain at most ${v} item${plural(v)} of the required shape`;
    case 'propertyNames':
      return 'is not an allowed field name';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not a known field';
    default:
      return 'is not allowed';
  }
}

/**
 * `dependentRequired`: a field required because another is present.
 * @param {string} present
 */
export const dependentRequiredMessage = (present) =>
  `is required when ${pathSegment(present)} is present`;

/**
 * `items: false` after `prefixItems` (or alone): the array is too long.
 * @param {number} max
 */
export const noMoreItemsMessage = (max) => `must have at most ${max} item${plural(max)}`;

/**
 * `uniqueItems`: the message around the two indices found equal at run time.
 * @returns {[string, string, string]}
 */
export const uniqueItemsMessage = () => ['must not repeat an item (#', ' and #', ' are equal)'];
