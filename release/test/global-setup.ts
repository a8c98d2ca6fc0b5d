import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { installedVersion, published, root, run } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh npm project with the packed tarballs installed. */
    consumerDir: string;
    /** The packed tarballs, by package name. */
    tarballs: Record<string, string>;
  }
}

/**
 * Packs every published package with `release/scripts/pack-all.mjs`, the script `pnpm pack:all`
 * runs (pnpm pack, which rewrites `workspace:*` to real versions as a publish does), and
 * installs the tarballs with npm into a fresh project outside the workspace: what a stranger
 * gets from the registry.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'tianman-consumer-'));
  const packs = join(work, 'tarballs');
  const packed = await run('node', [
    join(root, 'release/scripts/pack-all.mjs'),
    '--out',
    packs,
    '--json',
  ]);
  if (packed.code !== 0) throw new Error(`pack-all failed:\n${packed.stderr}`);
  const tarballs = JSON.parse(packed.stdout) as Record<string, string>;
  for (const pkg of published) {
    if (!tarballs[pkg.name]) throw new Error(`pack-all wrote no tarball for ${pkg.name}`);
  }

  const consumerDir = join(work, 'consumer');
  await mkdir(consumerDir);
  // What `npm install <the tarballs>` writes. No `overrides`: the client's and the mock's
  // dependency on @tianman/signer names the packed signer's version, which npm takes from the
  // signer's tarball installed beside them (README: Install). Beside them, from the registry,
  // what the READMEs' examples import (readme-examples.test.ts), at the workspace's versions.
  const deps = {
    ...Object.fromEntries(Object.entries(tarballs).map(([n, f]) => [n, `file:${f}`])),
    '@types/node': installedVersion('.', '@types/node'),
    'https-proxy-agent': installedVersion('packages/client', 'https-proxy-agent'),
    ioredis: installedVersion('packages/token-store-redis', 'ioredis'),
    redis: installedVersion('packages/token-store-redis', 'redis'),
  };
  await writeFile(
    join(consumerDir, 'package.json'),
    JSON.stringify(
      { name: 'consumer', private: true, type: 'module', dependencies: deps },
      null,
      2,
    ),
  );
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumerDir,
    // A loaded machine on a slow network: vitest gives a global setup all the time it needs.
    timeout: 600_000,
  });
  if (installed.code !== 0)
    throw new Error(`npm install of the tarballs failed:\n${installed.stderr}`);

  project.provide('consumerDir', consumerDir);
  project.provide('tarballs', tarballs);
  return async () => {
    await rm(work, { recursive: true, force: true });
  };
}
