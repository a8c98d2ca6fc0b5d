import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { bundle } from './bundle.js';

/**
 * Guards against bloat, measured the way users bundle (esbuild, minify, gzip -9):
 * - `@tianman/client` with the spec's operations, for edge runtimes and browsers (the fetch
 *   transport, the WebCrypto signer; no `node` condition): 13 KB;
 * - the same for Node (its `node:http` transport and the node:crypto signer): 14 KB;
 * - `@tianman/client/api` on top (openapi-fetch over the same road): 4.5 KB more.
 * Each operation the spec gains may add 400 B to the first
 * (packages/client/test/operation-cost.test.ts). The root README's Release section states them.
 */
const CEILING_BYTES = { browser: 13 * 1024, node: 14 * 1024 } as const;
const API_CEILING_BYTES = 4.5 * 1024;

/** min+gzip bytes of `source` bundled for `platform` from the consumer project. */
async function gzipped(source: string, platform: 'browser' | 'node'): Promise<number> {
  const code = await bundle(inject('consumerDir'), source, platform);
  return gzipSync(code, { level: 9 }).byteLength;
}

describe('size ceiling', () => {
  it.each(['browser', 'node'] as const)(
    '@tianman/client (%s build) stays under its ceiling',
    async (platform) => {
      const bytes = await gzipped(`export * from '@tianman/client';`, platform);
      console.info(
        `size: @tianman/client (${platform}) ${bytes} B min+gzip (ceiling ${CEILING_BYTES[platform]} B)`,
      );
      expect(bytes).toBeLessThanOrEqual(CEILING_BYTES[platform]);
      expect(bytes).toBeGreaterThan(1024);
    },
  );

  it('@tianman/client/api adds at most its ceiling to the edge bundle', async () => {
    const client = await gzipped(`export * from '@tianman/client';`, 'browser');
    const both = await gzipped(
      `export * from '@tianman/client'; export * from '@tianman/client/api';`,
      'browser',
    );
    console.info(`size: @tianman/client/api adds ${both - client} B min+gzip`);
    expect(both - client).toBeGreaterThan(1024);
    expect(both - client).toBeLessThanOrEqual(API_CEILING_BYTES);
  });
});
