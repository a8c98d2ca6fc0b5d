import { describe, expect, it } from 'vitest';
import { ApiError, redactHeaders } from '../src/errors.js';

describe('redactHeaders', () => {
  it('redacts the Authorization header, in any case, to its scheme', () => {
    expect(redactHeaders({ AUTHORIZATION: 'OPEN-BODY-SIG AppId="a", Signature="s"' })).toEqual({
      AUTHORIZATION: 'OPEN-BODY-SIG [REDACTED]',
    });
  });

  it('redacts Proxy-Authorization (a call header a caller may pass) and Cookie too', () => {
    expect(
      redactHeaders({ 'Proxy-Authorization': 'Basic dXNlcjpwYXNz', cookie: 'sid=s3cr3t' }),
    ).toEqual({ 'Proxy-Authorization': 'Basic [REDACTED]', cookie: '[REDACTED]' });
  });

  it('leaves headers that only contain the word alone', () => {
    const headers = { 'authorization-hint': 'a b', 'x-authorization-id': 'c d' };
    expect(redactHeaders(headers)).toEqual(headers);
  });
});

describe('TianmanError cause', () => {
  it('has no cause property without a cause, and keeps one given', () => {
    const plain = new ApiError('x', { code: 'ERR_API' } as never);
    expect(Object.hasOwn(plain, 'cause')).toBe(false);
    const cause = new Error('root');
    expect(new ApiError('x', { code: 'ERR_API', cause } as never).cause).toBe(cause);
  });
});
