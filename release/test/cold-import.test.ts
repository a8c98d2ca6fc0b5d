import { describe, expect, inject, it } from 'vitest';
import { run } from './workspace.js';

// A serverless process pays its imports on every cold start. The client loads undici (Node's
// fetch, Request, Response: tens of milliseconds) only when something needs it: the api,
// or a `fetch` option.
const loaded = "process.moduleLoadList.some((m) => m.includes('undici'))";

describe('cold start', () => {
  it.each([
    ['import', `await import('@tianman/client');`],
    [
      'createTianmanClient and a signed call’s preparation',
      `const { createTianmanClient } = await import('@tianman/client');
       const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });
       client.syncPayScoreOrder({}).catch(() => {});`,
    ],
  ])('%s does not load undici', async (_what, code) => {
    const script = `${code}\nconsole.log(${loaded});`;
    const result = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('false');
  });

  // node:https brings node:tls with it, about 10 ms: a client of an http:// base URL (the mock,
  // a local gateway) never pays it, and one of an https:// URL pays it on its first request.
  const tls = "process.moduleLoadList.includes('NativeModule tls')";
  it('import and an http:// call do not load node:https (and node:tls); an https:// call does', async () => {
    const script = `
      const { createServer } = await import('node:http');
      const server = createServer((_, res) => res.end('{}')).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { createTianmanClient } = await import('@tianman/client');
      const seen = [${tls}];
      const local = createTianmanClient({ appId: 'a', appKey: 'k', baseUrl: 'http://127.0.0.1:' + server.address().port, retry: { limit: 0 } });
      await local.syncPayScoreOrder({ fenOrderId: 'A1', mid: 'm', serviceId: 's', type: 'Order_Paid', detail: { paidTime: '20250101000000' } }).catch(() => {});
      seen.push(${tls});
      const remote = createTianmanClient({ appId: 'a', appKey: 'k', baseUrl: 'https://127.0.0.1:1', retry: { limit: 0 } });
      await remote.syncPayScoreOrder({ fenOrderId: 'A1', mid: 'm', serviceId: 's', type: 'Order_Paid', detail: { paidTime: '20250101000000' } }).catch(() => {});
      seen.push(${tls});
      server.close();
      console.log(JSON.stringify(seen));`;
    const result = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
      env: { TIANMAN_LOG: 'off' },
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([false, false, true]);
  });

  it('the api (@tianman/client/api) loads it when it is made', async () => {
    const script = `
      const { createTianmanClient } = await import('@tianman/client');
      const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });
      const before = ${loaded};
      const { createTianmanApi } = await import('@tianman/client/api');
      createTianmanApi(client);
      console.log(JSON.stringify([before, ${loaded}]));`;
    const result = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([false, true]);
  });
});
