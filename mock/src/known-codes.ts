import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { escapePointerToken } from './json-pointer.js';

/** The extension on an OpenAPI response object that lists the result codes the spec knows. */
export const KNOWN_CODES_EXTENSION = 'x-tianman-known-codes';

/**
 * The codes each response knows, by operation (`knownCodesKey(method, path)`) and then by the
 * response's key in the spec (`200`, `4XX`, `default`). Only responses that carry
 * {@link KNOWN_CODES_EXTENSION} are in it.
 */
export type KnownCodes = Map<string, Map<string, readonly string[]>>;

/** The key of an operation in {@link KnownCodes}: `post /v1/token/access`. */
export function knownCodesKey(method: string, path: string): string {
  return `${method.toLowerCase()} ${path}`;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Reads {@link KNOWN_CODES_EXTENSION} from every response of the spec, following local `$ref`s
 * (`#/components/responses/GatewayAuthFailed`), so a shared response lists its codes once for
 * every operation that refers to it.
 *
 * Why read the document again: Prism's loader (http-spec) keeps an operation's extensions but
 * drops a response's, and the response is where the codes belong: an operation's 200 knows
 * business codes, its 412 the gateway's. Refuses, naming the place, an extension that is not a
 * list of strings.
 */
export async function loadKnownCodes(specPath: string): Promise<KnownCodes> {
  const document: unknown = parse(await readFile(specPath, 'utf8'));
  const known: KnownCodes = new Map();
  const paths = resolve(document, member(document, 'paths'));
  if (!isObject(paths)) return known;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(document, rawItem);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const responses = resolve(document, member(resolve(document, item[method]), 'responses'));
      if (!isObject(responses)) continue;
      const byKey = new Map<string, readonly string[]>();
      for (const [key, rawResponse] of Object.entries(responses)) {
        const where =
          refTarget(rawResponse) ??
          `#/paths/${escapePointerToken(path)}/${method}/responses/${escapePointerToken(key)}`;
        const codes = readCodes(resolve(document, rawResponse), where);
        if (codes) byKey.set(key, codes);
      }
      if (byKey.size > 0) known.set(knownCodesKey(method, path), byKey);
    }
  }
  return known;
}

function readCodes(response: unknown, where: string): readonly string[] | undefined {
  if (!isObject(response) || !Object.hasOwn(response, KNOWN_CODES_EXTENSION)) return undefined;
  const codes = response[KNOWN_CODES_EXTENSION];
  if (
    !Array.isArray(codes) ||
    codes.length === 0 ||
    !codes.every((code) => typeof code === 'string' && code !== '')
  ) {
    throw new Error(
      `@tianman/mock: ${where}/${KNOWN_CODES_EXTENSION} must be a list of the codes (strings) its respCode or errCode may carry, e.g. ["0000", "ORDER_NOT_EXIST"].`,
    );
  }
  return Object.freeze([...codes]);
}

/** Follows a chain of local `$ref`s (`#/…`); anything else is returned as it is. */
function resolve(document: unknown, value: unknown): unknown {
  let current = value;
  // A bound, not a depth anyone writes: it stops a `$ref` cycle.
  for (let hops = 0; hops < 32; hops++) {
    const target = refTarget(current);
    if (target === undefined) return current;
    current = target
      .slice(1)
      .split('/')
      .filter((token) => token !== '')
      .map((token) => decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, token) => member(node, token), document);
  }
  return undefined;
}

/** The `#/…` pointer of a local `$ref` object. */
function refTarget(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const ref = value.$ref;
  return typeof ref === 'string' && ref.startsWith('#') ? ref : undefined;
}

function member(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
