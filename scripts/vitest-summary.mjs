#!/usr/bin/env node
// Sums the per-package vitest JSON reports into the one plain line CI reads:
// `N passed, M failed`. A package whose tests crashed before writing a report, or whose test
// files failed to load, counts as failed: silence must never read as success.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// The workspace folders (pnpm-workspace.yaml) whose package has a `test` script.
const candidates = [
  'spec',
  'mock',
  'release',
  ...readdirSync(join(root, 'packages')).map((d) => `packages/${d}`),
];
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : candidates.filter((dir) => {
      const manifest = join(root, dir, 'package.json');
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test;
    });

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const file = join(root, dir, '.vitest-report.json');
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
process.stdout.write(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failed > 0 ? 1 : 0);
