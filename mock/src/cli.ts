/**
 * The `tianman-mock` bin: runs the mock in the foreground until Ctrl-C.
 * @packageDocumentation
 */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
