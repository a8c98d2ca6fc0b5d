import { describe, expect, it, vi } from 'vitest';
import { V1, V1_AUTHORIZATION, V1_INSTANT_MS } from './fixtures/vectors.js';
import { IMPLEMENTATIONS } from './implementations.js';

// A key that would stand out in any message that leaked it.
const SECRET_KEY = 'k3y-that-must-never-be-printed';
const { appId, appKey, timestamp, nonce, body } = V1;
const SECOND = 1000;

describe.each(IMPLEMENTATIONS)('the signer contract (%s)', (_, signer) => {
  const verifyV1 = (options: Partial<Parameters<typeof signer.verify>[0]> = {}) =>
    signer.verify({
      authorization: V1_AUTHORIZATION,
      body,
      appKey,
      now: V1_INSTANT_MS,
      ...options,
    });

  describe('sign', () => {
    it('reads the clock only to make the Beijing-time timestamp', async () => {
      for (const now of [V1_INSTANT_MS, new Date(V1_INSTANT_MS)]) {
        const result = await signer.sign({ appId, appKey, nonce, body, now });
        expect(result.timestamp).toBe('20170101120000');
        expect(result.signature).toBe(V1.signature);
      }
    });

    it('defaults the timestamp to the current time', async () => {
      const before = Math.floor(Date.now() / SECOND) * SECOND;
      const { timestamp: ts } = await signer.sign({ appId, appKey, body });
      const after = Date.now();
      const at = signer.parseTimestamp(ts).getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    });

    it('defaults the nonce to a fresh 32-hex-character one per call', async () => {
      const first = await signer.sign({ appId, appKey, body, timestamp });
      const second = await signer.sign({ appId, appKey, body, timestamp });
      expect(first.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(second.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(second.nonce).not.toBe(first.nonce);
      expect(second.signature).not.toBe(first.signature);
    });

    it('signs only the bytes of a Uint8Array view, not its whole buffer', async () => {
      const buffer = new TextEncoder().encode('xxAyy');
      const view = buffer.subarray(2, 3);
      const result = await signer.sign({ appId, appKey, timestamp, nonce, body: view });
      expect(result.signature).toBe(V1.signature);
    });

    it('signs a view of a SharedArrayBuffer like any other bytes', async () => {
      const shared = new Uint8Array(new SharedArrayBuffer(1));
      shared[0] = 'A'.charCodeAt(0);
      const result = await signer.sign({ appId, appKey, timestamp, nonce, body: shared });
      expect(result.signature).toBe(V1.signature);
    });

    it('does not change the input', async () => {
      const input = { appId, appKey, body: new TextEncoder().encode(body), now: V1_INSTANT_MS };
      const copy = structuredClone(input);
      await signer.sign(input);
      expect(input).toEqual(copy);
    });

    it('accepts a nonce of exactly 128 characters', async () => {
      const long = 'n'.repeat(128);
      await expect(
        signer.sign({ appId, appKey, body, timestamp, nonce: long }),
      ).resolves.toMatchObject({
        nonce: long,
      });
    });

    it.each([
      ['options', null, /options must be an object/],
      ['appId', { appId: '' }, /appId must be a non-empty string of visible ASCII/],
      ['appId', { appId: 'a"b' }, /appId must be .* without '"'/],
      ['appId', { appId: 'a b' }, /appId must be .*visible ASCII/],
      ['appId', { appId: 42 }, /appId must be .*\(got number\)/],
      ['appId', { appId: undefined }, /appId must be .*\(got undefined\)/],
      ['appKey', { appKey: '' }, /appKey must be a non-empty string/],
      ['appKey', { appKey: new TextEncoder().encode('k') }, /appKey must be .*\(got Uint8Array\)/],
      ['body', { body: undefined }, /body must be a string or a Uint8Array \(got undefined\)/],
      ['body', { body: { a: 1 } }, /body must be a string or a Uint8Array \(got Object\)/],
      ['body', { body: new ArrayBuffer(1) }, /body must be .*\(got ArrayBuffer\)/],
      ['timestamp', { timestamp: '2017-01-01 12:00' }, /timestamp must be 14 digits/],
      ['timestamp', { timestamp: '20170230120000' }, /timestamp must be .*real date/],
      ['timestamp', { timestamp: 1483243200 }, /timestamp must be .*\(got number\)/],
      ['timestamp', { timestamp, now: V1_INSTANT_MS }, /timestamp and now are exclusive/],
      ['nonce', { nonce: '' }, /nonce must be a non-empty string/],
      ['nonce', { nonce: 'a"b' }, /nonce must be .* without '"'/],
      ['nonce', { nonce: 'n'.repeat(129) }, /nonce must be at most 128 characters/],
      ['now', { timestamp: undefined, now: new Date(Number.NaN) }, /now must be a valid Date/],
      ['now', { timestamp: undefined, now: Number.POSITIVE_INFINITY }, /now must be a valid Date/],
      ['now', { timestamp: undefined, now: 8.64e15 }, /now must fall in the years 0000 to 9999/],
    ])(
      'rejects a bad %s with a TypeError naming the rule, never the key',
      async (_f, patch, message) => {
        const input =
          patch === null ? null : { appId, appKey: SECRET_KEY, body, timestamp, nonce, ...patch };
        const error = await signer.sign(input as never).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toMatch(/^@tianman\/signer: /);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toContain(SECRET_KEY);
      },
    );
  });

  describe('signTokenRequest', () => {
    it('defaults the timestamp and nonce as sign does', async () => {
      const result = await signer.signTokenRequest({ appId, appKey, now: V1_INSTANT_MS });
      expect(result.timestamp).toBe(timestamp);
      expect(result.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(Object.keys(result).sort()).toEqual([
        'appId',
        'nonce',
        'signMethod',
        'signature',
        'timestamp',
      ]);
    });

    it('rejects a bad appKey without printing it', async () => {
      const error = await signer
        .signTokenRequest({ appId: 'a"', appKey: SECRET_KEY })
        .catch((e) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toMatch(/appId/);
      expect(String(error)).not.toContain(SECRET_KEY);
    });
  });

  describe('bodyDigest', () => {
    it('is the lower-case hex SHA-256 of the UTF-8 bytes', async () => {
      expect(await signer.bodyDigest('测试')).toBe(
        await signer.bodyDigest(new TextEncoder().encode('测试')),
      );
      expect(await signer.bodyDigest('A')).toMatch(/^[0-9a-f]{64}$/);
    });

    it('rejects what is neither a string nor a Uint8Array', async () => {
      await expect(signer.bodyDigest(42 as never)).rejects.toThrow(/body must be a string/);
    });
  });

  describe('verify', () => {
    it('accepts the platform header and returns who signed it and when', async () => {
      expect(await verifyV1()).toEqual({ ok: true, appId, timestamp, nonce });
    });

    it('accepts ", " between pairs, any pair order and any case of the scheme', async () => {
      const header =
        `open-body-sig Signature="${V1.signature}", Nonce="${nonce}", ` +
        `AppId="${appId}", Timestamp="${timestamp}"`;
      expect(await verifyV1({ authorization: header })).toMatchObject({ ok: true });
    });

    it('accepts the body as bytes when it was signed as a string', async () => {
      expect(await verifyV1({ body: new TextEncoder().encode(body) })).toMatchObject({ ok: true });
    });

    it.each([
      [undefined, /is missing/],
      [null, /is missing/],
      ['', /is empty/],
      ['OPEN-BODY-SIG', /expected pairs after the scheme/],
      [V1_AUTHORIZATION.replace(',Nonce', ' Nonce'), /expected ',' after the Timestamp pair/],
      [V1_AUTHORIZATION.replace(/,Nonce="\w+"/, ''), /missing Nonce/],
    ])('reports %j as malformed', async (authorization, message) => {
      const result = await verifyV1({ authorization });
      expect(result).toMatchObject({ ok: false, reason: 'malformed' });
      expect(result.ok || result.message).toMatch(message);
    });

    it('reports another scheme as scheme', async () => {
      const result = await verifyV1({
        authorization: V1_AUTHORIZATION.replace('OPEN-BODY-SIG', 'OPEN-ACCESS-TOKEN'),
      });
      expect(result).toEqual({
        ok: false,
        reason: 'scheme',
        message: 'expected the OPEN-BODY-SIG scheme, got "OPEN-ACCESS-TOKEN"',
      });
    });

    it('looks the key up by the header appId, sync or async, and reports an unknown one as app-id', async () => {
      const keys = new Map([[appId, appKey]]);
      const sync = vi.fn((id: string) => keys.get(id));
      const async = vi.fn(async (id: string) => keys.get(id) ?? null);
      expect(await verifyV1({ appKey: sync })).toMatchObject({ ok: true });
      expect(await verifyV1({ appKey: async })).toMatchObject({ ok: true });
      expect(sync).toHaveBeenCalledWith(appId);
      expect(async).toHaveBeenCalledWith(appId);

      const other = V1_AUTHORIZATION.replace(appId, 'someone-else');
      expect(await verifyV1({ authorization: other, appKey: sync })).toEqual({
        ok: false,
        reason: 'app-id',
        message: 'unknown appId "someone-else"',
      });
      expect(await verifyV1({ authorization: other, appKey: async })).toMatchObject({
        reason: 'app-id',
      });
    });

    it('does not look a key up for a header it cannot read or whose scheme is foreign', async () => {
      const lookup = vi.fn(() => appKey);
      await verifyV1({ authorization: 'garbage', appKey: lookup });
      await verifyV1({
        authorization: V1_AUTHORIZATION.replace('OPEN-BODY-SIG', 'X'),
        appKey: lookup,
      });
      expect(lookup).not.toHaveBeenCalled();
    });

    it.each([
      ['dashes', '2017-01-01 12'],
      ['Unix seconds', '1483243200'],
      ['15 digits', '201701011200000'],
      ['a day that does not exist', '20170229120000'],
      ['hour 24', '20170101240000'],
    ])('reports a timestamp with %s as timestamp-format', async (_, bad) => {
      const result = await verifyV1({ authorization: V1_AUTHORIZATION.replace(timestamp, bad) });
      expect(result).toMatchObject({ ok: false, reason: 'timestamp-format' });
    });

    describe('the skew window', () => {
      it.each([
        ['exactly the tolerance late', 300 * SECOND, true],
        ['less than a second past the tolerance late', 300 * SECOND + 999, true],
        ['one second past the tolerance late', 301 * SECOND, false],
        ['exactly the tolerance early', -300 * SECOND, true],
        ['one second past the tolerance early', -301 * SECOND, false],
        ['a millisecond past the tolerance early', -300 * SECOND - 1, false],
      ])('with the default 300 s, a clock %s is ok: %s', async (_, offset, ok) => {
        const result = await verifyV1({ now: V1_INSTANT_MS + offset });
        expect(result.ok ? 'ok' : result.reason).toBe(ok ? 'ok' : 'timestamp-skew');
      });

      it.each([
        [0, 0, true],
        [0, SECOND, false],
        [60, 60 * SECOND, true],
        [60, 61 * SECOND, false],
        [Number.POSITIVE_INFINITY, 10 * 365 * 86_400 * SECOND, true],
      ])(
        'with toleranceSeconds %s, a clock %s ms late is ok: %s',
        async (toleranceSeconds, offset, ok) => {
          const result = await verifyV1({ now: V1_INSTANT_MS + offset, toleranceSeconds });
          expect(result.ok ? 'ok' : result.reason).toBe(ok ? 'ok' : 'timestamp-skew');
        },
      );

      it('says how far off the timestamp is, and both times, in Beijing time', async () => {
        const result = await verifyV1({ now: V1_INSTANT_MS + 301 * SECOND });
        expect(result).toEqual({
          ok: false,
          reason: 'timestamp-skew',
          message:
            'Timestamp 20170101120000 is 301 s behind now (20170101120501 Beijing time); the tolerance is 300 s',
        });
        const early = await verifyV1({ now: V1_INSTANT_MS - 3600 * SECOND });
        expect(early.ok || early.message).toMatch(
          /is 3600 s ahead of now \(20170101110000 Beijing time\)/,
        );
      });

      it('defaults the clock to the current time', async () => {
        // V1 was signed in 2017: far outside the window of any current clock.
        expect(await verifyV1({ now: undefined })).toMatchObject({ reason: 'timestamp-skew' });
      });
    });

    it('reports a wrong key, body or signature as signature, without printing either', async () => {
      for (const options of [
        { appKey: SECRET_KEY },
        { body: 'B' },
        { authorization: V1_AUTHORIZATION.replace('Dy08=', 'Dy09=') },
      ]) {
        const result = await verifyV1(options);
        expect(result).toMatchObject({ ok: false, reason: 'signature' });
        const message = result.ok ? '' : result.message;
        expect(message).toMatch(/^Signature does not match the body \(body digest [0-9a-f]{64}\)/);
        expect(message).not.toContain(SECRET_KEY);
        expect(message).not.toContain(V1.signature);
        expect(message).not.toContain('Dy09=');
      }
    });

    it('compares the signature text, so a changed padding bit does not slip through', async () => {
      // '8' and '9' differ only in the low bit of the last character, which for a 32-byte MAC is
      // padding: a Base64 decoder maps both to the same bytes.
      const header = V1_AUTHORIZATION.replace('Dy08=', 'Dy09=');
      expect(await verifyV1({ authorization: header })).toMatchObject({ reason: 'signature' });
    });

    it('reports the first failing check when several fail', async () => {
      const everything = 'Bearer AppId="x",Timestamp="1",Nonce="n",Signature="s"';
      const lookup = (id: string) => (id === appId ? appKey : undefined);
      expect(await verifyV1({ authorization: everything, appKey: lookup })).toMatchObject({
        reason: 'scheme',
      });
      const fromApp = everything.replace('Bearer', 'OPEN-BODY-SIG');
      expect(await verifyV1({ authorization: fromApp, appKey: lookup })).toMatchObject({
        reason: 'app-id',
      });
      const fromTimestamp = fromApp.replace('"x"', `"${appId}"`);
      expect(await verifyV1({ authorization: fromTimestamp, appKey: lookup })).toMatchObject({
        reason: 'timestamp-format',
      });
      const fromSkew = fromTimestamp.replace('"1"', '"20160101120000"');
      expect(await verifyV1({ authorization: fromSkew, appKey: lookup })).toMatchObject({
        reason: 'timestamp-skew',
      });
      const fromSignature = fromTimestamp.replace('"1"', `"${timestamp}"`);
      expect(await verifyV1({ authorization: fromSignature, appKey: lookup })).toMatchObject({
        reason: 'signature',
      });
    });

    it.each([
      ['body', { body: 42 }, /body must be a string or a Uint8Array/],
      ['appKey', { appKey: '' }, /appKey must be a non-empty string/],
      ['appKey', { appKey: 42 }, /appKey must be a non-empty string \(got number\)/],
      ['toleranceSeconds', { toleranceSeconds: -1 }, /toleranceSeconds must be a number >= 0/],
      [
        'toleranceSeconds',
        { toleranceSeconds: Number.NaN },
        /toleranceSeconds must be a number >= 0/,
      ],
      [
        'toleranceSeconds',
        { toleranceSeconds: '300' },
        /toleranceSeconds must be a number >= 0 .*\(got string\)/,
      ],
      ['now', { now: new Date('nope') }, /now must be a valid Date/],
    ])(
      'rejects its own bad %s option instead of answering a reason',
      async (_, options, message) => {
        await expect(verifyV1(options as never)).rejects.toThrow(message);
      },
    );

    it('fails closed when the key lookup answers an empty key, and passes on its errors', async () => {
      await expect(verifyV1({ appKey: () => '' })).rejects.toThrow(
        /appKey lookup must resolve to a non-empty string, undefined or null/,
      );
      await expect(verifyV1({ appKey: async () => 42 as never })).rejects.toThrow(/\(got number\)/);
      const failure = new Error('database down');
      await expect(
        verifyV1({
          appKey: async () => {
            throw failure;
          },
        }),
      ).rejects.toBe(failure);
    });
  });
});
