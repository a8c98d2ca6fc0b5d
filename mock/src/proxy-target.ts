import { isIP } from 'node:net';

/**
 * Whether a URL's host is this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 or `::1`.
 * Plain `http://` is allowed there only.
 */
function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Reads the `proxy` option (`--proxy`): the base URL of the environment to forward to, such as
 * `https://test-api-open.chinaums.com`. Throws a `TypeError` saying what to write for anything
 * else:
 * - not an absolute `https://` or `http://` URL;
 * - plain `http://` to a host other than this machine: the requests carry signatures and
 *   access tokens, which must not cross a network in clear (the platform's own rule);
 * - a user name or password in the URL (it would be printed in the banner and the log), a query
 *   or a fragment (the request's own path and query are appended to the base path).
 */
export function readProxyTarget(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      '@tianman/mock: proxy must be an absolute URL, e.g. https://test-api-open.chinaums.com.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(
      `@tianman/mock: proxy must be an https:// URL (or http:// to this machine); got the scheme ${url.protocol}`,
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new TypeError(
      '@tianman/mock: proxy must be https:// unless it names this machine (localhost, 127.0.0.1, ::1): requests carry signatures and access tokens, which must not cross a network in clear.',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(
      '@tianman/mock: proxy must not carry a user name or password: the platform authenticates each request itself.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(
      "@tianman/mock: proxy must be a base URL without a query or fragment: each request's own path and query are appended to it.",
    );
  }
  return url;
}
