#!/usr/bin/env node
// `pnpm test`: every package's tests through turbo, then one line with the totals across them
// (`N passed, M failed, K skipped`, scripts/vitest-summary.mjs). Turbo shows a task's output
// only when the task fails (turbo.json `outputLogs: "errors-only"`), and then in full.
// Arguments after `--` go to `turbo run test`: `pnpm test -- --filter=@tianman/signer` tests one
// package and sums its report, `pnpm test -- --output-logs=full` shows every package's output.
// Exits 1 when a test failed, a package's tests did not run, or turbo failed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeReports, summarize, summaryLine } from './vitest-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const turbo = join(root, 'node_modules/.bin/turbo');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
// `pnpm test -- --filter=…` hands over a leading `--`, which turbo would read as "pass the rest
// to the package scripts".
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();

// The packages whose `test` task this run includes, as turbo plans it.
const dry = spawnSync(turbo, ['run', 'test', '--dry=json', ...args], {
  cwd: root,
  env,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (dry.status !== 0) {
  process.stderr.write(dry.stderr);
  process.exit(1);
}
const dirs = JSON.parse(dry.stdout)
  .tasks.filter((task) => task.task === 'test' && task.command !== '<NONEXISTENT>')
  .map((task) => task.directory);

// A cached package gets its report back from turbo's cache; one that does not run this time
// must not be counted from an earlier run.
removeReports(dirs);
const run = spawnSync(turbo, ['run', 'test', '--continue', ...args], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (run.error) console.error(`test: cannot run turbo: ${run.error.message}`);
const totals = summarize(dirs);
console.log(summaryLine(totals));
process.exit(run.status === 0 && totals.failed === 0 ? 0 : 1);
