#!/usr/bin/env node
// `pnpm bench`: runs every package's benchmark and the cold-import measurement, then prints one
// table. Each ratio is measured within one run (ours and the baseline side by side, medians of
// several rounds), because a machine's load drifts between runs. Needs built packages
// (the root script builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'tianman-bench-'));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function runPackageBench(dir, script) {
  const report = join(work, `${dir.replace(/\W/g, '_')}.json`);
  console.log(`\n# ${dir}: node ${script}`);
  execFileSync('node', [script], {
    cwd: join(root, dir),
    stdio: 'inherit',
    env: { ...process.env, BENCH_REPORT: report },
  });
  return JSON.parse(readFileSync(report, 'utf8'));
}

// Cold start: a fresh `node` that imports the client, against a fresh `node` that imports
// nothing, alternated so drift hits both alike; plus the import alone, timed inside the
// process (process start-up noise dwarfs it otherwise). Resolved from release/, which depends
// on the published packages the way a user's project does.
const IMPORT =
  "const t = performance.now(); await import('@tianman/client'); console.log(performance.now() - t)";
function coldImport(runs = 21) {
  const cwd = join(root, 'release');
  const time = (code) => {
    const start = process.hrtime.bigint();
    const result = spawnSync('node', ['--input-type=module', '-e', code], {
      cwd,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`bench: cold import failed: ${result.stderr}`);
    return [Number(process.hrtime.bigint() - start) / 1e6, Number(result.stdout)];
  };
  const bare = [];
  const client = [];
  const importOnly = [];
  time(IMPORT); // warm the file system cache, not the process
  for (let i = 0; i < runs; i++) {
    bare.push(time('')[0]);
    const [whole, inside] = time(IMPORT);
    client.push(whole);
    importOnly.push(inside);
  }
  return { bareMs: median(bare), clientMs: median(client), importMs: median(importOnly), runs };
}

function clientRows({ concurrency, names, rows }) {
  const raw = rows[names.RAW];
  const floor = rows[names.FLOOR];
  const axiosRow = rows[names.AXIOS];
  const latency = (name, goal) => ({
    benchmark: `${name}, sequential latency p50 (µs)`,
    ours: rows[name].latencyUs.toFixed(0),
    baseline: `${raw.latencyUs.toFixed(0)} (raw fetch, precomputed header); floor ${floor.latencyUs.toFixed(0)}`,
    ratio: `${rows[name].latencyVsRaw.toFixed(2)}×`,
    goal,
  });
  const rate = (name, goal) => ({
    benchmark: `${name}, concurrency ${concurrency} (calls/s)`,
    ours: Math.round(rows[name].throughput),
    baseline: `${Math.round(raw.throughput)} (raw fetch); axios ${Math.round(axiosRow.throughput)} (${rows[name].throughputVsAxios.toFixed(2)}×); floor ${Math.round(floor.throughput)}`,
    ratio: `${rows[name].throughputVsRaw.toFixed(2)}×`,
    goal,
  });
  return [
    latency(names.SYNC, '≤ 0.5×'),
    rate(names.SYNC, '≥ 2× fetch, ≥ 2× axios'),
    rate(names.API, '≥ 1×'),
    latency(names.TRANSPORT, "— (the client's floor)"),
    rate(names.TRANSPORT, '—'),
  ];
}

try {
  const signer = runPackageBench('packages/signer', 'bench/sign.bench.mjs');
  const client = runPackageBench('packages/client', 'bench/client.bench.mjs');
  console.log('\n# cold import');
  const cold = coldImport();

  const rows = [
    {
      benchmark: 'sign, 1 KiB body, clock + fresh nonce (ops/s)',
      ours: Math.round(signer.signOpsPerSecond),
      baseline: `${Math.round(signer.rawOpsPerSecond)} (raw node:crypto sha256 + hmac)`,
      ratio: `${signer.ratio.toFixed(2)}×`,
      goal: '≥ 0.8×',
    },
    {
      benchmark: 'sign, 1 KiB body, same inputs as raw (ops/s)',
      ours: Math.round(signer.signFixedOpsPerSecond),
      baseline: `${Math.round(signer.rawOpsPerSecond)} (raw node:crypto sha256 + hmac)`,
      ratio: `${signer.ratioFixed.toFixed(2)}×`,
      goal: '≥ 0.8×',
    },
    // The client's rows: each against raw fetch measured in the same run (the goals),
    // and the node:http floor and the bare transport for scale.
    ...clientRows(client),
    {
      benchmark: "cold import('@tianman/client'): fresh process (ms)",
      ours: cold.clientMs.toFixed(0),
      baseline: `${cold.bareMs.toFixed(0)} (bare node)`,
      ratio: `${(cold.clientMs / cold.bareMs).toFixed(2)}×`,
      goal: '—',
    },
    {
      benchmark: "cold import('@tianman/client'): the import alone (ms)",
      ours: cold.importMs.toFixed(1),
      baseline: '0 (nothing to import)',
      ratio: '—',
      goal: '—',
    },
  ];
  console.log(`\n# tianman-sdk benchmarks — Node ${process.version}, medians\n`);
  console.table(Object.fromEntries(rows.map(({ benchmark, ...rest }) => [benchmark, rest])));
} finally {
  rmSync(work, { recursive: true, force: true });
}
