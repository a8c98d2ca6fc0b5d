import { sign } from '@tianman/signer';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../src/auth-context.js';
import { checkAuthorization } from '../src/check-authorization.js';
import { NonceCache } from '../src/nonce-cache.js';
import { TokenStore } from '../src/token-store.js';
import { rawCall, validBody } from './helpers.js';

// checkAuthorization called directly: HTTP trims header values, so leading or blank
// whitespace can only be tried here.
const credentials = {
  appId: '10037ca75e6125aa015e9e12a89b001b',
  appKey: '67890123456789012345678901234567',
};
const T = Date.UTC(2026, 10, 25, 6, 32, 0);
const body = new TextEncoder().encode(JSON.stringify(validBody));

function context(now: number, toleranceSeconds = 300): AuthContext {
  return {
    credentials,
    now: () => now,
    toleranceSeconds,
    nonces: new NonceCache(),
    tokens: new TokenStore(3600, 10),
    maxLiveTokens: 10,
  };
}

describe('checkAuthorization, called directly', () => {
  it('a header of blanks is a missing header, not an unknown scheme', async () => {
    expect(await checkAuthorization('   ', body, context(T))).toMatchObject({
      ok: false,
      reason: 'missing-authorization',
    });
  });

  it('leading blanks before the scheme are tolerated', async () => {
    const { authorization } = await sign({ ...credentials, body, now: T });
    expect(await checkAuthorization(`  ${authorization}`, body, context(T))).toMatchObject({
      ok: true,
    });
  });

  it('the scheme is matched case-insensitively, as verify does', async () => {
    const { authorization } = await sign({ ...credentials, body, now: T });
    const lower = authorization.replace('OPEN-BODY-SIG', 'open-body-sig');
    expect(await checkAuthorization(lower, body, context(T))).toMatchObject({ ok: true });
  });
});

describe('a charset whose quotes do not pair', () => {
  it.each(['utf-8""', '""utf-8'])('charset=%s is not UTF-8: 400', async (charset) => {
    const answer = await rawCall(JSON.stringify(validBody), {
      headers: { 'content-type': `application/json; charset=${charset}` },
    });
    expect(answer.status, answer.text).toBe(400);
  });
});
