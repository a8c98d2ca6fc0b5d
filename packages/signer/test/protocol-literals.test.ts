import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_PREFIX,
  ACCESS_TOKEN_SCHEME,
  APP_ID_PATTERN,
  AUTHORIZATION_HEADER,
  BODY_SIG_SCHEME,
  isValidAppId,
  parseAuthorization,
  sign,
} from '../src/index.js';
import { appIdArb, HEADER_SAFE_CHARS } from './arbitraries.js';
import { V1 } from './fixtures/vectors.js';

describe('the exported protocol literals', () => {
  it('are the platform’s', () => {
    expect(AUTHORIZATION_HEADER).toBe('authorization');
    expect(BODY_SIG_SCHEME).toBe('OPEN-BODY-SIG');
    expect(ACCESS_TOKEN_SCHEME).toBe('OPEN-ACCESS-TOKEN');
    expect(`${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}abc`).toBe(
      'OPEN-ACCESS-TOKEN AccessToken=abc',
    );
  });

  it('are what the signer itself writes and reads', async () => {
    const { authorization } = await sign(V1);
    expect(authorization.startsWith(`${BODY_SIG_SCHEME} `)).toBe(true);
    expect(parseAuthorization(authorization).scheme).toBe(BODY_SIG_SCHEME);
  });
});

describe('isValidAppId / APP_ID_PATTERN', () => {
  it('accepts visible ASCII without `"` and `\\`, including the platform’s appIds', () => {
    expect(isValidAppId(V1.appId)).toBe(true);
    expect(isValidAppId(HEADER_SAFE_CHARS.join(''))).toBe(true);
    fc.assert(fc.property(appIdArb, (appId) => isValidAppId(appId)));
  });

  it.each([
    ['empty', ''],
    ['a quote', 'ab"c'],
    ['a backslash', 'ab\\c'],
    ['a space', 'ab c'],
    ['a control character', 'ab\nc'],
    ['a non-ASCII character', 'ab测c'],
    ['DEL', 'ab\x7fc'],
  ])('refuses %s', (_, appId) => {
    expect(isValidAppId(appId)).toBe(false);
    expect(APP_ID_PATTERN.test(appId)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['a'], { toString: () => 'a' }]) {
      expect(isValidAppId(value)).toBe(false);
    }
  });

  it('is exactly the rule `sign` enforces on the appId', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary-ascii', maxLength: 8 }), async (appId) => {
        const signed = await sign({ ...V1, appId }).then(
          () => true,
          (error: Error) => (/appId/.test(error.message) ? false : Promise.reject(error)),
        );
        expect(signed).toBe(isValidAppId(appId));
      }),
    );
  });
});
