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
 * the WebCrypto promise machinery. Strings go to `update` as they are, encoded once, natively:
 * node:crypto reads a string as UTF-8 unless told otherwise, which is what the platform
 * specifies (an explicit 'utf8' argument would be a no-op that mutation testing cannot tell
 * apart from its absence).
 */
export const signerCrypto: SignerCrypto = {
  sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
  },
  hmacSha256Base64(key, message) {
    // A string key is taken as UTF-8 too; no Buffer copy needed.
    return createHmac('sha256', key).update(message).digest('base64');
  },
  fillRandom(bytes) {
    randomFillSync(bytes);
  },
};

/** `node:crypto`'s constant-time comparison, for `verify`. */
export const timingSafeEqual: TimingSafeEqual = (a, b) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // The length of a Base64 HMAC-SHA256 is public (44), so leaving early on it leaks nothing.
  return left.length === right.length && nodeTimingSafeEqual(left, right);
};
