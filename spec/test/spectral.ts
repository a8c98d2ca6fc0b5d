import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** One problem Spectral reports (its `--format json` output). */
export interface LintResult {
  code: string;
  message: string;
  path: Array<string | number>;
  severity: number;
  source?: string;
}

const specDir = fileURLToPath(new URL('..', import.meta.url));
const spectralBin = join(specDir, 'node_modules/.bin/spectral');

/** The contract's own file, linted as `pnpm lint:spec` lints it. */
export const SPEC_FILE = join(specDir, 'openapi.yaml');
/** The ruleset `pnpm lint:spec` uses. */
export const RULESET_FILE = join(specDir, '.spectral.yaml');

/**
 * Lints documents with the real Spectral CLI and the contract's ruleset, in one run (Spectral
 * loads and bundles the ruleset once for all of them): each document is written as YAML to a
 * temporary directory; `files` are linted where they are. Resolves with each one's results, by
 * name (a file's results under its path).
 */
export async function lintDocuments(
  documents: Record<string, unknown>,
  files: string[] = [],
): Promise<Record<string, LintResult[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'tianman-spec-lint-'));
  try {
    const written = Object.entries(documents).map(([name, doc]) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, stringify(doc, { lineWidth: 0 }));
      return file;
    });
    const output = join(dir, 'results.json');
    await new Promise<void>((resolve, reject) => {
      execFile(
        spectralBin,
        [
          'lint',
          ...written,
          ...files,
          '--ruleset',
          RULESET_FILE,
          '--format',
          'json',
          '--output',
          output,
          '--fail-severity',
          'hint',
        ],
        { cwd: specDir, maxBuffer: 64 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          // Exit 1 means "problems found"; anything else is Spectral failing.
          if (error && error.code !== 1) reject(new Error(`spectral failed: ${stderr || error}`));
          else resolve();
        },
      );
    });
    const results = JSON.parse(readFileSync(output, 'utf8')) as LintResult[];
    const byName: Record<string, LintResult[]> = {};
    for (const name of Object.keys(documents)) byName[name] = [];
    for (const file of files) byName[file] = [];
    for (const result of results) {
      const source = result.source ?? '';
      const name = source.startsWith(dir) ? basename(source, '.yaml') : source;
      if (!byName[name]) throw new Error(`spectral reported on an unknown document: ${source}`);
      byName[name].push(result);
    }
    return byName;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
