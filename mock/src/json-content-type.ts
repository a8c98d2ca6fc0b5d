// `application/json` or a structured-syntax `+json` type. A suffix of token characters then a
// literal: each character is read once (test/redos-guard.test.ts proves every pattern linear).
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const UTF8 = /^utf-?8$/i;

/**
 * The value of a `charset` parameter, one pair of quotes removed; `undefined` when `param` is
 * another parameter. Split at the first `=` with `indexOf` and `trim`, never a pattern with two
 * adjacent `\s*`: a header value is the caller's, and such a pattern backtracks on blanks.
 */
function charsetOf(param: string): string | undefined {
  const equals = param.indexOf('=');
  if (equals === -1 || param.slice(0, equals).trim().toLowerCase() !== 'charset') return undefined;
  const value = param.slice(equals + 1).trim();
  // The whole value, one pair of quotes removed: a value that does not parse (`"latin1"x`) is
  // then not UTF-8, rather than no charset at all.
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

/**
 * Whether a `Content-Type` names JSON in UTF-8: `application/json` or `application/…+json`, any
 * case, with no charset or a UTF-8 one (quoted or not).
 */
export function isUtf8JsonContentType(contentType: string): boolean {
  const parts = contentType.split(';').map((part) => part.trim());
  // Stryker disable next-line StringLiteral: split always yields at least one element
  const mediaType = parts[0] ?? '';
  // Stryker disable next-line MethodExpression: the media type holds no '=', so read as a parameter it is no charset
  const params = parts.slice(1);
  const charset = params.map(charsetOf).find((value) => value !== undefined);
  return JSON_MEDIA_TYPE.test(mediaType) && !(charset && !UTF8.test(charset));
}
