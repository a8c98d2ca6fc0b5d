// @ts-check
// openapi.ts: the types, by openapi-typescript, from a copy of the document that means the same
// but that it can read: every schema `$ref` points at its target by a JSON Pointer into the
// document (`$id` and `$anchor` are this compiler's to resolve, and openapi-typescript would
// fetch what it cannot find), and a boolean schema where it cannot take one (in `allOf`,
// `$defs`) is written as the equal object schema (`{}` for true, `{ "not": {} }` for false).
import openapiTS, { astToString } from 'openapi-typescript';
import { toPointer } from './pointer.mjs';
import { GenerateError } from './problems.mjs';

// Where openapi-typescript reads a subschema's keywords without checking that it is an object.
const NO_BOOLEANS = new Set(['allOf', '$defs']);

/**
 * @param {unknown} node
 * @param {string[]} segments
 * @param {import('./resolve-refs.mjs').SchemaIndex} index
 * @returns {unknown}
 */
function readable(node, segments, index) {
  const entry = index.schemaAt(segments);
  if (entry && typeof node === 'boolean') {
    // Equal schemas: rewriting one that stands elsewhere would change nothing but the types.
    return NO_BOOLEANS.has(segments[segments.length - 2] ?? '') ? (node ? {} : { not: {} }) : node;
  }
  if (Array.isArray(node))
    return node.map((item, i) => readable(item, [...segments, String(i)], index));
  if (!node || typeof node !== 'object') return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (entry && (key === '$id' || key === '$anchor')) continue;
    // A field, not the prototype: the copy keeps a `__proto__` key as the document has it.
    const copy =
      entry && key === '$ref' && entry.target
        ? toPointer(entry.target.segments)
        : readable(value, [...segments, key], index);
    Object.defineProperty(out, key, {
      value: copy,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The types of `doc`, printed.
 * @param {Record<string, any>} doc
 * @param {import('./resolve-refs.mjs').SchemaIndex} index
 * @returns {Promise<string>}
 */
export async function openapiTypes(doc, index) {
  const copy = /** @type {Record<string, any>} */ (readable(doc, [], index));
  try {
    return astToString(await openapiTS(/** @type {any} */ (copy), { alphabetize: false }));
  } catch (error) {
    throw new GenerateError([
      {
        at: '#',
        message: `openapi-typescript cannot type the document: ${/** @type {Error} */ (error).message}`,
      },
    ]);
  }
}
