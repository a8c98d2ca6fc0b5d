/**
 * The OPEN-BODY-SIG string to sign: appId + timestamp + nonce + lower-case hex body digest,
 * concatenated without separators. Method, path and query are not signed.
 */
export function stringToSign(
  appId: string,
  timestamp: string,
  nonce: string,
  digest: string,
): string {
  return appId + timestamp + nonce + digest;
}
