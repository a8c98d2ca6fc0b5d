import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../src/build-site.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The site built for this run, as `pnpm run docs` builds it: its folder, or why the build
     * failed (site.test.ts reports it; the tests that read the site then have nothing to read).
     */
    siteBuild: { out: string; error?: string };
  }
}

/**
 * Builds the site once, as `pnpm run docs` does, into a temporary folder (site/dist/ stays the
 * developer's).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'tianman-site-'));
  const out = join(work, 'site');
  try {
    await buildSite({ out });
    project.provide('siteBuild', { out });
  } catch (error) {
    project.provide('siteBuild', {
      out,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  return async () => {
    await rm(work, { recursive: true, force: true });
  };
}
