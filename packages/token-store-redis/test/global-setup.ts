import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsdown';
import type { TestProject } from 'vitest/node';
import config from '../tsdown.config.js';
import { startRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a redis-server started for this run (the fleet tests start their own). */
    redisUrl: string;
    /** `file:` URL of this package built with its real config, for the fleet's processes. */
    storeModule: string;
  }
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts one redis-server for the store tests, and builds the package into a private folder for
 * the fleet's child processes (plain `node` cannot load TypeScript). The fleet also needs the
 * built `@tianman/client`: `pnpm test` builds dependencies first (turbo `^build`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const require = createRequire(join(packageDir, 'package.json'));
  for (const dependency of ['@tianman/client', '@tianman/mock']) {
    let built = false;
    try {
      built = existsSync(require.resolve(dependency));
    } catch {}
    if (!built) throw new Error(`${dependency} is not built: run \`pnpm build\` (pnpm test does)`);
  }
  const outDir = join(packageDir, 'node_modules/.cache/token-store-redis-test-dist');
  await build({ ...config, config: false, cwd: packageDir, outDir, logLevel: 'error' });
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  project.provide('storeModule', pathToFileURL(join(outDir, 'index.js')).href);
  return () => redis.stop();
}
