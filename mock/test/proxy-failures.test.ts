import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_ANSWER_BYTES } from '../src/constants.js';
import type { DriftReport } from '../src/drift-report.js';
import { type KnownCodes, loadKnownCodes } from '../src/known-codes.js';
import { loadSpec } from '../src/prism.js';
import { createProxy } from '../src/proxy.js';
import type { MockRequestLog } from '../src/request-log.js';
import { defaultSpecPath } from '../src/spec-path.js';
import { SYNC_PATH } from './helpers.js';

// When the upstream gives no answer to relay, the mock answers itself, in the gateway's dialect
// and with `x-mock-reason`, so a caller can tell its answer from the platform's.

const servers: Server[] = [];

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const noReport: DriftReport = { file: undefined, record: async () => {}, close: async () => {} };

/** A proxy to `upstream` on a free port, with the contract and the given report. */
async function proxyTo(
  upstream: string,
  options: { report?: DriftReport; upstreamTimeoutMs?: number; knownCodes?: KnownCodes } = {},
): Promise<{ url: string; logs: MockRequestLog[] }> {
  const spec = defaultSpecPath();
  const logs: MockRequestLog[] = [];
  const proxy = createProxy({
    operations: (await loadSpec(spec)).operations,
    knownCodes: options.knownCodes ?? (await loadKnownCodes(spec)),
    target: new URL(upstream),
    report: options.report ?? noReport,
    log: (entry) => logs.push(entry),
    ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
  });
  return { url: await listen(proxy.handle), logs };
}

async function post(url: string): Promise<Response> {
  return fetch(`${url}${SYNC_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('proxy mode when the upstream gives no answer', () => {
  it('answers 502 upstream-unreachable when nothing listens there', async () => {
    const closed = await listen(() => {});
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const { url, logs } = await proxyTo(closed);
    const answer = await post(url);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-mock-reason')).toBe('upstream-unreachable');
    const body = (await answer.json()) as { errCode: string; errInfo: string };
    expect(body.errCode).toBe('9999');
    expect(body.errInfo).toMatch(/^tianman-mock: http:\/\/127\.0\.0\.1:\d+ could not be reached: /);
    expect(logs[0]).toMatchObject({ status: 502, code: '9999', reason: 'upstream-unreachable' });
    expect(logs[0]?.drift).toBeUndefined();
  });

  it('answers 504 upstream-timeout when the upstream stays silent', async () => {
    const silent = await listen(() => {});
    const { url } = await proxyTo(silent, { upstreamTimeoutMs: 200 });
    const answer = await post(url);
    expect(answer.status).toBe(504);
    expect(answer.headers.get('x-mock-reason')).toBe('upstream-timeout');
    expect(((await answer.json()) as { errInfo: string }).errInfo).toContain(
      'did not answer within 200 ms',
    );
  });

  it('answers 502 upstream-unreachable when the upstream hangs up mid-answer', async () => {
    const cut = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"respCode":');
      setImmediate(() => res.destroy());
    });
    const { url } = await proxyTo(cut);
    const answer = await post(url);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-mock-reason')).toBe('upstream-unreachable');
  });

  it('answers 502 upstream-too-large past the most it relays', async () => {
    const huge = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(MAX_UPSTREAM_ANSWER_BYTES + 1, 0x20));
    });
    const { url } = await proxyTo(huge);
    const answer = await post(url);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-mock-reason')).toBe('upstream-too-large');
  });

  it('relays the answer when the report cannot be written, and says so in the log', async () => {
    const drifting = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"respDesc":"no code"}');
    });
    const failing: DriftReport = {
      file: '/nowhere',
      record: async () => {
        throw new Error('disk full');
      },
      close: async () => {},
    };
    const { url, logs } = await proxyTo(drifting, { report: failing });
    const answer = await post(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('{"respDesc":"no code"}');
    expect(logs[0]?.info).toBe('drift report not written: disk full');
    expect(logs[0]?.drift).toHaveLength(1);
  });

  it('relays the answer as it came when the drift check itself fails', async () => {
    const answering = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"respCode":"0000"}');
    });
    // A known-codes table that throws when read: a defect in the check, not in the answer.
    const broken = new (class extends Map<string, Map<string, readonly string[]>> {
      override get(): never {
        throw new Error('broken table');
      }
    })();
    const { url, logs } = await proxyTo(answering, { knownCodes: broken });
    const answer = await post(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-mock-reason')).toBeNull();
    expect(await answer.text()).toBe('{"respCode":"0000"}');
    expect(logs[0]?.info).toBe('drift not checked: broken table');
  });

  it('verifies an https upstream: a certificate nobody vouches for is no upstream', async () => {
    // A throwaway self-signed certificate for 127.0.0.1, made by openssl for this test.
    const dir = mkdtempSync(join(tmpdir(), 'tianman-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      let reached = 0;
      const tls = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => {
          reached += 1;
          res.end('{}');
        },
      );
      servers.push(tls as unknown as Server);
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const { url } = await proxyTo(`https://127.0.0.1:${(tls.address() as AddressInfo).port}`);
      const answer = await post(url);
      expect(answer.status).toBe(502);
      expect(answer.headers.get('x-mock-reason')).toBe('upstream-unreachable');
      expect(((await answer.json()) as { errInfo: string }).errInfo).toContain('self-signed');
      expect(reached).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
