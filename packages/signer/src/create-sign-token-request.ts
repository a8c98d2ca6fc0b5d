import { TOKEN_SIGN_METHOD } from './constants.js';
import type { SignerCrypto } from './crypto.js';
import { resolveCredentials } from './resolve-credentials.js';
import { tokenStringToSign } from './token-string-to-sign.js';
import type { SignTokenRequestFunction, TokenRequest } from './types.js';

/** The access-token request of parts already checked; see `signChecked` in create-sign.ts. */
export async function signTokenRequestChecked(
  crypto: SignerCrypto,
  appId: string,
  appKey: string,
  timestamp: string,
  nonce: string,
): Promise<TokenRequest> {
  const signature = await crypto.sha256Hex(tokenStringToSign(appId, timestamp, nonce, appKey));
  // Built field by field so nothing else from the input (the appKey above all) can ride along.
  return { appId, timestamp, nonce, signMethod: TOKEN_SIGN_METHOD, signature };
}

/** Binds `signTokenRequest` to a crypto implementation and a nonce source. */
export function createSignTokenRequest(
  crypto: SignerCrypto,
  createNonce: () => string,
): SignTokenRequestFunction {
  return async function signTokenRequest(input) {
    const { appId, appKey, timestamp, nonce } = resolveCredentials(input, createNonce);
    return signTokenRequestChecked(crypto, appId, appKey, timestamp, nonce);
  };
}
