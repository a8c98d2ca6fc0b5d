import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../src/format-timestamp.js';
import { AuthorizationFormatError, formatAuthorization, parseAuthorization } from '../src/index.js';
import { appIdArb, instantArb, nonceArb } from './arbitraries.js';
import { V1, V1_AUTHORIZATION } from './fixtures/vectors.js';

const { appId, timestamp, nonce, signature } = V1;
const PARTS = { appId, timestamp, nonce, signature };
// A signature value that would stand out if an error message repeated it.
const LOUD_SIGNATURE = 'SIGNATURE-VALUE-THAT-MUST-NOT-LEAK=';

function problemOf(header: unknown): string | undefined {
  try {
    parseAuthorization(header as string);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthorizationFormatError);
    const { problem, message, name } = error as AuthorizationFormatError;
    expect(name).toBe('AuthorizationFormatError');
    expect(message).toMatch(/^Authorization header: /);
    expect(message).not.toContain(LOUD_SIGNATURE);
    return problem;
  }
}

describe('parseAuthorization', () => {
  it('reads the platform header', () => {
    expect(parseAuthorization(V1_AUTHORIZATION)).toEqual({ scheme: 'OPEN-BODY-SIG', ...PARTS });
  });

  it.each([
    ['", " between pairs', V1_AUTHORIZATION.replaceAll('",', '", ')],
    [
      'spaces and tabs around "," and "="',
      V1_AUTHORIZATION.replaceAll('",', '" \t,  ').replace(
        /(AppId|Timestamp|Nonce|Signature)="/g,
        '$1 = "',
      ),
    ],
    ['surrounding whitespace', ` \t${V1_AUTHORIZATION}\t `],
    ['several spaces after the scheme', V1_AUTHORIZATION.replace(' ', '   ')],
    [
      'any pair order',
      `OPEN-BODY-SIG Signature="${signature}",Nonce="${nonce}",Timestamp="${timestamp}",AppId="${appId}"`,
    ],
    [
      'pair names in any case',
      V1_AUTHORIZATION.replace('AppId', 'appid').replace('Nonce', 'NONCE'),
    ],
  ])('accepts %s', (_, header) => {
    expect(parseAuthorization(header)).toEqual({ scheme: 'OPEN-BODY-SIG', ...PARTS });
  });

  it('returns the scheme as written and leaves judging it to verify', () => {
    expect(parseAuthorization(V1_AUTHORIZATION.replace('OPEN-BODY-SIG', 'Other')).scheme).toBe(
      'Other',
    );
  });

  it('keeps commas, spaces and "=" inside quoted values', () => {
    const header = `X AppId="a, b=c",Timestamp="t",Nonce="n",Signature="${LOUD_SIGNATURE}"`;
    expect(parseAuthorization(header)).toMatchObject({
      appId: 'a, b=c',
      signature: LOUD_SIGNATURE,
    });
  });

  const withLoudSignature = V1_AUTHORIZATION.replace(signature, LOUD_SIGNATURE);
  it.each([
    ['not a string', undefined, 'empty', /is missing or not a string/],
    ['empty', '', 'empty', /is empty/],
    ['blank', ' \t ', 'empty', /is empty/],
    ['only a scheme', 'OPEN-BODY-SIG', 'syntax', /expected pairs after the scheme/],
    ['no scheme', `="x" ${withLoudSignature}`, 'syntax', /expected a scheme at character 1/],
    [
      'no space after the scheme',
      'OPEN-BODY-SIG,AppId="x"',
      'syntax',
      /expected a space after the scheme/,
    ],
    [
      'an unquoted signature',
      withLoudSignature.replace(`"${LOUD_SIGNATURE}"`, LOUD_SIGNATURE),
      'unquoted-pair',
      /the value of Signature must be in double quotes/,
    ],
    [
      'a duplicated signature',
      `${withLoudSignature},Signature="${LOUD_SIGNATURE}"`,
      'duplicate-pair',
      /Signature appears more than once/,
    ],
    [
      'a duplicated pair in another case',
      `${withLoudSignature},APPID="x"`,
      'duplicate-pair',
      /AppId appears more than once/,
    ],
    [
      'a missing pair',
      withLoudSignature.replace(/,Nonce="\w+"/, ''),
      'missing-pair',
      /missing Nonce$/,
    ],
    [
      'two missing pairs',
      `OPEN-BODY-SIG Signature="${LOUD_SIGNATURE}"`,
      'missing-pair',
      /missing AppId, Timestamp, Nonce$/,
    ],
    [
      'an unknown pair',
      `${withLoudSignature},Realm="x"`,
      'unknown-pair',
      /unknown pair "Realm"; expected AppId/,
    ],
    [
      'an empty value',
      withLoudSignature.replace(`Nonce="${nonce}"`, 'Nonce=""'),
      'empty-value',
      /Nonce is empty/,
    ],
    [
      'an unclosed quote',
      `${withLoudSignature.slice(0, -1)}`,
      'syntax',
      /the value of Signature has no closing quote/,
    ],
    ['a trailing comma', `${withLoudSignature},`, 'syntax', /a ',' ends the header/],
    [
      'a missing comma',
      withLoudSignature.replace('",Nonce', '" Nonce'),
      'syntax',
      /expected ',' after the Timestamp pair/,
    ],
    [
      'a semicolon between pairs',
      withLoudSignature.replace('",Nonce', '";Nonce'),
      'syntax',
      /expected ','/,
    ],
    [
      'a missing "="',
      withLoudSignature.replace('Nonce=', 'Nonce '),
      'syntax',
      /expected '=' after Nonce/,
    ],
    [
      'a nonce over 128 characters',
      withLoudSignature.replace(nonce, 'n'.repeat(129)),
      'nonce-too-long',
      /longer than 128/,
    ],
  ])('rejects %s, saying what is wrong without the signature', (_, header, problem, message) => {
    expect(problemOf(header)).toBe(problem);
    expect(() => parseAuthorization(header as string)).toThrow(message);
  });

  it('accepts a nonce of exactly 128 characters', () => {
    expect(parseAuthorization(V1_AUTHORIZATION.replace(nonce, 'n'.repeat(128))).nonce).toHaveLength(
      128,
    );
  });

  it('turns any string into parts or an AuthorizationFormatError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (header) => {
        problemOf(header);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns near-miss headers into parts or an AuthorizationFormatError that never shows the signature', () => {
    const pairs = [
      `AppId="${appId}"`,
      `Timestamp="${timestamp}"`,
      `Nonce="${nonce}"`,
      `Signature="${LOUD_SIGNATURE}"`,
    ];
    const stray = fc.constantFrom(
      ' ',
      '\t',
      ',',
      '=',
      '"',
      ';',
      'x',
      'AppId',
      'Signature',
      `"${LOUD_SIGNATURE}"`,
      LOUD_SIGNATURE,
      'Signature=',
      'Realm="r"',
      `Signature="${LOUD_SIGNATURE}`,
    );
    const separator = fc.constantFrom(',', ', ', ' , ', ',\t');
    // A valid header, pairs shuffled, then up to three edits: drop, repeat or replace a piece,
    // or insert a stray one. Zero edits happen often, so the happy path is fuzzed as well.
    const edit = fc.record({
      kind: fc.constantFrom('drop', 'repeat', 'replace', 'insert'),
      at: fc.nat(),
      piece: stray,
    });
    const header = fc
      .tuple(
        fc.constantFrom('OPEN-BODY-SIG', 'open-body-sig', 'Bearer', ''),
        fc.shuffledSubarray(pairs, { minLength: 4, maxLength: 4 }),
        fc.array(separator, { minLength: 3, maxLength: 3 }),
        fc.array(edit, { maxLength: 3 }),
      )
      .map(([scheme, ordered, seps, edits]) => {
        const pieces = [scheme, ' '];
        ordered.forEach((pair, i) => {
          pieces.push(pair);
          if (i < seps.length) pieces.push(seps[i] as string);
        });
        for (const { kind, at, piece } of edits) {
          const i = at % pieces.length;
          if (kind === 'drop') pieces.splice(i, 1);
          else if (kind === 'repeat') pieces.splice(i, 0, pieces[i] as string);
          else if (kind === 'replace') pieces.splice(i, 1, piece);
          else pieces.splice(i, 0, piece);
        }
        return pieces.join('');
      });
    let parsed = 0;
    let rejected = 0;
    fc.assert(
      fc.property(header, (text) => {
        if (problemOf(text) === undefined) parsed += 1;
        else rejected += 1;
      }),
      { numRuns: 3000 },
    );
    // Both outcomes must be reached, or the generator has stopped testing what it claims to.
    expect(parsed).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('formatAuthorization', () => {
  it('writes the platform header, pairs separated by ","', () => {
    expect(formatAuthorization(PARTS)).toBe(V1_AUTHORIZATION);
  });

  it('round-trips through parseAuthorization', () => {
    fc.assert(
      fc.property(appIdArb, instantArb, nonceArb, appIdArb, (id, at, n, sig) => {
        const parts = { appId: id, timestamp: formatTimestamp(at), nonce: n, signature: sig };
        expect(parseAuthorization(formatAuthorization(parts))).toEqual({
          scheme: 'OPEN-BODY-SIG',
          ...parts,
        });
      }),
    );
  });

  it.each([
    ['appId', { appId: 'a"b' }, /appId must be/],
    ['timestamp', { timestamp: '2017' }, /timestamp must be 14 digits/],
    ['nonce', { nonce: 'x'.repeat(129) }, /nonce must be at most 128/],
    ['signature', { signature: `${LOUD_SIGNATURE}"` }, /signature must be a non-empty string/],
  ])('refuses a %s the header cannot carry, without echoing it', (_, patch, message) => {
    const error = (() => {
      try {
        formatAuthorization({ ...PARTS, ...patch });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(LOUD_SIGNATURE);
  });
});
