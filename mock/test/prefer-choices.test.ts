import { signTokenRequest } from '@tianman/signer';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { rawCall, validBody } from './helpers.js';

const body = JSON.stringify(validBody);

/** The order-sync operation's responses and their examples, as in spec/openapi.yaml. */
const SYNC_EXAMPLES: Record<number, string[]> = {
  200: ['success', 'orderNotExist', 'deductionRunning'],
  400: ['malformedJson'],
  412: ['authFailed', 'timestampUnparsable', 'notAuthorized', 'transient'],
  422: ['parameterCheckFailed'],
  500: ['systemError'],
  503: ['unavailable'],
};

describe('Prefer values the spec cannot answer', () => {
  it.each([
    ['code=200, example=authFailed', /example=authFailed belongs to code=412/],
    ['code=422, example=transient', /example=transient belongs to code=412/],
    ['example=transient, code=500', /example=transient belongs to code=412/],
    ['code=412, example=orderNotExist', /example=orderNotExist belongs to code=200/],
    ['code=999', /code=999 .*choose one of 200, 400, 412, 422, 500, 503/],
    ['code=abc', /code=abc .*choose one of 200, 400, 412, 422, 500, 503/],
    ['example=nope', /example=nope .*choose one of .*authFailed.*transient/],
  ])('%s is a 400 naming the choices', async (prefer, message) => {
    const answer = await rawCall(body, { headers: { prefer } });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('x-mock-reason')).toBe('prefer');
    expect((answer.body as { errInfo: string }).errInfo).toMatch(message);
  });

  it('on the token endpoint too', async () => {
    const request = JSON.stringify(await signTokenRequest(inject('mockCredentials')));
    const answer = await rawCall(request, {
      path: '/v1/token/access',
      authorization: '',
      headers: { prefer: 'code=999' },
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('x-mock-reason')).toBe('prefer');
  });

  it('no combination of code and example yields a 500 the caller did not ask for', async () => {
    const codes = Object.keys(SYNC_EXAMPLES).map(Number);
    const names = Object.values(SYNC_EXAMPLES).flat();
    const codeOf = (name: string) => codes.find((code) => SYNC_EXAMPLES[code]?.includes(name));
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(fc.constantFrom(...codes), fc.integer({ min: 100, max: 599 }))),
        fc.option(fc.oneof(fc.constantFrom(...names), fc.stringMatching(/^[A-Za-z]{1,12}$/))),
        async (code, example) => {
          const parts = [
            ...(code === null ? [] : [`code=${code}`]),
            ...(example === null ? [] : [`example=${example}`]),
          ];
          const answer = await rawCall(body, {
            headers: parts.length > 0 ? { prefer: parts.join(', ') } : {},
          });
          const exampleCode = example === null ? undefined : codeOf(example);
          const valid =
            (code === null || code in SYNC_EXAMPLES) &&
            (example === null || exampleCode !== undefined) &&
            (code === null || example === null || exampleCode === code);
          const expected = valid ? (code ?? exampleCode ?? 200) : 400;
          expect(answer.status, `${parts.join(', ')}: ${answer.text}`).toBe(expected);
          if (!valid) expect(answer.headers.get('x-mock-reason')).toBe('prefer');
        },
      ),
      { numRuns: 60 },
    );
  });
});
