import type { FillRandom } from './create-nonce-source.js';

/**
 * The few primitives the signer needs, so one body of signing code serves Node (`node:crypto`,
 * synchronous and fastest there) and every WebCrypto runtime (asynchronous). The results may be
 * plain values: awaiting one costs next to nothing, and Node should not pay for WebCrypto's
 * promises.
 */
export interface SignerCrypto {
  /** Lower-case hex SHA-256 of a UTF-8 string or of bytes. */
  sha256Hex(data: string | Uint8Array): string | Promise<string>;
  /** Base64 (padded) HMAC-SHA256, key and message as UTF-8. */
  hmacSha256Base64(key: string, message: string): string | Promise<string>;
  /** Fills a buffer from a cryptographically secure generator. */
  fillRandom: FillRandom;
}

/**
 * Equality of two signatures in time independent of where they differ. Apart from
 * {@link SignerCrypto}: only `verify` needs it, so a bundle that only signs leaves it out.
 */
export type TimingSafeEqual = (a: string, b: string) => boolean;

/**
 * What `#crypto` provides: `crypto-node.ts` under the `node` condition, `crypto-web.ts`
 * elsewhere (package.json `imports`). Both modules export exactly these two names.
 */
export interface CryptoModule {
  /** The primitives for signing and hashing. */
  signerCrypto: SignerCrypto;
  /** The comparison `verify` uses. */
  timingSafeEqual: TimingSafeEqual;
}
