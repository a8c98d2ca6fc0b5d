#!/usr/bin/env node
// `pnpm pack:all` runs this after `turbo run build`: packs every published package (the
// changesets fixed group) with `pnpm pack` into one folder, `tarballs/` at the repository root
// unless `--out <dir>` says otherwise. `pnpm pack` writes the manifest a publish would: the
// `workspace:` and `catalog:` ranges become versions, so the client's dependency on
// `@tianman/signer` names the signer's version, which npm finds among the tarballs installed
// with it (README: Install).
//
// Tarballs of these packages already in the folder are removed first: two versions of one
// package in `npm install tarballs/*.tgz` would be a conflict. Prints one line per tarball, or
// with `--json` one object `{ "<name>": "<absolute path>" }`. Exits non-zero when a package is
// not built or `pnpm pack` fails.
import { execFile } from 'node:child_process';
import { access, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { fixedGroupPackages } from './fixed-group.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const execFileAsync = promisify(execFile);

const { values } = parseArgs({
  options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const out = resolve(values.out ?? join(root, 'tarballs'));

try {
  const packages = await fixedGroupPackages(root);
  await mkdir(out, { recursive: true });
  // pnpm names a tarball `<scope>-<name>-<version>.tgz` (`@tianman/client` → `tianman-client-…`).
  const prefixes = packages.map(({ name }) => `${name.replace(/^@/, '').replace('/', '-')}-`);
  for (const file of await readdir(out)) {
    if (file.endsWith('.tgz') && prefixes.some((prefix) => file.startsWith(prefix))) {
      await rm(join(out, file));
    }
  }
  const tarballs = {};
  for (const { name, dir } of packages) {
    await access(join(dir, 'dist/index.js')).catch(() => {
      throw new Error(
        `${name} is not built: run \`pnpm pack:all\` (it builds first) or \`pnpm build\``,
      );
    });
    const { stdout } = await execFileAsync('pnpm', ['pack', '--pack-destination', out, '--json'], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error) => {
      throw new Error(`pnpm pack ${name} failed:\n${error.stderr ?? error.message}`);
    });
    const packed = JSON.parse(stdout);
    tarballs[name] = packed.filename;
    if (!values.json)
      console.log(`${name}@${packed.version}  ${relative(process.cwd(), packed.filename)}`);
  }
  if (values.json) console.log(JSON.stringify(tarballs));
} catch (error) {
  console.error(`pack:all: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
