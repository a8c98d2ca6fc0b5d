import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  appIdArb,
  appKeyArb,
  bodyArb,
  charChange,
  headerSafeChar,
  instantArb,
  nonceArb,
  replaceInPair,
  toBytes,
} from './arbitraries.js';
import { IMPLEMENTATIONS, node, web } from './implementations.js';

const signedArb = fc.record({
  appId: appIdArb,
  appKey: appKeyArb,
  body: bodyArb,
  now: instantArb,
  nonce: fc.option(nonceArb, { nil: undefined }),
});

type Signed = typeof signedArb extends fc.Arbitrary<infer T> ? T : never;

/** What a verifier answers, in one comparable value. */
function outcome(result: { ok: boolean; reason?: string }): string {
  return result.ok ? 'ok' : (result.reason as string);
}

describe.each(IMPLEMENTATIONS)('properties (%s)', (_, signer) => {
  async function signed(input: Signed) {
    return signer.sign(input);
  }

  it('verify(sign(x)) is ok, with one key or a lookup, the body as text or bytes', async () => {
    await fc.assert(
      fc.asyncProperty(signedArb, async (input) => {
        const { authorization, timestamp, nonce } = await signed(input);
        const expected = { ok: true, appId: input.appId, timestamp, nonce };
        const { appId, appKey, body, now } = input;
        expect(await signer.verify({ authorization, body, appKey, now })).toEqual(expected);
        const lookup = async (id: string) => (id === appId ? appKey : undefined);
        const bytes = toBytes(body);
        expect(await signer.verify({ authorization, body: bytes, appKey: lookup, now })).toEqual(
          expected,
        );
      }),
    );
  });

  it('any single-byte change, insertion or deletion in the body gives signature', async () => {
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('replace'),
        at: fc.nat(),
        xor: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({
        kind: fc.constant('insert'),
        at: fc.nat(),
        xor: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(), xor: fc.constant(0) }),
    );
    await fc.assert(
      fc.asyncProperty(signedArb, change, async (input, { kind, at, xor }) => {
        const bytes = toBytes(input.body);
        fc.pre(kind === 'insert' || bytes.length > 0);
        const i = at % (bytes.length + (kind === 'insert' ? 1 : 0));
        const tampered =
          kind === 'replace'
            ? bytes.map((b, j) => (j === i ? b ^ xor : b))
            : kind === 'insert'
              ? new Uint8Array([...bytes.subarray(0, i), xor, ...bytes.subarray(i)])
              : new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(i + 1)]);
        const { authorization } = await signed(input);
        const result = await signer.verify({ ...input, authorization, body: tampered });
        expect(outcome(result)).toBe('signature');
      }),
      { numRuns: 60 },
    );
  });

  it('a changed appId gives signature with a single key, app-id with a lookup that knows only the signer', async () => {
    await fc.assert(
      fc.asyncProperty(
        signedArb.chain((input) => fc.tuple(fc.constant(input), charChange(input.appId))),
        async ([input, [position, char]]) => {
          const { authorization } = await signed(input);
          const tampered = replaceInPair(authorization, 'AppId', position, char);
          const { appId, appKey, body, now } = input;
          const single = await signer.verify({ authorization: tampered, body, appKey, now });
          expect(outcome(single)).toBe('signature');
          const lookup = (id: string) => (id === appId ? appKey : undefined);
          const hosted = await signer.verify({
            authorization: tampered,
            body,
            appKey: lookup,
            now,
          });
          expect(outcome(hosted)).toBe('app-id');
        },
      ),
    );
  });

  it.each(['Nonce', 'Signature'] as const)(
    'a changed character of the %s gives signature',
    async (pair) => {
      await fc.assert(
        fc.asyncProperty(signedArb, fc.nat(), headerSafeChar, async (input, at, char) => {
          const result = await signed(input);
          const value = pair === 'Nonce' ? result.nonce : result.signature;
          const position = at % value.length;
          fc.pre(value[position] !== char);
          const tampered = replaceInPair(result.authorization, pair, position, char);
          const verdict = await signer.verify({ ...input, authorization: tampered });
          expect(outcome(verdict)).toBe('signature');
        }),
      );
    },
  );

  describe('a changed character of the timestamp', () => {
    async function verifyWithTimestampChange(input: Signed, position: number, char: string) {
      const { authorization } = await signed(input);
      const tampered = replaceInPair(authorization, 'Timestamp', position, char);
      return outcome(await signer.verify({ ...input, authorization: tampered }));
    }
    const digit = (min: number, max: number) => fc.integer({ min, max }).map((d) => String(d));

    it('is never accepted, and is reported as a timestamp or signature problem', async () => {
      await fc.assert(
        fc.asyncProperty(
          signedArb,
          fc.nat({ max: 13 }),
          headerSafeChar,
          async (input, at, char) => {
            const { timestamp } = await signed(input);
            fc.pre(timestamp[at] !== char);
            expect(['timestamp-format', 'timestamp-skew', 'signature']).toContain(
              await verifyWithTimestampChange(input, at, char),
            );
          },
        ),
      );
    });

    it('to anything but a digit gives timestamp-format', async () => {
      const nonDigit = headerSafeChar.filter((c) => !/[0-9]/.test(c));
      await fc.assert(
        fc.asyncProperty(signedArb, fc.nat({ max: 13 }), nonDigit, async (input, at, char) => {
          expect(await verifyWithTimestampChange(input, at, char)).toBe('timestamp-format');
        }),
      );
    });

    it('making an impossible month, hour, minute or second gives timestamp-format', async () => {
      // Tens digits: month 2x–9x, hour 3x–9x, minute and second 6x–9x never exist.
      const impossible = fc.oneof(
        fc.tuple(fc.constant(4), digit(2, 9)),
        fc.tuple(fc.constant(8), digit(3, 9)),
        fc.tuple(fc.constant(10), digit(6, 9)),
        fc.tuple(fc.constant(12), digit(6, 9)),
      );
      await fc.assert(
        fc.asyncProperty(signedArb, impossible, async (input, [at, char]) => {
          expect(await verifyWithTimestampChange(input, at, char)).toBe('timestamp-format');
        }),
      );
    });

    it('moving the year gives timestamp-skew', async () => {
      await fc.assert(
        fc.asyncProperty(signedArb, fc.nat({ max: 3 }), digit(0, 9), async (input, at, char) => {
          const { timestamp } = await signed(input);
          fc.pre(timestamp[at] !== char);
          expect(await verifyWithTimestampChange(input, at, char)).toBe('timestamp-skew');
        }),
      );
    });

    it('moving the seconds within the window gives signature', async () => {
      await fc.assert(
        fc.asyncProperty(signedArb, digit(0, 9), async (input, char) => {
          const { timestamp } = await signed(input);
          fc.pre(timestamp[13] !== char);
          expect(await verifyWithTimestampChange(input, 13, char)).toBe('signature');
        }),
      );
    });
  });
});

it('both implementations sign every input to the same signature and token signature', async () => {
  await fc.assert(
    fc.asyncProperty(signedArb, nonceArb, async (input, nonce) => {
      const fixed = { ...input, nonce };
      expect((await web.sign(fixed)).signature).toBe((await node.sign(fixed)).signature);
      expect(await web.bodyDigest(input.body)).toBe(await node.bodyDigest(input.body));
      const token = { appId: input.appId, appKey: input.appKey, now: input.now, nonce };
      expect(await web.signTokenRequest(token)).toEqual(await node.signTokenRequest(token));
    }),
  );
});
