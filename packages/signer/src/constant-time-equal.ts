/**
 * Compares two strings without an early exit, so the time taken does not reveal how much of a
 * forged signature was right. Only the length, which is public for a Base64 HMAC or a hex
 * SHA-256, can end it early. Plain JavaScript: `verify` uses it on runtimes without Node's
 * `timingSafeEqual`, and a server comparing any other secret it received (such as the token
 * request's signature) can use it anywhere.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
