/**
 * The key a client's token is kept under in a `TokenStore`: one per (base URL, appId).
 *
 * `tianman:<baseUrl>:<appId>`, each part with `%` written `%25` and `:` written `%3A` (percent
 * encoding of just those two). So a part never holds a `:`, and the key has exactly two:
 * - two different pairs never share a key, whatever their characters (`http://h/t:app` + `z` and
 *   `http://h/t` + `app:z` would both read `tianman:http://h/t:app:z` unescaped);
 * - a store may derive keys of its own by appending `:` and a suffix (the Redis store's refresh
 *   lock is `<key>:lock`): such a key has three colons, so it is never another pair's key.
 *
 * Only those two characters are escaped, not all of `encodeURIComponent`'s: the key stays readable
 * in a Redis browser, and it is total (`encodeURIComponent` throws on a lone surrogate).
 *
 * @param baseUrl - The client's base URL, as configured.
 * @param appId - The client's appId.
 */
export function tokenStoreKey(baseUrl: string, appId: string): string {
  return `tianman:${escapePart(baseUrl)}:${escapePart(appId)}`;
}

// `%` first, so an escape the text already held is escaped again and never read back as `:`.
const escapePart = (part: string): string => part.replace(/%/g, '%25').replace(/:/g, '%3A');
