import type { SignerCrypto } from './crypto.js';
import { unsafeFormatAuthorization } from './format-authorization.js';
import { resolveCredentials } from './resolve-credentials.js';
import { stringToSign } from './string-to-sign.js';
import type { Body, SignFunction, SignResult } from './types.js';
import { assertBody } from './validate.js';

/**
 * The OPEN-BODY-SIG of parts already checked: `sign` and a bound signer check them first, each
 * in its own way, and meet here so the bytes signed are built in one place.
 */
export async function signChecked(
  crypto: SignerCrypto,
  appId: string,
  appKey: string,
  timestamp: string,
  nonce: string,
  body: Body,
): Promise<SignResult> {
  const digest = await crypto.sha256Hex(body);
  const signature = await crypto.hmacSha256Base64(
    appKey,
    stringToSign(appId, timestamp, nonce, digest),
  );
  return {
    authorization: unsafeFormatAuthorization(appId, timestamp, nonce, signature),
    appId,
    timestamp,
    nonce,
    signature,
  };
}

/** Binds `sign` to a crypto implementation and a nonce source. */
export function createSign(crypto: SignerCrypto, createNonce: () => string): SignFunction {
  return async function sign(input) {
    const { appId, appKey, timestamp, nonce } = resolveCredentials(input, createNonce);
    const { body } = input;
    assertBody(body);
    return signChecked(crypto, appId, appKey, timestamp, nonce, body);
  };
}
