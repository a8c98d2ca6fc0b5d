// Spectral function of `tianman-property-description`: every field a body or an answer can carry
// says what it means. Integrators read the spec, and the description becomes the field's TSDoc.
import { followRef, pointerOf } from './lib/pointer.js';
import { allSchemaRoots, schemaNodes } from './lib/schema-nodes.js';

/** Subschemas that test a value rather than declare one: their properties are conditions. */
const CONDITIONS = new Set(['if', 'not', 'propertyNames', 'contains']);

/**
 * Reports each declared property, in any schema of the document at any depth, whose schema (or
 * the schema its `$ref` points to) has no description. A property written `name: true` repeats
 * a declaration made elsewhere and is left alone.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function propertyDescriptions(doc) {
  const results = [];
  for (const { node, path, under } of schemaNodes(allSchemaRoots(doc))) {
    if (under.some((keyword) => CONDITIONS.has(keyword))) continue;
    const properties = node.properties;
    if (!properties || typeof properties !== 'object') continue;
    for (const [name, property] of Object.entries(properties)) {
      if (!property || typeof property !== 'object') continue;
      const at = [...path, 'properties', name];
      if (described(property) || described(followRef(doc, property, at).node)) continue;
      results.push({
        message: `Property ${name} (${pointerOf(at)}) has no description: add description: saying what it means (integrators read it in the spec and in the client's TSDoc).`,
        path: at,
      });
    }
  }
  return results;
}

const described = (schema) =>
  schema !== null &&
  typeof schema === 'object' &&
  typeof schema.description === 'string' &&
  schema.description.trim() !== '';
