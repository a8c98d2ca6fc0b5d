import { type RunningMock, startMock } from '@tianman/mock';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { type Fleet, type FleetOptions, type Report, startFleet } from './fleet.js';
import { type RedisServer, startRedis } from './redis-server.js';

const TOKEN_PATH = '/v1/token/access';

// The tests run concurrently (most of their time is processes starting and waiting), so each
// stops what it started through its own context's `onTestFinished`, whatever happened.
type Finally = (stop: () => Promise<void>) => void;

/** The mock as the platform, with what it saw: token requests and 412 refusals. */
async function platform(
  after: Finally,
  options: { tokenTtlSeconds?: number; now?: () => number } = {},
) {
  const seen: { path: string; status: number }[] = [];
  const mock: RunningMock = await startMock({
    port: 0,
    ...options,
    log: ({ path, status }) => seen.push({ path, status }),
  });
  after(() => mock.close());
  return {
    mock,
    tokenRequests: () => seen.filter((e) => e.path === TOKEN_PATH).length,
    refusals: () => seen.filter((e) => e.path !== TOKEN_PATH && e.status === 412).length,
  };
}

async function redis(after: Finally): Promise<RedisServer> {
  const server = await startRedis();
  after(() => server.stop());
  return server;
}

async function fleet(
  after: Finally,
  mock: RunningMock,
  libraries: FleetOptions['libraries'],
  extra: Partial<FleetOptions> = {},
): Promise<Fleet> {
  const started = await startFleet({
    baseUrl: mock.url,
    ...mock.credentials,
    libraries,
    storeModule: inject('storeModule'),
    // One mock answers hundreds of concurrent calls while `pnpm test` loads both cores: a call
    // timing out here would be load, not the behaviour under test.
    timeoutMs: 30_000,
    ...extra,
  });
  after(() => started.close());
  return started;
}

/** Half node-redis, half ioredis: both libraries share one store. */
const mixed = (n: number): FleetOptions['libraries'] =>
  Array.from({ length: n }, (_, i) => (i % 2 ? 'ioredis' : 'node-redis'));

/** Failed calls counted by error name and code: `{}` when every call succeeded. */
function failures(reports: Report[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const failure of reports.flatMap((r) => r.failures)) {
    counts[failure] = (counts[failure] ?? 0) + 1;
  }
  return counts;
}
const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0);

// The figures the README quotes come from these runs; printed for the record.
function record(what: string, figures: Record<string, number>): void {
  process.stdout.write(`[fleet] ${what}: ${JSON.stringify(figures)}\n`);
}

describe.concurrent('a fleet over the mock platform', { timeout: 180_000 }, () => {
  it('8 processes × 40 concurrent calls with the Redis store: 1 token request, every call succeeds', async ({
    onTestFinished: after,
  }) => {
    const [p, r] = await Promise.all([platform(after), redis(after)]);
    const f = await fleet(after, p.mock, mixed(8), { redisUrl: r.url });
    const reports = await f.burst(40);
    record('8 × 40, Redis store', { tokenRequests: p.tokenRequests(), refusals: p.refusals() });
    expect(failures(reports)).toEqual({});
    expect(p.tokenRequests()).toBe(1);
    expect(p.refusals()).toBe(0);
  });

  it("16 processes without a store exceed the mock's cap of 10 live tokens; with the store they do not", async ({
    onTestFinished: after,
  }) => {
    const [bare, shared, r] = await Promise.all([platform(after), platform(after), redis(after)]);
    const [without, withStore] = await Promise.all([
      fleet(after, bare.mock, Array(16).fill('none')),
      fleet(after, shared.mock, mixed(16), { redisUrl: r.url }),
    ]);
    // Two bursts: the first gives every process a token, the second uses them after the
    // platform has revoked the oldest.
    const bareReports = [...(await without.burst(10)), ...(await without.burst(10))];
    const sharedReports = [...(await withStore.burst(10)), ...(await withStore.burst(10))];
    record('16 × 2 × 10, no store', {
      tokenRequests: bare.tokenRequests(),
      refusals: bare.refusals(),
      failedCalls: total(failures(bareReports)),
    });
    record('16 × 2 × 10, Redis store', {
      tokenRequests: shared.tokenRequests(),
      refusals: shared.refusals(),
      failedCalls: total(failures(sharedReports)),
    });
    expect(bare.tokenRequests()).toBeGreaterThan(10);
    expect(bare.refusals()).toBeGreaterThan(0);
    expect(shared.tokenRequests()).toBe(1);
    expect(shared.refusals()).toBe(0);
    expect(failures(sharedReports)).toEqual({});
  });

  it('a lock key left without an expiry: 4 processes starting together make 1 token request, and one of them warns', async ({
    onTestFinished: after,
  }) => {
    const [p, r] = await Promise.all([platform(after), redis(after)]);
    const raw = new Redis(r.url);
    after(async () => void raw.disconnect());
    const { appId } = p.mock.credentials;
    // The client's documented key: `:` (and `%`) escaped in each part.
    const lockKey = `tianman:${p.mock.url.replaceAll(':', '%3A')}:${appId}:lock`;
    await raw.set(lockKey, 'left by a crashed process');
    const f = await fleet(after, p.mock, mixed(4), { redisUrl: r.url });
    const reports = await f.burst(10);
    const warnings = reports.flatMap((report) => report.warnings);
    record('4 × 10, TTL-less lock', {
      tokenRequests: p.tokenRequests(),
      warnings: warnings.length,
    });
    expect(failures(reports)).toEqual({});
    expect(p.tokenRequests()).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/token store lock: the refresh lock had no expiry/);
    expect(await raw.exists(lockKey)).toBe(0);
  });

  it('Redis killed mid-run: calls keep succeeding on tokens of their own, one warn per process', async ({
    onTestFinished: after,
  }) => {
    // The mock's clock is moved 250 s on after the kill: the shared token (200 s) has expired
    // there, so every process must replace it while Redis is gone (the refusal path: drop, then
    // refresh). 250 s stays inside the mock's 300 s timestamp window for the token requests.
    let shift = 0;
    const [p, r] = await Promise.all([
      platform(after, { tokenTtlSeconds: 200, now: () => Date.now() + shift }),
      redis(after),
    ]);
    const f = await fleet(after, p.mock, mixed(4), { redisUrl: r.url });
    expect(failures(await f.burst(40))).toEqual({});
    const beforeKill = p.tokenRequests();
    await r.kill();
    shift = 250_000;
    const reports = await f.burst(40);
    record('4 × 40, Redis killed between bursts', {
      tokenRequestsBefore: beforeKill,
      tokenRequestsAfter: p.tokenRequests() - beforeKill,
      refusalsAfter: p.refusals(),
    });
    expect(failures(reports)).toEqual({});
    expect(beforeKill).toBe(1);
    // Each process requested a token of its own, once.
    expect(p.tokenRequests() - beforeKill).toBe(4);
    for (const { warnings } of reports) {
      const store = warnings.filter((w) => w.includes('token store'));
      // One warn per process, not one per call.
      expect(store).toHaveLength(1);
      expect(store[0]).toMatch(/token store \w+ failed \(.+\): this process uses its own token/);
    }
  });
});
