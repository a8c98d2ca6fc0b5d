import type { Operation, Parameter } from './operation.js';

/**
 * Where a request goes: an operation's path with its path parameters put in, and its query
 * parameters after `?`, serialized as OpenAPI's defaults say (path: `simple`; query: `form`,
 * exploded: an array is `name=a&name=b`), every name and value percent-encoded. The values are
 * JSON values (checked against the contract before).
 */
export function requestTarget(
  op: Operation,
  path: Record<string, unknown>,
  query: Record<string, unknown>,
): string {
  let target = op.path;
  const pairs: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') {
      target = target.replace(`{${p.name}}`, encodeURIComponent(String(path[p.name])));
    } else if (Object.hasOwn(query, p.name)) {
      const name = encodeURIComponent(p.name);
      for (const value of [query[p.name]].flat()) {
        pairs.push(`${name}=${encodeURIComponent(String(value))}`);
      }
    }
  }
  return pairs.length ? `${target}?${pairs.join('&')}` : target;
}

/**
 * The path parameters of `pathname` when it is a path of `op` (`undefined` when it is not),
 * each decoded and read as its type says (a number as a number, `true`/`false` as booleans):
 * what the api validates is what the URL carries.
 */
export function matchPath(op: Operation, pathname: string): Record<string, unknown> | undefined {
  const want = op.path.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const values: Record<string, unknown> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const value = got[i] as string;
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== value) return undefined;
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    if (!decoded) return undefined;
    const parameter = op.parameters.find((p) => p.in === 'path' && p.name === name);
    values[name] = parameter ? readAs(parameter.type, decoded) : decoded;
  }
  return values;
}

/**
 * The query parameters of a URL's search part, each read as its type says (an array from every
 * value of its name); a name the operation does not declare is kept as text, for the contract
 * to refuse.
 */
export function readQuery(op: Operation, search: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const parameter = op.parameters.find((p) => p.in === 'query' && p.name === name);
    const all = search.getAll(name);
    if (parameter?.type === 'array') {
      values[name] = all.map((v) => readAs(parameter.items ?? 'string', v));
    } else {
      const text = all.length === 1 ? (all[0] as string) : all;
      values[name] = parameter && typeof text === 'string' ? readAs(parameter.type, text) : text;
    }
  }
  return values;
}

// The text of a JSON number: nothing a URL could carry that Number() reads more kindly (hex, spaces).
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A parameter's text as the value of its type; text that is not one stays text, so the
 * contract's type check names the parameter.
 */
function readAs(type: Parameter['type'], text: string): unknown {
  if ((type === 'number' || type === 'integer') && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
