import { signChecked } from './create-sign.js';
import { signTokenRequestChecked } from './create-sign-token-request.js';
import type { SignerCrypto } from './crypto.js';
import { assertCredentials, assertObject, resolveMoment } from './resolve-credentials.js';
import type { CreateSignerFunction } from './types.js';
import { assertBody } from './validate.js';

/**
 * Binds `createSigner` to a crypto implementation and a nonce source. The signer checks the
 * credentials once, when it is made, and on each call only what changes per call (body, clock,
 * nonce); then it signs exactly as `sign` and `signTokenRequest` do.
 */
export function createSignerFactory(
  crypto: SignerCrypto,
  createNonce: () => string,
): CreateSignerFunction {
  return function createSigner(credentials) {
    assertObject('credentials', credentials);
    const { appId, appKey } = credentials;
    assertCredentials(appId, appKey);
    return {
      async sign(body, now, nonce) {
        assertBody(body);
        const moment = resolveMoment(now, nonce, createNonce);
        return signChecked(crypto, appId, appKey, moment.timestamp, moment.nonce, body);
      },
      async signTokenRequest(now, nonce) {
        const moment = resolveMoment(now, nonce, createNonce);
        return signTokenRequestChecked(crypto, appId, appKey, moment.timestamp, moment.nonce);
      },
    };
  };
}
