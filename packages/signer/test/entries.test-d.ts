import { describe, expectTypeOf, it } from 'vitest';
import type * as node from '../src/index.node.js';
import type * as web from '../src/index.web.js';

// Type assertions only: vitest type-checks this file (`typecheck` in vitest.config.ts), so a
// mismatch fails `pnpm test`. In a runtime test, expectTypeOf checks nothing when it runs.
describe('the two entries', () => {
  it('export the same types', () => {
    expectTypeOf<typeof web.sign>().toEqualTypeOf<typeof node.sign>();
    expectTypeOf<typeof web.verify>().toEqualTypeOf<typeof node.verify>();
    expectTypeOf<typeof web.bodyDigest>().toEqualTypeOf<typeof node.bodyDigest>();
    expectTypeOf<typeof web.signTokenRequest>().toEqualTypeOf<typeof node.signTokenRequest>();
    expectTypeOf<typeof web.createNonce>().toEqualTypeOf<typeof node.createNonce>();
    expectTypeOf<typeof web.parseAuthorization>().toEqualTypeOf<typeof node.parseAuthorization>();
    expectTypeOf<web.VerifyResult>().toEqualTypeOf<node.VerifyResult>();
  });

  it('name every reason verify can give', () => {
    expectTypeOf<node.VerifyFailureReason>().toEqualTypeOf<
      'malformed' | 'scheme' | 'app-id' | 'timestamp-format' | 'timestamp-skew' | 'signature'
    >();
  });

  it('resolve sign to a SignResult', () => {
    expectTypeOf<typeof node.sign>().returns.resolves.toEqualTypeOf<node.SignResult>();
  });

  it('take a body as a string or bytes, never an object to serialize', () => {
    expectTypeOf<Parameters<typeof node.sign>[0]['body']>().toEqualTypeOf<string | Uint8Array>();
  });
});
