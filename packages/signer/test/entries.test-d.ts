import { describe, expectTypeOf, it } from 'vitest';
import type { CryptoModule } from '../src/crypto.js';
import type * as cryptoNode from '../src/crypto-node.js';
import type * as cryptoWeb from '../src/crypto-web.js';
import type * as api from '../src/index.js';

// Type assertions only: vitest type-checks this file (`typecheck` in vitest.config.ts), so a
// mismatch fails `pnpm test`. In a runtime test, expectTypeOf checks nothing when it runs.
describe('the one entry and its two crypto modules', () => {
  it('the crypto modules export the same two names, of the CryptoModule shape', () => {
    expectTypeOf<typeof cryptoWeb>().toEqualTypeOf<typeof cryptoNode>();
    expectTypeOf<typeof cryptoNode>().toExtend<CryptoModule>();
  });

  it('names every reason verify can give', () => {
    expectTypeOf<api.VerifyFailureReason>().toEqualTypeOf<
      'malformed' | 'scheme' | 'app-id' | 'timestamp-format' | 'timestamp-skew' | 'signature'
    >();
  });

  it('resolves sign to a SignResult', () => {
    expectTypeOf<typeof api.sign>().returns.resolves.toEqualTypeOf<api.SignResult>();
  });

  it('takes a body as a string or bytes, never an object to serialize', () => {
    expectTypeOf<Parameters<typeof api.sign>[0]['body']>().toEqualTypeOf<string | Uint8Array>();
  });
});
