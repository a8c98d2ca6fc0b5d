import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';

// A mock of its own, with a request logger that throws: a user's broken logger must neither
// stop the mock answering nor surface as an unhandled rejection (which would end the process).
let mock: RunningMock;
let calls = 0;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    log: () => {
      calls++;
      throw new Error('logger broke');
    },
  });
});
afterAll(() => mock.close());

describe('a request logger that throws', () => {
  it('leaves every request answered', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${mock.url}/v1/token/access`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errCode: '9001' });
    }
    expect(calls).toBe(3);
  });
});
