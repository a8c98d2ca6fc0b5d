// @ts-check
// Formats generated TypeScript with the repository's Biome and its configuration (biome.json at
// the root): the examples read like the rest of the code base.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, siteDir } from './paths.mjs';

const biome = join(siteDir, 'node_modules/.bin/biome');

/**
 * The code as Biome formats it.
 * @param {string} code
 * @returns {string}
 * @throws {Error} when Biome refuses it (the code does not parse)
 */
export function formatTypeScript(code) {
  const result = spawnSync(biome, ['format', '--stdin-file-path=example.ts'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`docs: cannot run Biome: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`docs: Biome could not format a generated example:\n${result.stderr}\n${code}`);
  }
  return result.stdout;
}
