import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';
import type { TestProject } from 'vitest/node';
import config from '../tsdown.config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The package built by the real tsdown config, for tests that run it as a user would. */
    distDir: string;
  }
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the package once per test run, with the real config, into a private folder: `pnpm test`
 * does not build this package first, and rebuilding `dist/` here could pull it from under a
 * dependent package's build running at the same time.
 */
export default async function setup(project: TestProject): Promise<void> {
  // A package of its own (its package.json beside dist/), so `#crypto` in the build resolves
  // through `imports` as it does in the published package.
  const testPackage = join(packageDir, 'node_modules/.cache/signer-test-package');
  const distDir = join(testPackage, 'dist');
  // The config is imported here rather than loaded by tsdown, whose loader resolves `tsdown`
  // from the working directory: the monorepo root, when vitest runs every project from there.
  // In order: the first config (the library) cleans the folder, the next ones add to it.
  for (const part of config) {
    await build({ ...part, config: false, cwd: packageDir, outDir: distDir, logLevel: 'error' });
  }
  await copyFile(join(packageDir, 'package.json'), join(testPackage, 'package.json'));
  project.provide('distDir', distDir);
}
