import {
  createHash,
  createHmac,
  timingSafeEqual as nodeTimingSafeEqual,
  randomFillSync,
} from 'node:crypto';
import type { SignerCrypto, TimingSafeEqual } from './crypto.js';

// What `#crypto` resolves to under the `node` condition (Node, Deno, Bun); `crypto-web.ts`
// exports the same two names (`CryptoModule`) for every other runtime.

/**
 * `node:crypto`, synchronous: hashing 1 KiB takes microseconds, less than a round trip through
 * the WebCrypto promise machinery. Strings go to `update` as they are, encoded once, natively.
 */
export const signerCrypto: SignerCrypto = {
  sha256Hex(data) {
    const hash = createHash('sha256');
    if (typeof data === 'string') hash.update(data, 'utf8');
    else hash.update(data);
    return hash.digest('hex');
  },
  hmacSha256Base64(key, message) {
    // A string key is taken as UTF-8, as the platform specifies; no Buffer copy needed.
    return createHmac('sha256', key).update(message, 'utf8').digest('base64');
  },
  fillRandom(bytes) {
    randomFillSync(bytes);
  },
};

/** `node:crypto`'s constant-time comparison, for `verify`. */
export const timingSafeEqual: TimingSafeEqual = (a, b) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // The length of a Base64 HMAC-SHA256 is public (44), so leaving early on it leaks nothing.
  return left.length === right.length && nodeTimingSafeEqual(left, right);
};
