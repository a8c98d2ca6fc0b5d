import { createTianmanClient, type TianmanClientOptions } from '@tianman/client';
import { describe, expect, inject, it } from 'vitest';
import { SYNC_PATH, validBody } from './helpers.js';

// The mock's `Date` header is the real clock: a client whose clock is minutes off is corrected
// from it after the gate's `1000` timestamp-skew refusal.
const TOKEN_PATH = '/v1/token/access';

function skewedClient(skewMs: number, options: Partial<TianmanClientOptions> = {}) {
  const paths: string[] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const client = createTianmanClient({
    ...inject('mockCredentials'),
    baseUrl: inject('mockUrl'),
    now: () => Date.now() + skewMs,
    retry: { limit: 0 },
    logger: { warn: (_m, details) => warnings.push(details) },
    fetch: (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    },
    ...options,
  });
  return { client, paths, warnings };
}

describe.each([15 * 60_000, -15 * 60_000])('a host clock %i ms off', (skew) => {
  it('signature mode: refused once, corrected from Date, success on attempt 2', async () => {
    const { client, paths, warnings } = skewedClient(skew);
    const first = await client.syncPayScoreOrder({ ...validBody });
    expect(first).toMatchObject({ respCode: '0000', attempts: 2 });
    expect(warnings).toHaveLength(1);
    expect(Math.abs((warnings[0]?.skewMs as number) + skew)).toBeLessThan(5_000);
    const second = await client.syncPayScoreOrder({ ...validBody });
    expect(second.attempts).toBe(1);
    expect(paths).toEqual([SYNC_PATH, SYNC_PATH, SYNC_PATH]);
  });

  it('token mode: the token request is corrected the same way', async () => {
    const { client, paths } = skewedClient(skew, { auth: 'token' });
    const result = await client.syncPayScoreOrder({ ...validBody });
    expect(result).toMatchObject({ respCode: '0000', attempts: 1 });
    expect(paths).toEqual([TOKEN_PATH, TOKEN_PATH, SYNC_PATH]);
  });
});
