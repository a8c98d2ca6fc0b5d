// Which media types are JSON: the generator and the mock read `application/json`; a `+json`
// type is JSON too, so its schemas and examples are held to the same rules.

/**
 * Is the media type JSON (`application/json`, `application/…+json`, parameters ignored)?
 *
 * @param {string} mediaType a key of a `content` map
 * @returns {boolean}
 */
export function isJsonMediaType(mediaType) {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
