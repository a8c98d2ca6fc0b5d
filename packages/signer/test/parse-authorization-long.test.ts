import { describe, expect, it } from 'vitest';
import { AuthorizationFormatError, parseAuthorization } from '../src/index.js';
import { V1, V1_AUTHORIZATION } from './fixtures/vectors.js';

// Headers of hundreds of kilobytes of blanks: the parser reads each character a bounded number
// of times, so these take milliseconds. The proof that no regular expression in the sources can
// backtrack is the ReDoS analysis (mock/test/redos-guard.test.ts); the timeout below is only a
// safety net, far above the linear cost, so a regression fails instead of hanging the run.
const SAFETY_NET = { timeout: 10_000 };
const KIB_256 = 256 * 1024;
const blanks = (length: number) => ' \t'.repeat(length / 2);
const { appId, timestamp, nonce, signature } = V1;

function problemOf(header: string): string | undefined {
  try {
    parseAuthorization(header);
    return undefined;
  } catch (error) {
    if (!(error instanceof AuthorizationFormatError)) throw error;
    return error.problem;
  }
}

describe('parseAuthorization on 256 KiB of blanks', () => {
  it('a header of nothing but spaces and tabs is empty', SAFETY_NET, () => {
    expect(problemOf(blanks(KIB_256))).toBe('empty');
  });

  it('blanks around a real header are trimmed and the pairs read', SAFETY_NET, () => {
    const header = `${blanks(KIB_256 / 2)}${V1_AUTHORIZATION}${blanks(KIB_256 / 2)}`;
    expect(parseAuthorization(header)).toEqual({
      scheme: 'OPEN-BODY-SIG',
      appId,
      timestamp,
      nonce,
      signature,
    });
  });

  it('blanks between the pairs and around "=" are allowed separators', SAFETY_NET, () => {
    const header = V1_AUTHORIZATION.replace('",', `"${blanks(KIB_256 / 2)},`).replace(
      'Nonce=',
      `Nonce${blanks(KIB_256 / 2)}=`,
    );
    expect(parseAuthorization(header)).toMatchObject({ appId, nonce, signature });
  });

  it(
    'blanks between a scheme and a stray character end in the error it deserves',
    SAFETY_NET,
    () => {
      expect(problemOf(`OPEN-BODY-SIG${blanks(KIB_256)}="x"`)).toBe('syntax');
      expect(problemOf(`x${blanks(KIB_256)},y`)).toBe('syntax');
      expect(problemOf(`x${blanks(KIB_256)}y`)).toBe('unknown-pair');
    },
  );
});
