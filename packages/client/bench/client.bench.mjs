// Benchmark, not a test: the client against what a user could use instead, side by side in one
// run, all calling one loopback server that runs in ANOTHER process (bench/server.mjs), so the
// server's work is not timed with the client's. Sequential latency (median per call) and
// throughput at concurrency 64; medians of rounds, every ratio taken within its own round.
// Imports the built package, as a user would: run `pnpm --filter @tianman/client build` first.
//
// The rows:
//   floor            node:http + a keep-alive agent, everything precomputed: what Node can do
//   raw fetch        global fetch (undici), precomputed header
//   axios            axios + a request interceptor that signs each call (what a user would write)
//   openapi-fetch    openapi-fetch + a middleware that signs each call
//   node transport   this package's node:http transport alone, a fresh signature per call: what
//                    the client approaches once its pipeline sends through it
//   syncPayScoreOrder, api.POST          the client itself (api: createTianmanApi(client))
//   validateSyncPayScoreOrder   the generated validator alone (src/generated/validators.js,
//                    bundled with its helpers by esbuild as a user's bundler would), on the
//                    spec's example and on it with one violation: ns per call, goal ≤ 1 µs
//   syncPayScoreOrder + tracer   the same method with an OpenTelemetry tracer (the SDK's
//                    BasicTracerProvider, every span sampled, ended and handed to a no-op
//                    exporter through a SimpleSpanProcessor): what tracing costs a call. No
//                    context manager is registered, so the other rows pay nothing for it
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { sign } from '@tianman/signer';
import axios from 'axios';
import createOpenApiClient from 'openapi-fetch';
import { Bench } from 'tinybench';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url);
if (!existsSync(dist('index.js')) || !existsSync(dist('transport-default-node.js'))) {
  console.error('bench: dist/ is missing; run `pnpm --filter @tianman/client build` first');
  process.exit(1);
}
const { createTianmanClient, formatPaidTime } = await import(dist('index.js').href);
const { defaultTransport } = await import(dist('transport-default-node.js').href);
const { createTianmanApi } = await import(dist('api.js').href);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
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
const PATH = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';

