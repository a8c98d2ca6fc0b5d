import { ERR_PARAMETER, INFO_BAD_REQUEST } from './constants.js';
import { findDuplicateKey } from './find-duplicate-key.js';
import { type Answer, gatewayError } from './gateway-answers.js';
import { isUtf8JsonContentType } from './json-content-type.js';

// Stryker disable next-line StringLiteral: not equivalent (TextDecoder('') throws on import and every test fails), but module-level, so Stryker evaluates it before it activates the mutant
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Longest JSON Pointer quoted in a refusal: enough to find the key, short enough for a log line. */
const MAX_POINTER_SHOWN = 100;

/**
 * The gateway's own check that the body can be read at all (the spec's 400): JSON, in UTF-8,
 * declared so, without a byte order mark, and with no key twice in one object. An empty body goes on to Prism, which answers the
 * contract's "body required" with the 422 example.
 */
export function checkJsonBody(contentType: string | undefined, body: Buffer): Answer | undefined {
  if (body.length === 0) return undefined;
  if (!isUtf8JsonContentType(contentType ?? '')) {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: Content-Type must be application/json (UTF-8); got ${JSON.stringify(contentType ?? '')}`,
      'content-type',
    );
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    // TextDecoder would drop it silently and JSON.parse accept the rest, but Prism never answers
    // such a body; JSON text must not start with one (RFC 8259 §8.1).
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: body starts with a UTF-8 byte order mark (EF BB BF); send the JSON without it`,
      'encoding',
    );
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: body is not valid UTF-8`,
      'encoding',
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST} (request body is not valid JSON: ${(error as Error).message})`,
      'malformed-json',
    );
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const shown =
      duplicate.length > MAX_POINTER_SHOWN
        ? `${duplicate.slice(0, MAX_POINTER_SHOWN)}…`
        : duplicate;
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: duplicate key at ${JSON.stringify(shown)}; each key may appear once per object (parsers disagree on which value wins)`,
      'duplicate-key',
    );
  }
  return undefined;
}
