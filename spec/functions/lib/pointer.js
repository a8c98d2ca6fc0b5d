// JSON Pointers into the OpenAPI document: where a finding is reported (Spectral paths are arrays
// of keys) and how a local `$ref` is followed. The generator follows only references inside the
// document; so does the lint.

/**
 * The JSON Pointer (`#/a/b~1c`) of a path of keys, as `$ref`s and messages write it.
 *
 * @param {Array<string | number>} path
 * @returns {string}
 */
export function pointerOf(path) {
  return `#${path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

/**
 * Follows a `$ref` inside the document.
 *
 * @param {unknown} doc the whole document, as parsed
 * @param {string} ref the reference, e.g. `#/components/schemas/X`
 * @returns {{ node: any, path: string[] } | { error: string }} the target and its path, or why
 *   it cannot be followed
 */
export function resolveRef(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    return { error: 'external' };
  }
  let path;
  try {
    path = ref
      .slice(2)
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return { error: 'missing' };
  }
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
      return { error: 'missing' };
    }
    node = node[key];
  }
  return { node, path };
}

/**
 * A node of the document or, when it is a `$ref` (and only a `$ref`: Path Item and Response
 * objects take no siblings), the node it points to.
 *
 * @param {unknown} doc the whole document
 * @param {any} node a node of it
 * @param {Array<string | number>} path where `node` is
 * @returns {{ node: any, path: Array<string | number> }}
 */
export function followRef(doc, node, path) {
  if (node && typeof node === 'object' && typeof node.$ref === 'string') {
    const target = resolveRef(doc, node.$ref);
    if ('node' in target) return target;
  }
  return { node, path };
}
