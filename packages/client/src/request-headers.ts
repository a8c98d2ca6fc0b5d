import { AUTHORIZATION_HEADER } from '@tianman/signer';
import { fail } from './errors.js';

// The client's own headers: a caller's copy would bypass the signature or change the bytes.
const RESERVED = [
  AUTHORIZATION_HEADER,
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
];
// RFC 9110 token characters for names; values: visible ASCII, spaces and tabs, no CR/LF.
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * A request's headers: the JSON content type (for a request with a body, `json`) and the
 * caller's extra headers, checked — names
 * lower-cased, the client's own names and control characters refused. Values are never echoed (a
 * caller may pass a credential of their own). `where` names the caller in messages.
 */
export function checkHeaders(headers: unknown, where: string, json = true): Record<string, string> {
  const out: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
  if (headers === undefined) return out;
  if (typeof headers !== 'object' || headers === null) {
    fail('ERR_INVALID_OPTION', `${where}headers: expected object`);
  }
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!NAME.test(name)) fail('ERR_INVALID_OPTION', `${where}headers: invalid header name`);
    // A valid token, but a plain object cannot hold it as a key: it would vanish in silence.
    if (lower === '__proto__') {
      fail(
        'ERR_INVALID_OPTION',
        `${where}headers.__proto__: not a header name the client can send`,
      );
    }
    if (RESERVED.includes(lower)) {
      fail('ERR_INVALID_OPTION', `${where}headers.${lower}: set by the client, not by the caller`);
    }
    if (typeof value !== 'string' || !VALUE.test(value)) {
      fail(
        'ERR_INVALID_OPTION',
        `${where}headers.${lower}: expected a string without control characters`,
      );
    }
    out[lower] = value;
  }
  return out;
}
