import { describe, expect, it } from 'vitest';
import { checkExamples, ExampleCompileError } from '../src/check-examples.mjs';

const compiles = {
  name: 'a right call',
  code: [
    "import { createTianmanClient } from '@tianman/client';",
    "import { createTianmanApi } from '@tianman/client/api';",
    "const client = createTianmanClient({ environment: 'test' });",
    "const result = await client.syncPayScoreOrder({ fenOrderId: 'A1', mid: 'M', serviceId: 'S', type: 'Order_Paid', detail: { paidTime: '20261125143000' } });",
    'console.log(result.respCode, result.attempts);',
    "const { data } = await createTianmanApi(client).POST('/v1/token/access', { body: { appId: 'a', timestamp: '20170101120000', nonce: 'n', signMethod: 'SHA256', signature: 's' } });",
    'console.log(data?.accessToken);',
    '',
  ].join('\n'),
};

const misspelt = {
  name: 'a misspelt field',
  code: [
    "import { createTianmanClient } from '@tianman/client';",
    "const client = createTianmanClient({ environment: 'test' });",
    "await client.syncPayScoreOrder({ fenOrderID: 'A1', mid: 'M', serviceId: 'S', type: 'Order_Paid', detail: { paidTime: '20261125143000' } });",
    '',
  ].join('\n'),
};

const strictOnly = {
  name: 'an implicit any',
  code: ['export function f(x) {', '  return x;', '}', ''].join('\n'),
};

describe('checkExamples', () => {
  it('compiles examples against the built client, strict, and names each one that does not compile', () => {
    let thrown: unknown;
    try {
      checkExamples([compiles, misspelt, strictOnly]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExampleCompileError);
    const { failures, message } = thrown as ExampleCompileError;
    // The right call compiled: only the two others fail.
    expect(failures.map((f) => f.name)).toEqual(['a misspelt field', 'an implicit any']);
    expect(failures[0]?.messages).toMatch(/fenOrderID/);
    expect(failures[1]?.messages).toMatch(/TS7006/);
    // The message shows the example with line numbers, to find the line the compiler names.
    expect(message).toContain(
      "  3 | await client.syncPayScoreOrder({ fenOrderID: 'A1', mid: 'M', serviceId: 'S'",
    );
  });
});
