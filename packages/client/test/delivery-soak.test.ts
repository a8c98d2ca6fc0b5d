import type { Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, isTianmanError } from '../src/index.js';
import { APP_ID, APP_KEY, NOW, validBody } from './helpers.js';
import { rawServer } from './wire.js';

// A bounded soak of the delivery rules: a server that, after reading each request, answers well,
// answers and then closes the kept-alive socket a moment later (as an idle timeout would), answers
// malformed, or resets — chosen by a seeded generator. Each call carries its own order number, so
// the server counts deliveries per call. Whatever happens: no call is delivered twice, a call
// that succeeded was delivered once, a call refused as never sent was not delivered, and every
// call settles with a code.

const OK =
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: keep-alive\r\ncontent-length: 19\r\n\r\n{"respCode":"0000"}';
const behaviours: Array<(socket: Socket) => void> = [
  (socket) => socket.write(OK),
  (socket) => socket.write(OK),
  (socket) => socket.write(OK, () => setTimeout(() => socket.end(), Math.random() * 5)),
  (socket) => socket.write(OK, () => setImmediate(() => socket.destroy())),
  (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}'),
  (socket) => socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'),
  (socket) => socket.resetAndDestroy(),
];

const CALLS = 300;
const CONCURRENCY = 12;

describe.each(['node', 'fetch'] as const)('%s transport: delivery soak', (transport) => {
  it(`${CALLS} calls against a misbehaving keep-alive server: never delivered twice`, async () => {
    const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const picks = fc.sample(fc.nat(behaviours.length - 1), { seed, numRuns: 4 * CALLS });
    let next = 0;
    const deliveries = new Map<string, number>();
    const server = await rawServer((socket, request) => {
      const id = (JSON.parse(request.body) as { fenOrderId: string }).fenOrderId;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      behaviours[picks[next++ % picks.length] as number]?.(socket);
    });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2, jitter: false },
      ...(transport === 'fetch' ? { fetch: globalThis.fetch } : {}),
    });
    const outcomes = new Map<string, string>();
    let left = CALLS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left > 0) {
          const id = `SOAK${left--}`;
          try {
            await client.syncPayScoreOrder({ ...validBody, fenOrderId: id });
            outcomes.set(id, 'ok');
          } catch (error) {
            outcomes.set(id, isTianmanError(error) ? error.code : `untyped ${String(error)}`);
          }
        }
      }),
    );
    const report = `seed ${seed} (replay: SOAK_SEED=${seed})`;
    expect(outcomes.size, report).toBe(CALLS);
    for (const [id, outcome] of outcomes) {
      const delivered = deliveries.get(id) ?? 0;
      expect(delivered, `${id} ${outcome}, ${report}`).toBeLessThanOrEqual(1);
      if (outcome === 'ok') expect(delivered, `${id} ${report}`).toBe(1);
      else if (outcome === 'ERR_NETWORK') expect(delivered, `${id} ${report}`).toBe(0);
      else expect(outcome, `${id} ${report}`).toBe('ERR_MAYBE_DELIVERED');
    }
    // The soak did what it is for: failures of each kind happened, and calls still succeeded.
    const counts = [...outcomes.values()].reduce<Record<string, number>>(
      (all, o) => Object.assign(all, { [o]: (all[o] ?? 0) + 1 }),
      {},
    );
    expect(counts.ok, report).toBeGreaterThan(0);
    expect(counts.ERR_MAYBE_DELIVERED, report).toBeGreaterThan(0);
  });
});
