import { describe, expect, it, vi } from 'vitest';
import { signerCrypto as webCrypto } from '../src/crypto-web.js';
import { parseAuthorization, parseTimestamp, sign, verify } from '../src/index.js';
import { V1, V1_AUTHORIZATION } from './fixtures/vectors.js';

// Exact messages: each names the field and the rule, carries a type only when the value had the
// wrong one, and never a value that could be a key.

const atV1 = Date.UTC(2017, 0, 1, 4, 0, 0);
const v1 = { authorization: V1_AUTHORIZATION, body: V1.body, appKey: V1.appKey, now: atV1 };

describe('input errors', () => {
  it.each([
    ['options null', null, '@tianman/signer: options must be an object (got null)'],
    ['options a string', 'x', '@tianman/signer: options must be an object (got string)'],
    [
      'appKey a number',
      { ...V1, appKey: 42 },
      '@tianman/signer: appKey must be a non-empty string (got number)',
    ],
    [
      'appKey bytes',
      { ...V1, appKey: Buffer.from('k') },
      '@tianman/signer: appKey must be a non-empty string (got Uint8Array)',
    ],
    ['appKey empty', { ...V1, appKey: '' }, '@tianman/signer: appKey must be a non-empty string'],
    [
      'appKey a Map',
      { ...V1, appKey: new Map() },
      '@tianman/signer: appKey must be a non-empty string (got Map)',
    ],
    [
      'appKey a bare object',
      { ...V1, appKey: Object.create(null) },
      '@tianman/signer: appKey must be a non-empty string (got object)',
    ],
    [
      'appId with a space',
      { ...V1, appId: 'a b' },
      `@tianman/signer: appId must be a non-empty string of visible ASCII characters without '"' or '\\'`,
    ],
    [
      'appId a number',
      { ...V1, appId: 7 },
      `@tianman/signer: appId must be a non-empty string of visible ASCII characters without '"' or '\\' (got number)`,
    ],
    [
      'body null',
      { ...V1, body: null },
      '@tianman/signer: body must be a string or a Uint8Array (got null)',
    ],
  ])('sign: %s', async (_, input, message) => {
    await expect(sign(input as never)).rejects.toThrow(new TypeError(message));
  });

  it.each([
    ['options a string', 'x', '@tianman/signer: options must be an object (got string)'],
    ['options null', null, '@tianman/signer: options must be an object (got null)'],
    [
      'toleranceSeconds a string',
      { ...v1, toleranceSeconds: '300' },
      '@tianman/signer: toleranceSeconds must be a number >= 0 (Infinity turns the check off) (got string)',
    ],
    [
      'toleranceSeconds negative',
      { ...v1, toleranceSeconds: -1 },
      '@tianman/signer: toleranceSeconds must be a number >= 0 (Infinity turns the check off)',
    ],
    [
      'toleranceSeconds NaN',
      { ...v1, toleranceSeconds: Number.NaN },
      '@tianman/signer: toleranceSeconds must be a number >= 0 (Infinity turns the check off)',
    ],
    [
      'now a string',
      { ...v1, now: '2017' },
      '@tianman/signer: now must be a valid Date or a finite number of milliseconds (got string)',
    ],
    [
      'now Infinity',
      { ...v1, now: Number.POSITIVE_INFINITY },
      '@tianman/signer: now must be a valid Date or a finite number of milliseconds (got number)',
    ],
    [
      'a lookup that resolves to a number',
      { ...v1, appKey: () => 42 },
      '@tianman/signer: appKey lookup must resolve to a non-empty string, undefined or null (got number)',
    ],
    [
      'a lookup that resolves to an empty key',
      { ...v1, appKey: () => '' },
      '@tianman/signer: appKey lookup must resolve to a non-empty string, undefined or null',
    ],
  ])('verify: %s', async (_, input, message) => {
    await expect(verify(input as never)).rejects.toThrow(new TypeError(message));
  });
});

