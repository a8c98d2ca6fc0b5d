// Benchmark, not a test: `sign` on a 1 KiB body against raw node:crypto (sha256 + HMAC) in the
// same process, several rounds, median. Imports the built package, as a user would: run
// `pnpm build` first (turbo's `bench` task does).
import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { Bench } from 'tinybench';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('index.js', dist))) {
  console.error('bench: dist/ is missing; run `pnpm --filter @tianman/signer build` first');
  process.exit(1);
}
// The one entry twice: as Node resolves it (`#crypto` → node:crypto), and once more (`?web`, a
// separate module instance) with `#crypto` resolved the way a runtime without the `node`
// condition resolves it (→ WebCrypto), through a resolve hook.
register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === '#crypto' && context.parentURL?.endsWith('?web')) {
        return next('./crypto-web.js', context);
      }
      return next(specifier, context);
    }`)}`,
);
const node = await import(new URL('index.js', dist).href);
const web = await import(`${new URL('index.js', dist).href}?web`);

// Many short rounds, the task order rotated each round and every ratio taken within its own
// round: a shared machine's load drifts, and this keeps the drift out of the ratios.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 200);

const appId = '12345678901234567890123456789012';
const appKey = '67890123456789012345678901234567';
const timestamp = '20170101120000';
const nonce = '09876543210987654321098765432109';
// 1 KiB of JSON-like text with multi-byte characters, the shape of a real request body.
const body = `{"remark":"${'测试'.repeat(16)}","pad":"${'x'.repeat(1024)}"}`.slice(0, 1024);

// The floor: what any OPEN-BODY-SIG signer must at least do.
function raw() {
  const digest = createHash('sha256').update(body, 'utf8').digest('hex');
  return createHmac('sha256', appKey)
    .update(appId + timestamp + nonce + digest, 'utf8')
    .digest('base64');
}

const fixed = { appId, appKey, body, timestamp, nonce };
const tasks = {
  'raw node:crypto sha256 + hmac': raw,
  // The cost of any promise-returning API, for reading the rows below.
  'raw, wrapped in an async function': async () => raw(),
  'sign, node (fixed timestamp and nonce)': () => node.sign(fixed),
  'sign, node (clock and fresh nonce)': () => node.sign({ appId, appKey, body }),
  'sign, WebCrypto on Node (fixed)': () => web.sign(fixed),
  'verify, node': () =>
    node.verify({ authorization: header, body, appKey, now: node.parseTimestamp(timestamp) }),
};
const { authorization: header } = await node.sign(fixed);

// Same answer from every path, or the comparison means nothing.
if ((await node.sign(fixed)).signature !== raw() || (await web.sign(fixed)).signature !== raw()) {
  throw new Error('bench: the signer and raw node:crypto disagree');
}

const BASELINE = 'raw node:crypto sha256 + hmac';
const names = Object.keys(tasks);
const samples = Object.fromEntries(names.map((name) => [name, []]));
const ratios = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: TIME_MS, warmupIterations: 1000 });
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) bench.add(name, tasks[name]);
  await bench.run();
  const opsPerSecond = {};
  for (const task of bench.tasks) {
    const { result } = task;
    if (result.state !== 'completed') throw new Error(`bench: ${task.name} ${result.state}`);
    opsPerSecond[task.name] = 1000 / result.period;
  }
  for (const name of names) {
    samples[name].push(opsPerSecond[name]);
    ratios[name].push(opsPerSecond[name] / opsPerSecond[BASELINE]);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(
  `@tianman/signer, 1 KiB body, ${ROUNDS} rounds of ${TIME_MS} ms per task, medians (Node ${process.version})`,
);
console.table(
  Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const opsPerSecond = median(values);
      return [
        name,
        {
          'ops/s': Math.round(opsPerSecond),
          'µs/op': Number((1e6 / opsPerSecond).toFixed(2)),
          'vs raw (median of per-round ratios)': Number(median(ratios[name]).toFixed(2)),
        },
      ];
    }),
  ),
);
const ratio = median(ratios['sign, node (fixed timestamp and nonce)']);
const ratioDefault = median(ratios['sign, node (clock and fresh nonce)']);
console.log(
  `sign / raw throughput: ${ratio.toFixed(2)}x with a fixed timestamp and nonce, ` +
    `${ratioDefault.toFixed(2)}x with the clock and a fresh nonce (goal >= 0.8x)`,
);

// For the root `pnpm bench`, which gathers every package's figures into one table.
if (process.env.BENCH_REPORT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.BENCH_REPORT,
    JSON.stringify({
      rawOpsPerSecond: median(samples[BASELINE]),
      signOpsPerSecond: median(samples['sign, node (clock and fresh nonce)']),
      signFixedOpsPerSecond: median(samples['sign, node (fixed timestamp and nonce)']),
      ratio: ratioDefault,
      ratioFixed: ratio,
    }),
  );
}
