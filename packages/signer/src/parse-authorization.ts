import {
  MAX_NONCE_LENGTH,
  PAIR_APP_ID,
  PAIR_NONCE,
  PAIR_SIGNATURE,
  PAIR_TIMESTAMP,
} from './constants.js';
import { AuthorizationFormatError } from './errors.js';
import { quoteExcerpt } from './quote-excerpt.js';
import type { AuthorizationParts, ParsedAuthorization } from './types.js';

// RFC 9110 token characters: what a scheme and a pair name may be made of. Both patterns are
// sticky and a single character class under one quantifier: a match reads each character once,
// whatever follows it (the mock's ReDoS guard checks every pattern in these sources).
const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const WHITESPACE = /[ \t]*/y;

type Field = keyof AuthorizationParts;

// Each pair as the platform spells it, and the field it fills, in the platform's order.
const PAIRS: readonly (readonly [name: string, field: Field])[] = [
  [PAIR_APP_ID, 'appId'],
  [PAIR_TIMESTAMP, 'timestamp'],
  [PAIR_NONCE, 'nonce'],
  [PAIR_SIGNATURE, 'signature'],
];

// Pair names are case-insensitive (RFC 9110 §11.2): found by their lower case.
function pairNamed(name: string): readonly [name: string, field: Field] | undefined {
  const lower = name.toLowerCase();
  return PAIRS.find(([known]) => known.toLowerCase() === lower);
}

function fail(problem: AuthorizationFormatError['problem'], message: string): never {
  throw new AuthorizationFormatError(problem, message);
}

function readToken(text: string, at: number): string | undefined {
  TOKEN.lastIndex = at;
  return TOKEN.exec(text)?.[0];
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/**
 * The header without the spaces and tabs around it. A loop from each end, not a regular
 * expression: `/[ \t]+$/` retries from every blank inside a header, which is quadratic in a
 * header of blanks with one other character (a 64 KiB one took seconds).
 */
function trimBlanks(header: string): string {
  let start = 0;
  let end = header.length;
  while (start < end && isBlank(header[start])) start++;
  while (end > start && isBlank(header[end - 1])) end--;
  return header.slice(start, end);
}

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

/**
 * Reads an OPEN-BODY-SIG `Authorization` header into its scheme and four pairs. Accepts `,` or
 * `, ` (any spaces or tabs) between pairs and the pairs in any order; pair names and the scheme
 * are compared case-insensitively, as HTTP says. The scheme is returned as written and not
 * checked here: `verify` reports a foreign scheme as its own reason.
 *
 * @throws AuthorizationFormatError for an empty header, a missing, duplicated, unknown, unquoted
 * or empty pair, a nonce over 128 characters, or anything else out of place. The message says
 * which and where, and never repeats a value.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  if (typeof header !== 'string') fail('empty', 'is missing or not a string');
  const text = trimBlanks(header);
  if (text === '') fail('empty', 'is empty');

  const scheme = readToken(text, 0);
  if (scheme === undefined) fail('syntax', 'expected a scheme at character 1');
  let at = scheme.length;
  if (at === text.length) fail('syntax', `expected pairs after the scheme`);
  const afterScheme = skipWhitespace(text, at);
  if (afterScheme === at)
    fail('syntax', `expected a space after the scheme at character ${at + 1}`);
  at = afterScheme;

  const found: Partial<AuthorizationParts> = {};
  for (;;) {
    const name = readToken(text, at);
    if (name === undefined) fail('syntax', `expected a pair name at character ${at + 1}`);
    const pair = pairNamed(name);
    if (pair === undefined) {
      const expected = PAIRS.map(([known]) => known).join(', ');
      fail('unknown-pair', `unknown pair ${quoteExcerpt(name)}; expected ${expected}`);
    }
    const [label, field] = pair;
    at = skipWhitespace(text, at + name.length);
    if (text[at] !== '=') fail('syntax', `expected '=' after ${label} at character ${at + 1}`);
    at = skipWhitespace(text, at + 1);
    if (text[at] !== '"') fail('unquoted-pair', `the value of ${label} must be in double quotes`);
    const close = text.indexOf('"', at + 1);
    if (close === -1) fail('syntax', `the value of ${label} has no closing quote`);
    if (found[field] !== undefined) fail('duplicate-pair', `${label} appears more than once`);
    if (close === at + 1) fail('empty-value', `${label} is empty`);
    found[field] = text.slice(at + 1, close);

    at = skipWhitespace(text, close + 1);
    if (at === text.length) break;
    if (text[at] !== ',') {
      fail('syntax', `expected ',' after the ${label} pair at character ${at + 1}`);
    }
    at = skipWhitespace(text, at + 1);
    if (at === text.length) fail('syntax', `a ',' ends the header`);
  }

  const missing = PAIRS.filter(([, field]) => found[field] === undefined).map(([name]) => name);
  if (missing.length > 0) fail('missing-pair', `missing ${missing.join(', ')}`);
  const { appId, timestamp, nonce, signature } = found as AuthorizationParts;
  if (nonce.length > MAX_NONCE_LENGTH) {
    fail('nonce-too-long', `${PAIR_NONCE} is longer than ${MAX_NONCE_LENGTH} characters`);
  }
  return { scheme, appId, timestamp, nonce, signature };
}
