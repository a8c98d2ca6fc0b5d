import { Agent as HttpsAgent } from 'node:https';
import { describe, expect, it } from 'vitest';
import { createTianmanClient } from '../src/index.js';
import { APP_ID, APP_KEY, NOW, validBody } from './helpers.js';
import { httpsServer, makeTestPki } from './wire.js';

const pki = makeTestPki();

describe('the agent option (Node transport)', () => {
  const serve = () =>
    httpsServer({ key: pki.serverKey, cert: pki.serverCert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"respCode":"0000"}');
    });

  it('a custom CA through agent: the client reaches an HTTPS platform it vouches for', async () => {
    const server = await serve();
    const agent = new HttpsAgent({ ca: pki.ca, keepAlive: true });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      agent,
    });
    await expect(client.syncPayScoreOrder(validBody)).resolves.toMatchObject({ respCode: '0000' });
    // Without it, the default agent refuses the test CA: a NetworkError, not a success.
    const plain = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      retry: { limit: 0 },
    });
    await expect(plain.syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'NetworkError',
    });
    agent.destroy();
  });

  it('agent and fetch together are refused', () => {
    expect(() =>
      createTianmanClient({
        appId: APP_ID,
        appKey: APP_KEY,
        environment: 'mock',
        agent: new HttpsAgent(),
        fetch,
      }),
    ).toThrow('agent and fetch: pass one of them');
  });
});
