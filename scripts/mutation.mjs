#!/usr/bin/env node
// pnpm mutation [package…]: Stryker over every workspace package that has a mutation.config.json
// (or only the ones named: a folder such as `packages/signer`, or its last part, `signer`).
// Ends with one line per package, `mutation: <package> <score>%`. Not part of `pnpm test` or CI:
// the signer alone takes about ten minutes on two busy cores.
//
// A package joins by adding mutation.config.json next to its package.json:
//   { "mutate": ["src/**/*.ts", "!src/cli/bin.ts"], "vitestConfig": "vitest.mutation.config.ts" }
// where the vitest config leaves out the tests that read the build (`dist/`): Stryker instruments
// the sources, so those tests would test an unmutated (or broken) bundle. Optional: `"related":
// false` when tests reach the code without importing it (over HTTP, as the mock's gate tests
// do), and `"concurrency"` (default 2 test processes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

// Stryker 9 looks plugins up next to itself; pnpm's layout hides the vitest runner from it, so
// it is named by its resolved entry file.
const runnerPlugin = require.resolve('@stryker-mutator/vitest-runner');
const strykerBin = join(
  dirname(require.resolve('@stryker-mutator/core/package.json')),
  'bin/stryker.js',
);

function workspacePackages() {
  const dirs = [];
  for (const parent of ['packages', '.']) {
    const base = join(root, parent);
    const names = parent === '.' ? ['mock', 'spec', 'release'] : readdirNames(base);
    for (const name of names) {
      const dir = join(base, name);
      if (existsSync(join(dir, 'mutation.config.json'))) dirs.push(dir);
    }
  }
  return dirs;
}

function readdirNames(dir) {
  return existsSync(dir) ? readdirSync(dir) : [];
}

function pick(all, wanted) {
  if (wanted.length === 0) return all;
  return wanted.map((name) => {
    const dir = all.find(
      (d) => relative(root, d) === name.replace(/\/$/, '') || basename(d) === name,
    );
    if (!dir) {
      const known = all.map((d) => relative(root, d)).join(', ');
      console.error(`mutation: no mutation.config.json for "${name}"; packages with one: ${known}`);
      process.exit(2);
    }
    return dir;
  });
}

/** Stryker's score: detected (killed, timed out) over valid (detected, survived, no coverage). */
function score(report) {
  const counts = {};
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        survivors.push(
          `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName}: ${JSON.stringify(mutant.replacement ?? '')}`,
        );
      }
    }
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { score: valid === 0 ? 0 : (100 * detected) / valid, counts, survivors };
}

const results = [];
for (const dir of pick(workspacePackages(), process.argv.slice(2))) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  const own = JSON.parse(readFileSync(join(dir, 'mutation.config.json'), 'utf8'));
  const reportFile = join(dir, 'reports/mutation/mutation.json');
  const config = {
    packageManager: 'pnpm',
    plugins: [runnerPlugin],
    testRunner: 'vitest',
    // `related: false` runs every test, not only those whose imports reach the mutant: tests
    // that reach code over HTTP (the mock's gate) import nothing of it.
    vitest: { configFile: own.vitestConfig, related: own.related ?? true },
    mutate: own.mutate,
    coverageAnalysis: 'perTest',
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: relative(dir, reportFile) },
    clearTextReporter: { allowColor: false, logTests: false },
    concurrency: own.concurrency ?? 2,
    timeoutMS: 10_000,
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    thresholds: { high: 95, low: 90, break: null },
  };
  mkdirSync(join(dir, '.stryker-tmp'), { recursive: true });
  const configFile = join(dir, '.stryker-tmp/stryker.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  console.log(`mutation: running Stryker in ${relative(root, dir)} …`);
  const run = spawnSync(process.execPath, [strykerBin, 'run', relative(dir, configFile)], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (run.status !== 0 || !existsSync(reportFile)) {
    results.push({
      name,
      line: `mutation: ${name} failed (Stryker exit ${run.status})`,
      failed: true,
    });
    continue;
  }
  const { score: value, counts, survivors } = score(JSON.parse(readFileSync(reportFile, 'utf8')));
  writeFileSync(join(dir, 'reports/mutation/survivors.txt'), `${survivors.join('\n')}\n`);
  console.log(
    `${name}: ${JSON.stringify(counts)}; survivors listed in ${relative(root, join(dir, 'reports/mutation/survivors.txt'))}`,
  );
  results.push({ name, line: `mutation: ${name} ${value.toFixed(2)}%` });
}
for (const { line } of results) console.log(line);
process.exitCode = results.some((r) => r.failed) ? 1 : 0;
