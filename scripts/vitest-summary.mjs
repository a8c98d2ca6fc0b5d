#!/usr/bin/env node
// Sums the per-package vitest JSON reports (`.vitest-report.json`, written by every package's
// `test` script) into the one plain line CI reads: `N passed, M failed, K skipped`. A package
// whose tests crashed before writing a report, or whose test files failed to load, counts as
// failed: silence must never read as success. Exits 1 when anything failed.
//
// `node scripts/vitest-summary.mjs [dir…]` sums the given package folders (default: every
// workspace package with a `test` script). `pnpm test` (scripts/test.mjs) and `.ci/run` end
// with it.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = '.vitest-report.json';

/** The workspace folders (pnpm-workspace.yaml) whose package has a `test` script. */
export function testedPackages() {
  const candidates = [
    'spec',
    'mock',
    'release',
    ...readdirSync(join(root, 'packages')).map((d) => `packages/${d}`),
  ];
  return candidates.filter((dir) => {
    const manifest = join(root, dir, 'package.json');
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test;
  });
}

/** Removes the reports of an earlier run, so a package that does not run counts as failed. */
export function removeReports(dirs = testedPackages()) {
  for (const dir of dirs) rmSync(join(root, dir, REPORT), { force: true });
}

/**
 * Reads the reports of `dirs`: the totals, and one line on stderr for each package that failed
 * outside its tests.
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function summarize(dirs = testedPackages()) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const dir of dirs) {
    const file = join(root, dir, REPORT);
    if (!existsSync(file)) {
      process.stderr.write(
        `vitest-summary: ${dir} wrote no report (its test run crashed or did not run)\n`,
      );
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // A test file that fails to load fails no individual test; count the file instead.
    const brokenFiles = report.testResults.filter(
      (r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'),
    ).length;
    failed += report.numFailedTests + brokenFiles;
    // Unhandled errors (a rejection no test awaited) fail the run without failing a test.
    if (report.success === false && report.numFailedTests + brokenFiles === 0) {
      process.stderr.write(`vitest-summary: ${dir} failed outside its tests (unhandled errors)\n`);
      failed += 1;
    }
    if (report.numTotalTests === 0) {
      process.stderr.write(`vitest-summary: ${dir} ran no test\n`);
      failed += 1;
    }
  }
  return { passed, failed, skipped };
}

/** The line CI reads. */
export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dirs = process.argv.slice(2);
  const totals = summarize(dirs.length ? dirs : undefined);
  process.stdout.write(`${summaryLine(totals)}\n`);
  process.exit(totals.failed > 0 ? 1 : 0);
}
