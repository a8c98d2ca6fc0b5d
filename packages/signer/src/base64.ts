const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Standard Base64 with `=` padding. Written out rather than `btoa` because some edge runtimes
 * and older engines lack `btoa`, and it would need a binary-string detour anyway.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    // A short last group reads its missing bytes as 0; the characters made only of those are
    // padding (character j needs byte i + j - 1).
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    for (let j = 0; j < 4; j++)
      out += i + j > bytes.length ? '=' : ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}
