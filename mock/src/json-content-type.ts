const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * Whether a `Content-Type` names JSON in UTF-8: `application/json` or `application/…+json`, any
 * case, with no charset or a UTF-8 one (quoted or not).
 */
export function isUtf8JsonContentType(contentType: string): boolean {
  const [mediaType = '', ...params] = contentType.split(';').map((part) => part.trim());
  // The whole value after `charset=`, one pair of quotes removed: a value that does not parse
  // (`"latin1"x`) is then not UTF-8, rather than no charset at all.
  const charset = params
    .map((param) => /^charset\s*=\s*(.*)$/i.exec(param)?.[1]?.replace(/^"(.*)"$/, '$1'))
    .find((value) => value !== undefined);
  return JSON_MEDIA_TYPE.test(mediaType) && !(charset && !/^utf-?8$/i.test(charset));
}
