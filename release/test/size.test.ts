import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { bundle } from './bundle.js';

/** The budget for the client entry with openapi-fetch and the signer, minified and gzipped. */
const BUDGET_BYTES = 8 * 1024;

describe('size budget', () => {
  it.each(['browser', 'node'] as const)(
    '@tianman/client + openapi-fetch + signer (%s build) stays within 8 KB min+gzip',
    async (platform) => {
      const code = await bundle(
        inject('consumerDir'),
        `export * from '@tianman/client';`,
        platform,
      );
      const gzipped = gzipSync(code, { level: 9 }).byteLength;
      console.info(
        `size: @tianman/client (${platform}) ${code.length} B min, ${gzipped} B min+gzip`,
      );
      expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
      expect(gzipped).toBeGreaterThan(1024);
    },
  );
});
