/**
 * The OPEN-ACCESS-TOKEN string to hash: appId + timestamp + nonce + appKey. The key is hashed,
 * never sent; callers must not let this string escape.
 */
export function tokenStringToSign(
  appId: string,
  timestamp: string,
  nonce: string,
  appKey: string,
): string {
  return appId + timestamp + nonce + appKey;
}
