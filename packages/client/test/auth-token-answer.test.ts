import { describe, expect, it } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  fastRetry,
  json,
  NOW,
  ok,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const P = '@tianman/client: ';

function tokenClient(url: string, options: Partial<TianmanClientOptions> = {}) {
  return createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    now: () => NOW,
    retry: fastRetry,
    auth: 'token',
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: Error & Record<string, unknown>) => error,
  );
}

/** A platform whose token endpoint gives `answer`, and whose API accepts anything. */
async function platform(answer: unknown) {
  return serve((request, res) => {
    if (request.url === TOKEN_PATH) return json(res, 200, answer);
    ok(res);
  });
}

describe('token mode: reading the token answer', () => {
  it('the token request is JSON, and says so', async () => {
    const server = await platform({ errCode: '0000', accessToken: 'token-0123456789' });
    await tokenClient(server.url).syncPayScoreOrder(validBody);
    expect(server.received[0]?.url).toBe(TOKEN_PATH);
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('errCode 0000 without an accessToken is an AuthError, and nothing else is sent', async () => {
    const server = await platform({ errCode: '0000' });
    const error = await failure(tokenClient(server.url).syncPayScoreOrder(validBody));
    expect(error.name).toBe('AuthError');
    expect(error.message).toBe(
      `${P}POST ${server.url}${TOKEN_PATH}: 0000 (HTTP 200, attempts: 1): no access token`,
    );
    expect(server.received).toHaveLength(1);
  });

  it('an accessToken beside an errCode other than 0000 is not used', async () => {
    const server = await platform({
      errCode: '9999',
      errInfo: 'refused',
      accessToken: 'token-0123456789',
    });
    const error = await failure(tokenClient(server.url).syncPayScoreOrder(validBody));
    expect(error.name).toBe('AuthError');
    expect(error.message).toBe(
      `${P}POST ${server.url}${TOKEN_PATH}: 9999 refused (HTTP 200, attempts: 1): no access token`,
    );
    expect(server.received).toHaveLength(1);
  });

  it('a token that is no header value: an AuthError keeping the code, never the token', async () => {
    const server = await platform({ errCode: '0000', accessToken: 'bad token' });
    const error = await failure(tokenClient(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'AuthError', code: 'ERR_INVALID_TOKEN', errCode: '0000' });
    expect(error.message).toBe(
      `${P}POST ${server.url}${TOKEN_PATH}: 0000 (HTTP 200, attempts: 1): the access token is not a valid header value (1 to 4096 visible ASCII characters); not used`,
    );
    expect(error.body).toEqual({ errCode: '0000' });
    expect(JSON.stringify(error)).not.toContain('bad token');
  });
});

describe('token mode: a token is used until min(60 s, 10 %) before it expires', () => {
  async function uses(expiresIn: number, elapsedMs: number): Promise<number> {
    let tokens = 0;
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH)
        return json(res, 200, { errCode: '0000', accessToken: `token-000${++tokens}`, expiresIn });
      ok(res);
    });
    let clock = NOW;
    const client = tokenClient(server.url, { now: () => clock });
    await client.syncPayScoreOrder(validBody);
    clock = NOW + elapsedMs;
    await client.syncPayScoreOrder(validBody);
    return tokens;
  }

  it.each([
    // An hour: refreshed 60 s before.
    [3600, 3_540_000 - 1, 1],
    [3600, 3_540_000, 2],
    // 100 s: 10 % is 10 s.
    [100, 90_000 - 1, 1],
    [100, 90_000, 2],
  ])('expiresIn %i s, next call after %i ms: %i token request(s)', async (expiresIn, ms, n) => {
    expect(await uses(expiresIn, ms)).toBe(n);
  });
});
