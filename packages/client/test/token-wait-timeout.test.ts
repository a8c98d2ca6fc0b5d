import { describe, expect, it } from 'vitest';
import { createTianmanClient } from '../src/index.js';
import { APP_ID, APP_KEY, fastRetry, json, NOW, serve, TOKEN_PATH, validBody } from './helpers.js';

describe("a call's timeoutMs bounds its wait for an access token", () => {
  it('a token that does not come in time: a TimeoutError, nothing sent, not retried', async () => {
    const held: Array<() => void> = [];
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH) {
        // The token answer waits until the test lets it go.
        held.push(() =>
          json(res, 200, { errCode: '0000', accessToken: 't-123456789', expiresIn: 3600 }),
        );
      } else json(res, 200, { respCode: '0000' });
    });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      auth: 'token',
      now: () => NOW,
      retry: fastRetry,
      timeoutMs: 60_000,
    });
    const error = await client.syncPayScoreOrder(validBody, { timeoutMs: 200 }).then(
      () => expect.unreachable('the call should have timed out'),
      (e: Error & Record<string, unknown>) => e,
    );
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ERR_TIMEOUT', attempts: 1 });
    expect(error.message).toContain('no access token within 200 ms; nothing sent');
    expect(server.received.map((r) => r.url)).toEqual([TOKEN_PATH]);
    // The refresh others share goes on: a later call gets the token it brings.
    for (const release of held) release();
    await expect(client.syncPayScoreOrder(validBody)).resolves.toMatchObject({ respCode: '0000' });
    expect(server.received.map((r) => r.url)).toEqual([TOKEN_PATH, server.received[1]?.url]);
    expect(server.received.filter((r) => r.url === TOKEN_PATH)).toHaveLength(1);
  });
});
