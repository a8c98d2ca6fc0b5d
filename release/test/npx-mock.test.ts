import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { validBody } from './vectors.js';
import { run } from './workspace.js';

/** The sandbox appKey as `mock/README.md` documents it (the platform's public worked example). */
const README_SANDBOX_APP_KEY = '67890123456789012345678901234567';

let mock: ChildProcess | undefined;
let output = '';
afterEach(() => {
  if (mock?.pid && mock.exitCode === null && mock.signalCode === null)
    process.kill(-mock.pid, 'SIGKILL');
});

/** Starts `npx tianman-mock` from the installed tarball; resolves with its banner's facts. */
async function startFromTarball(): Promise<{ url: string; appId: string; appKey: string }> {
  const child = spawn('npx', ['--no-install', 'tianman-mock', '--port', '0', '--quiet'], {
    cwd: inject('consumerDir'),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a "Ctrl-C" reaches npx and the mock under it, as in a terminal.
    detached: true,
  });
  mock = child;
  output = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`tianman-mock exited ${code}: ${err}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /URL\s+(http:\/\/\S+)/.exec(output)?.[1];
      const appId = /appId\s+(\S+)/.exec(output)?.[1];
      // The banner never prints a key; the default one is documented in the mock's README.
      const appKey = output.includes('appKey  the sandbox default, not printed')
        ? README_SANDBOX_APP_KEY
        : undefined;
      if (url && appId && appKey && output.includes('Ready in')) resolve({ url, appId, appKey });
    });
  });
}

describe('npx tianman-mock from its tarball', () => {
  it('starts, answers a signed request from the published client, and stops cleanly on Ctrl-C', async () => {
    const { url, appId, appKey } = await startFromTarball();
    const script = `
      import { createTianmanClient, formatPaidTime } from '@tianman/client';
      const client = createTianmanClient({ appId: ${JSON.stringify(appId)}, appKey: ${JSON.stringify(appKey)}, baseUrl: ${JSON.stringify(url)} });
      const body = ${JSON.stringify(validBody)};
      body.detail.paidTime = formatPaidTime(Date.now() - 60_000);
      const result = await client.syncPayScoreOrder(body);
      console.log(JSON.stringify(result));
    `;
    const call = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(call.stderr).toBe('');
    expect(JSON.parse(call.stdout)).toMatchObject({ respCode: '0000', status: 200, attempts: 1 });

    // A request signed with the wrong key is refused by the gate, not by Prism's presence check.
    const forged = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `import { sign } from '@tianman/signer';
         const body = JSON.stringify(${JSON.stringify(validBody)});
         const { authorization } = await sign({ appId: ${JSON.stringify(appId)}, appKey: 'not-the-key', body });
         const res = await fetch(${JSON.stringify(`${url}/v1/inip/corporate-wallet/wechat-pay-point/order/sync`)}, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
         console.log(JSON.stringify({ status: res.status, body: await res.json() }));`,
      ],
      { cwd: inject('consumerDir') },
    );
    expect(JSON.parse(forged.stdout)).toMatchObject({ status: 412, body: { errCode: '1000' } });

    const child = mock as ChildProcess;
    const exited = once(child, 'exit');
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
    expect(output).toContain('tianman-mock: stopped.');
  });
});
