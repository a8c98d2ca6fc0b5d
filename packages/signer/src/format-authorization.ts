import {
  BODY_SIG_SCHEME,
  PAIR_APP_ID,
  PAIR_NONCE,
  PAIR_SEPARATOR,
  PAIR_SIGNATURE,
  PAIR_TIMESTAMP,
} from './constants.js';
import { assertTimestamp } from './parse-timestamp.js';
import type { AuthorizationParts } from './types.js';
import { assertHeaderValue, assertNonce } from './validate.js';

/**
 * The `Authorization` header value for the four parts, pairs separated by `,` as the platform's
 * page shows them: `OPEN-BODY-SIG AppId="…",Timestamp="…",Nonce="…",Signature="…"`.
 *
 * @throws TypeError when a part could not be carried in the header or is not valid for the platform.
 */
export function formatAuthorization(parts: AuthorizationParts): string {
  const { appId, timestamp, nonce, signature } = parts;
  assertHeaderValue('appId', appId);
  assertTimestamp(timestamp);
  assertNonce(nonce);
  assertHeaderValue('signature', signature);
  return unsafeFormatAuthorization(appId, timestamp, nonce, signature);
}

/** The header from parts already validated: for the signer, which checked them on the way in. */
export function unsafeFormatAuthorization(
  appId: string,
  timestamp: string,
  nonce: string,
  signature: string,
): string {
  return (
    `${BODY_SIG_SCHEME} ${PAIR_APP_ID}="${appId}"${PAIR_SEPARATOR}${PAIR_TIMESTAMP}="${timestamp}"` +
    `${PAIR_SEPARATOR}${PAIR_NONCE}="${nonce}"${PAIR_SEPARATOR}${PAIR_SIGNATURE}="${signature}"`
  );
}
