import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactHeaders } from '../src/errors.js';
import { createTianmanClient, type TianmanClientOptions, type TianmanError } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  fastRetry,
  json,
  NOW,
  type Received,
  recordingLogger,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

/**
 * A hostile gateway: it refuses every call and echoes what it got (the Authorization header, the
 * token) in its error body, as some do. Whatever it echoes must not reach the caller's logs.
 */
async function echoingServer() {
  const seen: Received[] = [];
  const server = await serve((request, res) => {
    seen.push(request);
    if (request.url === TOKEN_PATH) {
      json(res, 200, { errCode: '0000', accessToken: TOKEN, expiresIn: 3600 });
      return;
    }
    json(res, 412, {
      errCode: '1000',
      errInfo: `认证失败: ${request.headers.authorization} key=${APP_KEY}`,
      echo: { authorization: request.headers.authorization, nested: [`token ${TOKEN}`] },
    });
  });
  return { server, seen };
}

/** The secrets of the calls the server saw: appKey, signatures, tokens, whole headers. */
function secretsOf(seen: Received[], auth: 'signature' | 'token'): string[] {
  // In signature mode TOKEN is only a string the server made up, not a secret of the client.
  const secrets = auth === 'token' ? [APP_KEY, TOKEN] : [APP_KEY];
  for (const request of seen) {
    const header = String(request.headers.authorization ?? '');
    if (!header) continue;
    secrets.push(header);
    const signature = /Signature="([^"]+)"/.exec(header)?.[1];
    if (signature) secrets.push(signature);
  }
  return secrets;
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

async function failedCall(
  auth: 'signature' | 'token',
  options: Partial<TianmanClientOptions> = {},
) {
  const { server, seen } = await echoingServer();
  const client = createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: server.url,
    auth,
    now: () => NOW,
    retry: fastRetry,
    ...options,
  });
  const error = (await client
    .syncPayScoreOrder(validBody)
    .catch((e: unknown) => e)) as TianmanError;
  expect(error.name).toBe('AuthError');
  expect(seen.length).toBeGreaterThan(0);
  return { error, client, secrets: secretsOf(seen, auth) };
}

describe.each(['signature', 'token'] as const)('redaction (%s mode)', (auth) => {
  it('error messages hold no appKey, signature or token', async () => {
    const { error, secrets } = await failedCall(auth);
    expectNoSecret(error.message, secrets);
    expectNoSecret(String(error.stack), secrets);
    expect(error.message).toContain('[REDACTED]');
  });

  it('JSON.stringify(error) holds none, and shows the redacted request', async () => {
    const { error, secrets } = await failedCall(auth);
    const text = JSON.stringify(error);
    expectNoSecret(text, secrets);
    const shown = JSON.parse(text);
    expect(shown).toMatchObject({
      name: 'AuthError',
      code: '1000',
      status: 412,
      message: error.message,
    });
    expect(shown.request.headers.authorization).toBe(
      auth === 'signature' ? 'OPEN-BODY-SIG [REDACTED]' : 'OPEN-ACCESS-TOKEN [REDACTED]',
    );
    expect(shown.response).toBeUndefined();
  });

  it('util.inspect(error) holds none, at any depth', async () => {
    const { error, secrets } = await failedCall(auth);
    const text = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: false });
    expectNoSecret(text, secrets);
    expect(text).toContain('AuthError');
    expect(text).toContain('[REDACTED]');
  });

  it('util.inspect(client) and JSON.stringify(client) hold none', async () => {
    const { client, secrets } = await failedCall(auth);
    const shown = inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expectNoSecret(shown, secrets);
    expectNoSecret(JSON.stringify(client), secrets);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ appId: APP_ID, auth });
  });

  it('logger events hold none', async () => {
    const logger = recordingLogger();
    const { secrets } = await failedCall(auth, { logger, logLevel: 'debug' });
    expect(logger.events.some((e) => e.level === 'debug')).toBe(true);
    const text = inspect(logger.events, { depth: Number.POSITIVE_INFINITY });
    expectNoSecret(text, secrets);
    expect(text).toContain('[REDACTED]');
  });
});

describe('redaction rules', () => {
  it('Authorization keeps only its scheme, whatever its case; other headers stay', () => {
    expect(
      redactHeaders({
        Authorization: 'OPEN-BODY-SIG AppId="a",Timestamp="t",Nonce="n",Signature="s"',
        'content-type': 'application/json',
      }),
    ).toEqual({ Authorization: 'OPEN-BODY-SIG [REDACTED]', 'content-type': 'application/json' });
    expect(redactHeaders({ authorization: `OPEN-ACCESS-TOKEN AccessToken=${TOKEN}` })).toEqual({
      authorization: 'OPEN-ACCESS-TOKEN [REDACTED]',
    });
  });

  it('redacts a copy: the headers given are not changed', () => {
    const headers = { authorization: 'OPEN-BODY-SIG x' };
    redactHeaders(headers);
    expect(headers.authorization).toBe('OPEN-BODY-SIG x');
  });

  it('an option error never echoes the appKey', () => {
    let message = '';
    try {
      createTianmanClient({ appId: APP_ID, appKey: APP_KEY, environment: 'staging' as never });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('environment');
    expect(message).not.toContain(APP_KEY);
  });

  it('the token request body (its hash of the appKey) is not logged', async () => {
    const logger = recordingLogger();
    const { server } = await echoingServer();
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      auth: 'token',
      now: () => NOW,
      retry: { limit: 0 },
      logger,
      logLevel: 'debug',
    });
    await client.syncPayScoreOrder(validBody).catch(() => {});
    // The events did arrive (the token request's own attempt among them): an empty log would
    // pass the negative check below without proving anything.
    const urls = logger.events.map((e) => String(e.message));
    expect(urls.some((m) => m.includes(TOKEN_PATH))).toBe(true);
    expect(logger.events.filter((e) => e.level === 'debug').length).toBeGreaterThanOrEqual(2);
    expect(inspect(logger.events, { depth: null })).not.toMatch(/signature|"nonce"/i);
  });
});

describe('non-JSON excerpt', () => {
  it('a secret cut by the 200-character excerpt does not leave its head behind', async () => {
    // An HTML error page echoing the token where the excerpt ends: the token would be cut in
    // two, and a scrub of the cut text would no longer find it.
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH) {
        json(res, 200, { errCode: '0000', accessToken: TOKEN, expiresIn: 3600 });
        return;
      }
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html>${'x'.repeat(150)} ${request.headers.authorization}</html>`);
    });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      auth: 'token',
      now: () => NOW,
      retry: { limit: 0 },
    });
    const error = (await client
      .syncPayScoreOrder(validBody)
      .catch((e: unknown) => e)) as TianmanError;
    expect(error.name).toBe('ApiError');
    const shown = `${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: null })}`;
    expect(shown).not.toContain(TOKEN.slice(0, 8));
  });
});
