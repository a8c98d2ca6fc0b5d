import type { SignerCrypto } from './crypto.js';
import type { BodyDigestFunction } from './types.js';
import { assertBody } from './validate.js';

/** Binds `bodyDigest` to a crypto implementation. */
export function createBodyDigest(crypto: SignerCrypto): BodyDigestFunction {
  return async function bodyDigest(body) {
    assertBody(body);
    return crypto.sha256Hex(body);
  };
}
