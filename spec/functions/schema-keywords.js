// Spectral function of `tianman-schema-keywords`: the generator compiles every schema of
// `components.schemas` and every request body schema, and refuses a keyword it does not know (a
// typo such as `maxlength` would otherwise check nothing) and an extension it does not read.
import { pointerOf } from './lib/pointer.js';
import { compiledSchemaRoots, schemaNodes } from './lib/schema-nodes.js';

/** JSON Schema 2020-12's keywords (every vocabulary) and the annotations OpenAPI 3.1 adds. */
const KEYWORDS = new Set([
  // core
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'definitions',
  // applicator
  'prefixItems',
  'items',
  'contains',
  'additionalProperties',
  'properties',
  'patternProperties',
  'dependentSchemas',
  'propertyNames',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  // unevaluated
  'unevaluatedItems',
  'unevaluatedProperties',
  // validation
  'type',
  'const',
  'enum',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  // format, content, meta-data
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  // OpenAPI 3.1's own
  'discriminator',
  'xml',
  'externalDocs',
  'example',
]);

/** Lower-case keyword → keyword, to name the one a mistyped key meant. */
const BY_LOWER_CASE = new Map([...KEYWORDS].map((k) => [k.toLowerCase(), k]));

/**
 * Reports each key of a compiled schema that is neither a JSON Schema keyword nor an extension
 * the generator reads, and each `format` the client does not assert.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @param {{ extensions: string[], formats: string[] }} options the `x-` extensions the generator
 *   reads, the formats the client's validators assert
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function schemaKeywords(doc, options) {
  const extensions = new Set(options?.extensions ?? []);
  const formats = options?.formats ?? [];
  const results = [];
  for (const { node, path } of schemaNodes(compiledSchemaRoots(doc))) {
    if ('format' in node && !formats.includes(node.format)) {
      results.push({
        message: `${pointerOf([...path, 'format'])}: format ${JSON.stringify(node.format)} is not one the client's validators assert (${formats.join(', ')}), so it would check nothing: use one of those, or say it with a pattern and its x-pattern-message.`,
        path: [...path, 'format'],
      });
    }
    for (const key of Object.keys(node)) {
      if (KEYWORDS.has(key) || extensions.has(key)) continue;
      const where = pointerOf([...path, key]);
      let message;
      if (key.startsWith('x-')) {
        message = `${where}: the extension ${key} means nothing to the generator, which refuses it: remove it (the generator reads ${[...extensions].join(', ') || 'no extension'} in schemas).`;
      } else {
        const meant = BY_LOWER_CASE.get(key.toLowerCase());
        message = meant
          ? `${where}: ${key} is not a JSON Schema keyword (it would check nothing, and the generator refuses it): write ${meant}.`
          : `${where}: ${key} is not a JSON Schema 2020-12 keyword (it would check nothing, and the generator refuses it): remove it, or say it in the description.`;
      }
      results.push({ message, path: [...path, key] });
    }
  }
  return results;
}
