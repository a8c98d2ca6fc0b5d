// Spectral function of `tianman-success-body-fields`: a method's result is the success body plus
// fields the client adds itself (`status`, `headers`, `attempts`); the generator refuses a
// success schema (200 or 201) that declares one of them, which the result would hide.
import { isTokenEndpoint, operationsOf } from './lib/operations.js';
import { followRef, pointerOf, resolveRef } from './lib/pointer.js';

/**
 * Reports each success body (of an operation other than the token endpoint) that declares a field
 * the client's result adds, at its top level, through `$ref`s and `allOf`.
 *
 * @param {any} doc the whole document, references unresolved
 * @param {{ fields: string[] }} options the fields the result adds
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function successBodyFields(doc, options) {
  const fields = options?.fields ?? [];
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    if (isTokenEndpoint(op)) continue;
    const status = op.responses?.['200'] ? '200' : op.responses?.['201'] ? '201' : undefined;
    if (!status) continue;
    const response = followRef(doc, op.responses[status], [...path, 'responses', status]);
    const media = response.node?.content?.['application/json'];
    if (!media || !('schema' in media)) continue;
    const schemaPath = [...response.path, 'content', 'application/json', 'schema'];
    for (const { field, at } of declared(doc, media.schema, schemaPath, new Set())) {
      if (!fields.includes(field)) continue;
      results.push({
        message: `${name}'s ${status} body declares ${field} (${pointerOf(at)}), a field the client's result adds itself (${fields.join(', ')}): rename the field in the body.`,
        path: at,
      });
    }
  }
  return results;
}

/** The properties a schema declares at its top level, following `$ref`s and `allOf`. */
function declared(doc, schema, path, seen) {
  if (!schema || typeof schema !== 'object') return [];
  const out = Object.keys(schema.properties ?? {}).map((field) => ({
    field,
    at: [...path, 'properties', field],
  }));
  if (typeof schema.$ref === 'string' && !seen.has(schema.$ref)) {
    seen.add(schema.$ref);
    const target = resolveRef(doc, schema.$ref);
    if ('node' in target) out.push(...declared(doc, target.node, target.path, seen));
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((sub, i) => {
      out.push(...declared(doc, sub, [...path, 'allOf', i], seen));
    });
  }
  return out;
}
