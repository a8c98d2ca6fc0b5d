import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { published, run } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh npm project with the packed tarballs installed. */
    consumerDir: string;
    /** The packed tarballs, by package name. */
    tarballs: Record<string, string>;
  }
}

/**
 * Packs every published package with pnpm (which rewrites `workspace:*` to real versions, as a
 * publish does) and installs the tarballs with npm into a fresh project outside the workspace:
 * what a stranger gets from the registry.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'tianman-consumer-'));
  const packs = join(work, 'tarballs');
  await mkdir(packs);
  const tarballs: Record<string, string> = {};
  for (const pkg of published) {
    const before = new Set(await readdir(packs));
    const packed = await run('pnpm', ['pack', '--pack-destination', packs], { cwd: pkg.dir });
    if (packed.code !== 0) throw new Error(`pnpm pack ${pkg.name} failed:\n${packed.stderr}`);
    const file = (await readdir(packs)).find((f) => !before.has(f));
    if (!file) throw new Error(`pnpm pack ${pkg.name} wrote no tarball`);
    tarballs[pkg.name] = join(packs, file);
  }

  const consumerDir = join(work, 'consumer');
  await mkdir(consumerDir);
  const deps = Object.fromEntries(Object.entries(tarballs).map(([n, f]) => [n, `file:${f}`]));
  await writeFile(
    join(consumerDir, 'package.json'),
    JSON.stringify(
      // `overrides` makes the client's and mock's dependency on @tianman/signer resolve to the
      // tarball too: the version they name is not on the registry until we publish it.
      { name: 'consumer', private: true, type: 'module', dependencies: deps, overrides: deps },
      null,
      2,
    ),
  );
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumerDir,
    timeout: 230_000,
  });
  if (installed.code !== 0)
    throw new Error(`npm install of the tarballs failed:\n${installed.stderr}`);

  project.provide('consumerDir', consumerDir);
  project.provide('tarballs', tarballs);
  return async () => {
    await rm(work, { recursive: true, force: true });
  };
}
