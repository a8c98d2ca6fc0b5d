// Benchmark, not a test: `syncPayScoreOrder` against raw `fetch` with a precomputed
// Authorization header, both through the same global fetch (undici) to one loopback server in
// this process. Sequential latency (median per call) and throughput at concurrency 64. Imports
// the built package, as a user would: run `pnpm --filter @tianman/client build` first.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { sign } from '@tianman/signer';
import { Bench } from 'tinybench';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bench: dist/ is missing; run `pnpm --filter @tianman/client build` first');
  process.exit(1);
}
const { createTianmanClient, formatPaidTime } = await import(entry.href);

// Many short rounds, the order alternated and every ratio taken within its own round: a shared
// machine's load drifts, and this keeps the drift out of the ratios.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 400);
const CONCURRENCY = 64;

const appId = '12345678901234567890123456789012';
const appKey = '67890123456789012345678901234567';
const body = {
  fenOrderId: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: formatPaidTime(Date.now() - 120_000) },
};

const answer = Buffer.from(JSON.stringify({ respCode: '0000', respDesc: '成功' }));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
    res.end(answer);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const url = `${baseUrl}/v1/inip/corporate-wallet/wechat-pay-point/order/sync`;

// The floor: one request with everything precomputed (the bytes, the header).
const text = JSON.stringify(body);
const { authorization } = await sign({ appId, appKey, body: text });
const headers = { 'content-type': 'application/json', authorization };
async function raw() {
  const response = await fetch(url, { method: 'POST', headers, body: text });
  return response.json();
}

// For reading the result: raw fetch that signs each call afresh (timestamp, nonce, HMAC), the
// part of the client's work no client can skip.
async function rawSigned() {
  const signed = await sign({ appId, appKey, body: text });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signed.authorization },
    body: text,
  });
  return response.json();
}

// The client does everything per call: validate, serialize, sign with a fresh timestamp and
// nonce, time out, read the dialects.
const client = createTianmanClient({ appId, appKey, baseUrl });
const viaClient = () => client.syncPayScoreOrder(body);

if ([await raw(), await rawSigned(), await viaClient()].some((r) => r.respCode !== '0000')) {
  throw new Error('bench: a call failed');
}

/** Calls per second with `CONCURRENCY` calls always in flight. */
async function throughput(fn, ms) {
  const end = performance.now() + ms;
  let calls = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await fn();
      calls++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (calls * 1000) / (performance.now() - start);
}

const tasks = {
  'raw fetch (precomputed header)': raw,
  'raw fetch + sign per call': rawSigned,
  syncPayScoreOrder: viaClient,
};
const names = Object.keys(tasks);
const [RAW] = names;
const latency = Object.fromEntries(names.map((name) => [name, []]));
const rate = Object.fromEntries(names.map((name) => [name, []]));
const latencyRatio = Object.fromEntries(names.map((name) => [name, []]));
const rateRatio = Object.fromEntries(names.map((name) => [name, []]));

// Warm up both paths (JIT, connection pool) before measuring.
await throughput(raw, 300);
await throughput(rawSigned, 300);
await throughput(viaClient, 300);

for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  const bench = new Bench({ time: TIME_MS, warmupIterations: 50 });
  for (const name of order) bench.add(name, tasks[name]);
  await bench.run();
  const p50 = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.latency.p50]));
  const ops = {};
  for (const name of order) ops[name] = await throughput(tasks[name], TIME_MS);
  for (const name of order) {
    latency[name].push(p50[name]);
    rate[name].push(ops[name]);
  }
  for (const name of names) {
    latencyRatio[name].push(p50[name] / p50[RAW]);
    rateRatio[name].push(ops[name] / ops[RAW]);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log(
  `\n@tianman/client bench — Node ${process.version}, ${ROUNDS} rounds × ${TIME_MS} ms, medians\n`,
);
console.table(
  Object.fromEntries(
    names.map((name) => [
      name,
      {
        'latency p50 (µs)': +(median(latency[name]) * 1000).toFixed(1),
        'latency × raw': +median(latencyRatio[name]).toFixed(3),
        [`calls/s at c=${CONCURRENCY}`]: Math.round(median(rate[name])),
        'throughput × raw': +median(rateRatio[name]).toFixed(3),
      },
    ]),
  ),
);
const lr = median(latencyRatio.syncPayScoreOrder);
const tr = median(rateRatio.syncPayScoreOrder);
console.log(
  `syncPayScoreOrder: latency ${lr.toFixed(3)}× raw (goal ≤ 1.05×: ${lr <= 1.05 ? 'met' : 'missed'}), ` +
    `throughput ${tr.toFixed(3)}× raw (goal ≥ 0.95×: ${tr >= 0.95 ? 'met' : 'missed'})`,
);

// For the root `pnpm bench`, which gathers every package's figures into one table.
if (process.env.BENCH_REPORT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.BENCH_REPORT,
    JSON.stringify({
      concurrency: CONCURRENCY,
      latencyUs: median(latency.syncPayScoreOrder) * 1000,
      rawLatencyUs: median(latency[RAW]) * 1000,
      latencyRatio: lr,
      throughput: median(rate.syncPayScoreOrder),
      rawThroughput: median(rate[RAW]),
      throughputRatio: tr,
    }),
  );
}

server.closeAllConnections();
server.close();
