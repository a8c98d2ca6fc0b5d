import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { bundle } from './bundle.js';

/**
 * The goal is 8 KB min+gzip for the client entry with openapi-fetch and the signer, and it is NOT
 * met: openapi-fetch's createClient and the signing code alone take ~4.5 KB, the client ~4.8 KB
 * (measured 9392 B browser, 9194 B node). Meeting it needs a product decision (move `client.api`
 * to a subpath, or drop a required feature), so the goal stays open in the tracker. Until then
 * this ceiling stops the bundle from growing unnoticed; it is not the goal. Raised from 9.5 KB
 * to 10 KB for the token store's cross-process single flight and bounded, degrading store calls
 * (+~530 B: 9921 B browser, 9719 B node).
 */
const GOAL_BYTES = 8 * 1024;
const CEILING_BYTES = 10 * 1024;

describe('size budget', () => {
  it.each(['browser', 'node'] as const)(
    '@tianman/client + openapi-fetch + signer (%s build) stays under the 10 KB min+gzip ceiling',
    async (platform) => {
      const code = await bundle(
        inject('consumerDir'),
        `export * from '@tianman/client';`,
        platform,
      );
      const gzipped = gzipSync(code, { level: 9 }).byteLength;
      console.info(
        `size: @tianman/client (${platform}) ${code.length} B min, ${gzipped} B min+gzip ` +
          `(goal ${GOAL_BYTES} B: ${gzipped <= GOAL_BYTES ? 'met' : 'not met'})`,
      );
      expect(gzipped).toBeLessThanOrEqual(CEILING_BYTES);
      expect(gzipped).toBeGreaterThan(1024);
    },
  );
});
