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
