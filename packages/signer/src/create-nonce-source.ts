import { NONCE_BYTES } from './constants.js';
import { bytesToHex } from './hex.js';

/** Fills a buffer from a cryptographically secure generator. */
export type FillRandom = (bytes: Uint8Array) => void;

// 256 nonces per refill. One 16-byte call to the CSPRNG costs more than a whole signature on
// Node (measured ~5 µs vs ~3.5 µs); drawing a page at once is what Node's own randomUUID does.
const POOL_SIZE = 256 * NONCE_BYTES;

/**
 * Makes a `createNonce`: 32 lower-case hex characters (128 bits) from `fillRandom`. Every byte
 * of the pool is handed out once, then the pool is refilled.
 */
export function createNonceSource(fillRandom: FillRandom): () => string {
  const pool = new Uint8Array(POOL_SIZE);
  let offset = POOL_SIZE;
  return function createNonce(): string {
    if (offset === POOL_SIZE) {
      fillRandom(pool);
      offset = 0;
    }
    const nonce = bytesToHex(pool, offset, NONCE_BYTES);
    offset += NONCE_BYTES;
    return nonce;
  };
}
