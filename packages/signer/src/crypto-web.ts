import { bytesToBase64 } from './base64.js';
import { constantTimeEqual } from './constant-time-equal.js';
import type { SignerCrypto, TimingSafeEqual } from './crypto.js';
import { bytesToHex } from './hex.js';

const encoder = new TextEncoder();
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;

// Looked up on each call rather than captured at import: some runtimes install `crypto` late,
// and a test may replace it.
function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

// WebCrypto refuses views of a SharedArrayBuffer; those are copied, every other view is hashed
// in place (its own bytes only, offset and length respected).
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/**
 * WebCrypto, for Deno, Bun, Cloudflare Workers, browsers and any runtime without `node:crypto`.
 * Nothing here may reach for a Node API: this is all the non-Node entry has.
 */
export const signerCrypto: SignerCrypto = {
  async sha256Hex(data) {
    const bytes = typeof data === 'string' ? encoder.encode(data) : ownBuffer(data);
    return bytesToHex(new Uint8Array(await subtle().digest('SHA-256', bytes)));
  },
  async hmacSha256Base64(key, message) {
    const cryptoKey = await subtle().importKey('raw', encoder.encode(key), HMAC_SHA256, false, [
      'sign',
    ]);
    const mac = await subtle().sign('HMAC', cryptoKey, encoder.encode(message));
    return bytesToBase64(new Uint8Array(mac));
  },
  fillRandom(bytes) {
    globalThis.crypto.getRandomValues(bytes);
  },
};

/** Constant-time comparison in plain JavaScript, for `verify`: no `node:crypto` here. */
export const timingSafeEqual: TimingSafeEqual = constantTimeEqual;