const server = fork(new URL('./server.mjs', import.meta.url), {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const port = await new Promise((resolve, reject) => {
  server.stdout.once('data', (data) => resolve(Number(String(data).trim())));
  server.once('exit', (code) => reject(new Error(`bench: server exited (${code})`)));
});
const baseUrl = `http://127.0.0.1:${port}`;
const url = `${baseUrl}${PATH}`;

const text = JSON.stringify(body);
const { authorization } = await sign({ appId, appKey, body: text });
const headers = { 'content-type': 'application/json', authorization };

// The floor: node:http, a keep-alive agent, the bytes and every header precomputed.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const floorHeaders = { ...headers, 'content-length': Buffer.byteLength(text) };
const floorOptions = {
  method: 'POST',
  host: '127.0.0.1',
  port,
  path: PATH,
  agent,
  headers: floorHeaders,
};
function floor() {
  return new Promise((resolve, reject) => {
    const req = request(floorOptions, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function rawFetch() {
  const response = await fetch(url, { method: 'POST', headers, body: text });
  return response.json();
}

// axios as a user would sign with it: an interceptor that serializes the body itself (the
// signature covers the exact bytes) and signs each call afresh.
const viaAxios = axios.create({ baseURL: baseUrl });
viaAxios.interceptors.request.use(async (config) => {
  const bytes = typeof config.data === 'string' ? config.data : JSON.stringify(config.data);
  const signed = await sign({ appId, appKey, body: bytes });
  config.data = bytes;
  config.headers.set('content-type', 'application/json');
  config.headers.set('authorization', signed.authorization);
  return config;
});
const axiosCall = async () => (await viaAxios.post(PATH, body)).data;

// openapi-fetch with a signing middleware (reads the serialized body back from the Request).
const viaOpenApiFetch = createOpenApiClient({ baseUrl });
viaOpenApiFetch.use({
  async onRequest({ request: req }) {
    const bytes = await req.clone().text();
    const signed = await sign({ appId, appKey, body: bytes });
    req.headers.set('authorization', signed.authorization);
    return req;
  },
});
const openApiFetchCall = async () => (await viaOpenApiFetch.POST(PATH, { body })).data;

// This package's node transport alone, signing each call: the client's floor.
async function nodeTransport() {
  const signed = await sign({ appId, appKey, body: text });
  const response = await defaultTransport({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization: signed.authorization },
    body: text,
    signal: new AbortController().signal,
    maxResponseBytes: 1 << 20,
  });
  return JSON.parse(response.text);
}

const client = createTianmanClient({ appId, appKey, baseUrl });
const viaClient = () => client.syncPayScoreOrder(body);
const api = createTianmanApi(client);
const viaApi = async () => (await api.POST(PATH, { body })).data;
// Spans recorded in full and exported to nowhere: the cost of the client's tracing and the SDK's.
const exporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const traced = createTianmanClient({ appId, appKey, baseUrl, tracer: provider.getTracer('bench') });
const viaTraced = () => traced.syncPayScoreOrder(body);

const FLOOR = 'node:http + keep-alive (precomputed header)';
const RAW = 'raw fetch (precomputed header)';
const AXIOS = 'axios + signing interceptor';
const TRANSPORT = 'node transport + sign per call';
const SYNC = 'client.syncPayScoreOrder';
const API = 'api.POST';
const TRACED = 'client.syncPayScoreOrder + tracer';
const tasks = {
  [FLOOR]: floor,
  [RAW]: rawFetch,
  [AXIOS]: axiosCall,
  'openapi-fetch + signing middleware': openApiFetchCall,
  [TRANSPORT]: nodeTransport,
  [SYNC]: viaClient,
  [API]: viaApi,
  [TRACED]: viaTraced,
};
const names = Object.keys(tasks);

for (const [name, fn] of Object.entries(tasks)) {
  const result = await fn();
  if (result?.respCode !== '0000')
    throw new Error(`bench: ${name} failed: ${JSON.stringify(result)}`);
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

const series = () => Object.fromEntries(names.map((name) => [name, []]));
const latency = series();
const rate = series();
const latencyVsRaw = series();
const rateVsRaw = series();
const rateVsFloor = series();
const rateVsAxios = series();
// Tracing's cost: each row against the untraced method, in the same round.
const latencyVsSync = series();
const rateVsSync = series();

// Warm every path (JIT, connection pools) before measuring.
for (const fn of Object.values(tasks)) await throughput(fn, 300);

for (let round = 0; round < ROUNDS; round++) {
  // The order rotates each round: a shared machine's load drifts, and the rotation spreads it.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  const bench = new Bench({ time: TIME_MS, warmupIterations: 50 });
  for (const name of order) bench.add(name, tasks[name]);
  await bench.run();
  const p50 = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.latency.p50]));
  const ops = {};
  for (const name of order) ops[name] = await throughput(tasks[name], TIME_MS);
  for (const name of names) {
    latency[name].push(p50[name]);
    rate[name].push(ops[name]);
    latencyVsRaw[name].push(p50[name] / p50[RAW]);
    rateVsRaw[name].push(ops[name] / ops[RAW]);
    rateVsFloor[name].push(ops[name] / ops[FLOOR]);
    rateVsAxios[name].push(ops[name] / ops[AXIOS]);
    latencyVsSync[name].push(p50[name] / p50[SYNC]);
    rateVsSync[name].push(ops[name] / ops[SYNC]);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const rows = Object.fromEntries(
  names.map((name) => [
    name,
    {
      latencyUs: median(latency[name]) * 1000,
      latencyVsRaw: median(latencyVsRaw[name]),
      throughput: median(rate[name]),
      throughputVsRaw: median(rateVsRaw[name]),
      throughputVsAxios: median(rateVsAxios[name]),
      throughputVsFloor: median(rateVsFloor[name]),
      latencyVsSync: median(latencyVsSync[name]),
      throughputVsSync: median(rateVsSync[name]),
    },
  ]),
);

console.log(
  `\n@tianman/client bench — Node ${process.version}, server in another process, ` +
    `${ROUNDS} rounds × ${TIME_MS} ms, medians\n`,
);
console.table(
  Object.fromEntries(
    names.map((name) => {
      const row = rows[name];
      return [
        name,
        {
          'seq µs (p50)': +row.latencyUs.toFixed(0),
          'seq × fetch': +row.latencyVsRaw.toFixed(2),
          [`calls/s c=${CONCURRENCY}`]: Math.round(row.throughput),
          'conc × fetch': +row.throughputVsRaw.toFixed(2),
          'conc × axios': +row.throughputVsAxios.toFixed(2),
          'conc × floor': +row.throughputVsFloor.toFixed(2),
        },
      ];
    }),
  ),
);

// The issue's goals (raw fetch and axios measured in this same run).
const goal = (label, value, ok) =>
  console.log(`${label}: ${value.toFixed(2)}× — ${ok ? 'met' : 'missed'}`);
for (const name of [SYNC, TRANSPORT]) {
  const row = rows[name];
  goal(
    `${name}: sequential latency vs raw fetch (goal ≤ 0.5×)`,
    row.latencyVsRaw,
    row.latencyVsRaw <= 0.5,
  );
  goal(
    `${name}: throughput vs raw fetch (goal ≥ 2×)`,
    row.throughputVsRaw,
    row.throughputVsRaw >= 2,
  );
  goal(
    `${name}: throughput vs axios (goal ≥ 2×)`,
    row.throughputVsAxios,
    row.throughputVsAxios >= 2,
  );
}
goal(
  `${API}: throughput vs raw fetch (goal ≥ 1×)`,
  rows[API].throughputVsRaw,
  rows[API].throughputVsRaw >= 1,
);
console.log(
  `${TRACED}: sequential latency ${rows[TRACED].latencyVsSync.toFixed(2)}× and throughput ` +
    `${rows[TRACED].throughputVsSync.toFixed(2)}× the untraced method's (same rounds)`,
);

// Tracing's own cost without the network's noise: the method over an in-memory fetch, untraced
// and traced, side by side in each round.
const memoryFetch = async () =>
  new Response('{"respCode":"0000"}', { headers: { 'content-type': 'application/json' } });
const inMemory = {
  untraced: createTianmanClient({ appId, appKey, baseUrl, fetch: memoryFetch }),
  traced: createTianmanClient({
    appId,
    appKey,
    baseUrl,
    fetch: memoryFetch,
    tracer: provider.getTracer('bench'),
  }),
};
const memoryLatency = { untraced: [], traced: [], ratio: [] };
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: TIME_MS, warmupIterations: 200 });
  for (const [name, c] of Object.entries(inMemory))
    bench.add(name, () => c.syncPayScoreOrder(body));
  await bench.run();
  const [untraced, traced] = bench.tasks.map((t) => t.result.latency.p50);
  memoryLatency.untraced.push(untraced);
  memoryLatency.traced.push(traced);
  memoryLatency.ratio.push(traced / untraced);
}
const tracingInMemory = {
  untracedUs: median(memoryLatency.untraced) * 1000,
  tracedUs: median(memoryLatency.traced) * 1000,
  ratio: median(memoryLatency.ratio),
};
console.log(
  `${SYNC} over an in-memory fetch: ${tracingInMemory.untracedUs.toFixed(1)} µs untraced, ` +
    `${tracingInMemory.tracedUs.toFixed(1)} µs traced (p50, ${tracingInMemory.ratio.toFixed(2)}×)`,
);

// The generated validator alone, in batches (a timer read per call would cost more than the
// call): the median over rounds of ns per call.
const { build } = await import('esbuild');
const bundled = await build({
  entryPoints: [new URL('../src/generated/validators.js', import.meta.url).pathname],
  bundle: true,
  minify: true,
  write: false,
  format: 'esm',
  target: 'es2022',
  logLevel: 'silent',
});
const { validateSyncPayScoreOrder } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
);
const example = {
  fenOrderId: '1234323JKHDFE1243252',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
};
const validatorRows = { valid: [example, null], 'one violation': [{ ...example, mid: '' }, 1] };
const validatorNs = {};
for (const [name, [data, issues]] of Object.entries(validatorRows)) {
  if ((validateSyncPayScoreOrder(data)?.length ?? null) !== issues) {
    throw new Error(`bench: the validator's verdict on the ${name} body is wrong`);
  }
  const BATCH = 100_000;
  const perRound = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    let found = 0;
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) if (validateSyncPayScoreOrder(data)) found++;
    perRound.push(((performance.now() - start) * 1e6) / BATCH);
    if (found !== (issues ? BATCH : 0)) throw new Error(`bench: ${name}: verdicts changed`);
  }
  validatorNs[name] = median(perRound.slice(1));
}
console.table(
  Object.fromEntries(
    Object.entries(validatorNs).map(([name, ns]) => [
      `validateSyncPayScoreOrder, ${name}`,
      { 'ns per call (median)': Math.round(ns) },
    ]),
  ),
);
for (const [name, ns] of Object.entries(validatorNs)) {
  console.log(
    `validateSyncPayScoreOrder, ${name}: ${Math.round(ns)} ns (goal ≤ 1000 ns) — ${ns <= 1000 ? 'met' : 'missed'}`,
  );
}

// For the root `pnpm bench`, which gathers every package's figures into one table.
if (process.env.BENCH_REPORT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.BENCH_REPORT,
    JSON.stringify({
      concurrency: CONCURRENCY,
      names: { FLOOR, RAW, AXIOS, TRANSPORT, SYNC, API, TRACED },
      rows,
      validatorNs,
      tracingInMemory,
    }),
  );
}

agent.destroy();
server.kill();