describe('verify failure messages', () => {
  it('a missing header', async () => {
    expect(await verify({ ...v1, authorization: undefined as never })).toEqual({
      ok: false,
      reason: 'malformed',
      message: 'Authorization header: is missing',
    });
  });

  it('an unreadable timestamp', async () => {
    const authorization = V1_AUTHORIZATION.replace(V1.timestamp, '20171301120000');
    expect(await verify({ ...v1, authorization })).toEqual({
      ok: false,
      reason: 'timestamp-format',
      message:
        'Timestamp must be 14 digits yyyyMMddHHmmss naming a real date and time in Beijing time',
    });
  });

  it('a skew, with both times, and a clock beyond the year 9999 said as such', async () => {
    expect(await verify({ ...v1, now: atV1 + 301_000 })).toMatchObject({
      reason: 'timestamp-skew',
      message:
        'Timestamp 20170101120000 is 301 s behind now (20170101120501 Beijing time); the tolerance is 300 s',
    });
    expect(await verify({ ...v1, now: atV1 - 301_000 })).toMatchObject({
      message:
        'Timestamp 20170101120000 is 301 s ahead of now (20170101115459 Beijing time); the tolerance is 300 s',
    });
    const message = (await verify({ ...v1, now: 9e15 })) as { message: string };
    expect(message.message).toMatch(/behind now \(a clock outside the years 0000-9999\)/);
  });

  it('a wrong signature, with the digest of the body received', async () => {
    expect(await verify({ ...v1, body: 'B' })).toEqual({
      ok: false,
      reason: 'signature',
      message:
        'Signature does not match the body (body digest df7e70e5021544f4834bbee64a9e3789febc4be81470df629cad6ddb03320a5c); ' +
        'check the key and that the bytes signed are the bytes sent',
    });
  });
});

describe('parseAuthorization messages say where', () => {
  const pairs = `AppId="a",Timestamp="${V1.timestamp}",Nonce="n",Signature="s"`;
  it.each([
    [`OPEN-BODY-SIG\t\t${pairs}`, undefined],
    [
      'OPEN-BODY-SIG,AppId="a"',
      'Authorization header: expected a space after the scheme at character 14',
    ],
    ['OPEN-BODY-SIG AppId ="a",', "Authorization header: a ',' ends the header"],
    ['OPEN-BODY-SIG AppId :"a"', "Authorization header: expected '=' after AppId at character 21"],
    [
      'OPEN-BODY-SIG AppId="a" ;',
      "Authorization header: expected ',' after the AppId pair at character 25",
    ],
    ['OPEN-BODY-SIG AppId="a", ="b"', 'Authorization header: expected a pair name at character 26'],
    [
      'OPEN-BODY-SIG Nonsense="a"',
      'Authorization header: unknown pair "Nonsense"; expected AppId, Timestamp, Nonce, Signature',
    ],
    ['OPEN-BODY-SIG \t ', 'Authorization header: expected pairs after the scheme'],
  ])('%s', (header, message) => {
    if (message === undefined) expect(parseAuthorization(header).appId).toBe('a');
    else expect(() => parseAuthorization(header)).toThrow(message);
  });

  it('classifies a misplaced character as a syntax problem', () => {
    expect(() => parseAuthorization('OPEN-BODY-SIG AppId="a", ="b"')).toThrow(
      expect.objectContaining({ problem: 'syntax' }),
    );
  });
});

describe('values in messages', () => {
  it('are cut after 32 characters, and only past them', () => {
    const exactly = 'x'.repeat(32);
    expect(() => parseTimestamp(exactly)).toThrow(`(got "${exactly}")`);
    expect(() => parseTimestamp(`${exactly}y`)).toThrow(`(got "${exactly}…")`);
  });
});

describe('the WebCrypto HMAC key', () => {
  it('is imported as not extractable, for signing only', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      await webCrypto.hmacSha256Base64('k', 'm');
      expect(importKey).toHaveBeenCalledTimes(1);
      expect(importKey.mock.calls[0]?.slice(2)).toEqual([
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      ]);
    } finally {
      importKey.mockRestore();
    }
  });
});
