const BYTE_TO_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex of `length` bytes from `offset`; the platform compares digests as lower case. */
export function bytesToHex(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  let hex = '';
  for (let i = offset; i < offset + length; i++) hex += BYTE_TO_HEX[bytes[i] as number];
  return hex;
}
