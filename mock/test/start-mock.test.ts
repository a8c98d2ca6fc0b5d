import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../src/credentials.js';
import {
  type MockRequestLog,
  type RunningMock,
  SANDBOX_CREDENTIALS,
  startMock,
} from '../src/index.js';
import { defaultSpecPath } from '../src/spec-path.js';
import { rawCall, validBody } from './helpers.js';

// A mock of its own, with a clock the tests move: token expiry without waiting an hour.
let clock = Date.now();
let mock: RunningMock;
const log: MockRequestLog[] = [];
beforeAll(async () => {
  mock = await startMock({ port: 0, now: () => clock, maxLiveTokens: 2, log: (e) => log.push(e) });
});
afterAll(() => mock.close());

async function issueToken(): Promise<string> {
  const request = await signTokenRequest({ ...mock.credentials, now: clock });
  const response = await fetch(`${mock.url}/v1/token/access`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function withToken(token: string) {
  return rawCall(JSON.stringify(validBody), {
    url: mock.url,
    authorization: `OPEN-ACCESS-TOKEN AccessToken=${token}`,
  });
}

describe('startMock', () => {
  it('listens on a free port with port 0 and reports the sandbox credentials', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.url).not.toMatch(/:4010$/);
    expect(mock.credentials).toEqual(SANDBOX_CREDENTIALS);
  });

  it('expires tokens on its clock, and says so', async () => {
    const token = await issueToken();
    expect((await withToken(token)).status).toBe(200);
    clock += 3600_000;
    const expired = await withToken(token);
    expect(expired.status).toBe(412);
    expect(expired.headers.get('x-mock-reason')).toBe('token-expired');
    expect(expired.text).toContain('expired at');
  });

  it('revokes the oldest token when an appId asks for more than the cap', async () => {
    const [first, second, third] = [await issueToken(), await issueToken(), await issueToken()];
    const revoked = await withToken(first as string);
    expect(revoked.status).toBe(412);
    expect(revoked.headers.get('x-mock-reason')).toBe('token-revoked');
    expect(revoked.text).toContain('cache one token');
    expect((await withToken(second as string)).status).toBe(200);
    expect((await withToken(third as string)).status).toBe(200);
  });

  it('checks body timestamps against its clock', async () => {
    const { authorization } = await sign({
      ...mock.credentials,
      body: JSON.stringify(validBody),
      now: clock - 299_000,
    });
    const answer = await rawCall(JSON.stringify(validBody), { url: mock.url, authorization });
    expect(answer.status).toBe(200);
  });

  it('logs one entry per request, with the reason of a refusal', async () => {
    log.length = 0;
    await rawCall('{', { url: mock.url, sign: { ...mock.credentials, now: clock } });
    expect(log).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 400,
        code: '9001',
        reason: 'malformed-json',
        info: expect.stringMatching(/^请求报文格式错误/),
      }),
    ]);
  });

  it('close() is idempotent and frees the port', async () => {
    const other = await startMock({ port: 0 });
    const port = Number(new URL(other.url).port);
    await Promise.all([other.close(), other.close()]);
    const again = await startMock({ port });
    expect(again.url).toBe(other.url);
    await again.close();
  });

  it('says how to fix a port in use', async () => {
    const port = Number(new URL(mock.url).port);
    await expect(startMock({ port })).rejects.toThrow(/already in use.*0 = any free port/);
  });

  it('refuses bad options with a message naming the package', async () => {
    await expect(startMock({ port: 70000 })).rejects.toThrow(/^@tianman\/mock: port/);
    await expect(startMock({ port: 0, toleranceSeconds: 0 })).rejects.toThrow(/toleranceSeconds/);
  });
});

describe('response validation', () => {
  it('is really on: an example that breaks its own schema becomes a loud 500', async () => {
    // Guards the dialect rewrite in prism.ts (loadSpec): without it Prism validates nothing, silently.
    const spec = await readFile(defaultSpecPath(), 'utf8');
    const broken = spec.replace('respCode: "0000"', 'respCode: 0');
    expect(broken).not.toBe(spec);
    const path = join(tmpdir(), `tianman-mock-broken-${process.pid}.yaml`);
    await writeFile(path, broken);
    const brokenMock = await startMock({ port: 0, spec: path });
    try {
      const answer = await rawCall(JSON.stringify(validBody), { url: brokenMock.url });
      expect(answer.status).toBe(500);
      expect(answer.text).toContain('respCode');
    } finally {
      await brokenMock.close();
    }
  });
});

describe('credentials', () => {
  it('fall back field by field: options, then environment, then the sandbox', () => {
    const env = { TIANMAN_MOCK_APP_ID: 'env-app', TIANMAN_MOCK_APP_KEY: 'env-key' };
    expect(resolveCredentials(undefined, {})).toEqual(SANDBOX_CREDENTIALS);
    expect(resolveCredentials(undefined, env)).toEqual({ appId: 'env-app', appKey: 'env-key' });
    expect(resolveCredentials({ appKey: 'given' }, env)).toEqual({
      appId: 'env-app',
      appKey: 'given',
    });
    expect(resolveCredentials(undefined, { TIANMAN_MOCK_APP_ID: ' ' })).toEqual(
      SANDBOX_CREDENTIALS,
    );
  });

  it('refuses an appId that cannot sit in a header, and never echoes a key', () => {
    expect(() => resolveCredentials({ appId: 'a"b' }, {})).toThrow(/TIANMAN_MOCK_APP_ID/);
    expect(() => resolveCredentials({ appKey: '' }, {})).toThrow(/must not be empty/);
  });

  it('are the documented sandbox values, 32 characters each', () => {
    expect(SANDBOX_CREDENTIALS.appId).toMatch(/^[0-9a-f]{32}$/);
    expect(SANDBOX_CREDENTIALS.appKey).toHaveLength(32);
  });
});
