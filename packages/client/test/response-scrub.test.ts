import { describe, expect, it } from 'vitest';
import { ApiError, AuthError } from '../src/errors.js';
import { type Answer, answerError } from '../src/response.js';
import { scrub, scrubHeaders } from '../src/scrub.js';
import { declaredLength, isResponseTooLarge, ResponseTooLargeError } from '../src/transport.js';

const P = '@tianman/client: ';
const SECRET = 'secret-0123456789';

function answer(over: Partial<Answer>): Answer {
  return {
    url: 'http://127.0.0.1:1/x',
    status: 500,
    headers: {},
    text: '',
    data: undefined,
    attempts: 1,
    request: () => ({ method: 'POST', url: 'http://127.0.0.1:1/x', headers: {} }),
    secrets: [SECRET],
    ...over,
  };
}

describe('scrub: secrets out of parsed bodies', () => {
  it('redacts a secret in a bare string', () => {
    expect(scrub(`Bearer ${SECRET}!`, [SECRET])).toBe('Bearer [REDACTED]!');
  });

  it('leaves null and numbers as they are', () => {
    expect(scrub(null, [SECRET])).toBeNull();
    expect(scrub(42, [SECRET])).toBe(42);
  });

  it('redacts secrets in nested values and in keys', () => {
    const body = { a: [{ b: `x${SECRET}x` }], [SECRET]: 1, n: null, k: 7 };
    expect(scrub(body, [SECRET])).toEqual({
      a: [{ b: 'x[REDACTED]x' }],
      '[REDACTED]': 1,
      n: null,
      k: 7,
    });
  });

  it('only secrets over 7 characters: a short one would blank out ordinary text', () => {
    expect(scrub('abcdefg and abcdefgh', ['abcdefg'])).toBe('abcdefg and abcdefgh');
    expect(scrub('abcdefg and abcdefgh', ['abcdefgh'])).toBe('abcdefg and [REDACTED]');
  });
});

describe('scrubHeaders', () => {
  it('copies every header, secrets redacted', () => {
    const headers = { 'x-echo': `OPEN-ACCESS-TOKEN ${SECRET}`, 'content-type': 'text/plain' };
    const copy = scrubHeaders(headers, [SECRET]);
    expect(copy).toEqual({
      'x-echo': 'OPEN-ACCESS-TOKEN [REDACTED]',
      'content-type': 'text/plain',
    });
    expect(copy).not.toBe(headers);
  });
});

describe('answerError: the message', () => {
  it('without a note it ends at the attempts', () => {
    const error = answerError(answer({ data: { errCode: '9999', errInfo: 'busy' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(`${P}POST http://127.0.0.1:1/x: 9999 busy (HTTP 500, attempts: 1)`);
  });

  it('a code without a description is the code alone', () => {
    const error = answerError(answer({ data: { respCode: 'X1' } }), AuthError, '!');
    expect(error.message).toBe(`${P}POST http://127.0.0.1:1/x: X1 (HTTP 500, attempts: 1)!`);
  });

  it('JSON without a code says so', () => {
    const error = answerError(answer({ data: {}, text: '{}' }));
    expect(error.message).toBe(
      `${P}POST http://127.0.0.1:1/x: no respCode or errCode (HTTP 500, attempts: 1)`,
    );
  });

  it('a non-JSON body is quoted with its runs of white space folded to one space', () => {
    const error = answerError(answer({ text: '  <h1>Bad\n\n  Gateway</h1>\t ' }));
    expect(error.message).toBe(
      `${P}POST http://127.0.0.1:1/x: non-JSON "<h1>Bad Gateway</h1>" (HTTP 500, attempts: 1)`,
    );
    expect((error as ApiError).body).toBe('<h1>Bad Gateway</h1>');
  });

  it('a JSON string body is scrubbed', () => {
    expect((answerError(answer({ data: `echo ${SECRET}`, text: '"…"' })) as ApiError).body).toBe(
      'echo [REDACTED]',
    );
  });

  it('a JSON null body is no code, not a crash', () => {
    expect(answerError(answer({ data: null, text: 'null' })).code).toBe('HTTP_500');
  });
});

describe('transport helpers', () => {
  it.each([
    ['12', 12],
    ['0', 0],
    [undefined, undefined],
    ['', undefined],
    ['12abc', undefined],
    ['abc12', undefined],
    ['1 2', undefined],
    ['-1', undefined],
  ])('content-length %j reads as %j', (value, expected) => {
    const headers: Record<string, string> = value === undefined ? {} : { 'content-length': value };
    expect(declaredLength(headers)).toBe(expected);
  });

  it('ResponseTooLargeError: its name, limit, status and headers; recognised by its brand', () => {
    const error = new ResponseTooLargeError(10, 502, { a: 'b' });
    expect(error).toMatchObject({
      name: 'ResponseTooLargeError',
      message: 'response body over 10 bytes; connection dropped',
      limit: 10,
      status: 502,
      headers: { a: 'b' },
    });
    expect(isResponseTooLarge(error)).toBe(true);
    expect(isResponseTooLarge(null)).toBe(false);
    expect(isResponseTooLarge(new Error('x'))).toBe(false);
    expect(isResponseTooLarge('x')).toBe(false);
  });
});
