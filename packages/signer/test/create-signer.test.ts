import { describe, expect, it } from 'vitest';
import { SIGNATURE_VECTORS, TOKEN_VECTOR, V1, V1_INSTANT_MS } from './fixtures/vectors.js';
import { IMPLEMENTATIONS } from './implementations.js';

describe.each(IMPLEMENTATIONS)('createSigner (%s)', (_, signer) => {
  describe.each(SIGNATURE_VECTORS)('$name', (vector) => {
    const { appId, appKey, timestamp, nonce, body } = vector;
    const now = signer.parseTimestamp(timestamp);

    it('signs to the known answer, the same result as sign()', async () => {
      const bound = signer.createSigner({ appId, appKey });
      const result = await bound.sign(body, now, nonce);
      expect(result.signature).toBe(vector.signature);
      expect(result).toEqual(await signer.sign({ appId, appKey, timestamp, nonce, body }));
      expect(await bound.sign(new TextEncoder().encode(body), now, nonce)).toEqual(result);
    });
  });

  it('signs the access-token request to the known answer, without the key', async () => {
    const { appId, appKey, timestamp, nonce } = TOKEN_VECTOR;
    const bound = signer.createSigner({ appId, appKey });
    const result = await bound.signTokenRequest(signer.parseTimestamp(timestamp), nonce);
    expect(result).toEqual(await signer.signTokenRequest({ appId, appKey, timestamp, nonce }));
    expect(result.signature).toBe(TOKEN_VECTOR.signature);
    expect(JSON.stringify(result)).not.toContain(appKey);
  });

  it('defaults to the clock and a fresh 32-hex nonce on every call', async () => {
    const bound = signer.createSigner({ appId: V1.appId, appKey: V1.appKey });
    const before = signer.formatTimestamp(new Date());
    const [a, b] = [await bound.sign(V1.body), await bound.signTokenRequest()];
    const after = signer.formatTimestamp(new Date());
    for (const result of [a, b]) {
      expect(result.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(result.timestamp >= before && result.timestamp <= after).toBe(true);
    }
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('refuses bad credentials when it is made, naming the field, never showing the key', () => {
    expect(() => signer.createSigner(null as never)).toThrow(
      '@tianman/signer: credentials must be an object (got null)',
    );
    expect(() => signer.createSigner({ appId: 'a"b', appKey: 'k' })).toThrow(/appId must be/);
    expect(() => signer.createSigner({ appId: 'a', appKey: '' })).toThrow(
      '@tianman/signer: appKey must be a non-empty string',
    );
  });

  it('checks each call: body, clock and nonce, with the messages sign() gives', async () => {
    const bound = signer.createSigner({ appId: V1.appId, appKey: V1.appKey });
    const same = async (call: () => Promise<unknown>, input: object) => {
      const expected = await signer
        .sign({ appId: V1.appId, appKey: V1.appKey, body: V1.body, ...input })
        .catch((error: unknown) => error);
      expect(expected).toBeInstanceOf(TypeError);
      await expect(call()).rejects.toThrow((expected as Error).message);
    };
    await same(() => bound.sign(V1.body, V1_INSTANT_MS, 'a b'), { nonce: 'a b' });
    await same(() => bound.sign(V1.body, V1_INSTANT_MS, 'x'.repeat(129)), {
      nonce: 'x'.repeat(129),
    });
    await same(() => bound.sign(V1.body, Number.NaN), { now: Number.NaN });
    await same(() => bound.signTokenRequest(new Date(Number.NaN)), { now: new Date(Number.NaN) });
    await same(() => bound.sign(V1.body, 1e17), { now: 1e17 });
    await expect(bound.sign(42 as never)).rejects.toThrow(
      '@tianman/signer: body must be a string or a Uint8Array (got number)',
    );
  });
});
