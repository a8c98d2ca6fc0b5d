import { describe, expect, it } from 'vitest';
import { resolveCall } from '../src/call-options.js';
import { checkHeaders } from '../src/request-headers.js';
import { resolveOptions } from '../src/resolve-options.js';
import { APP_ID, APP_KEY, usageError } from './helpers.js';

const cfg = resolveOptions({ appId: APP_ID, appKey: APP_KEY, environment: 'mock' });
const refused = (fn: () => unknown, message: string): void => {
  expect(fn).toThrow(usageError('ERR_INVALID_OPTION', message));
};

describe('call options', () => {
  it('must be an object', () => {
    for (const options of [5, null, 'x']) {
      refused(() => resolveCall(cfg, options as never), 'call options: expected object');
    }
  });

  it('name their retry field as a call option', () => {
    refused(() => resolveCall(cfg, { retry: 5 as never }), 'call option retry: expected object');
  });

  it("take the client's settings for what they leave out", () => {
    const signal = AbortSignal.abort();
    expect(resolveCall(cfg, {})).toEqual({
      signal: undefined,
      timeoutMs: 10_000,
      retry: cfg.retry,
    });
    expect(resolveCall(cfg, { signal, timeoutMs: 5, retry: { limit: 0 } })).toEqual({
      signal,
      timeoutMs: 5,
      retry: { ...cfg.retry, limit: 0 },
    });
  });
});

describe('call headers', () => {
  it('must be an object', () => {
    for (const headers of [5, null, 'x']) {
      refused(() => checkHeaders(headers, 'call option '), 'call option headers: expected object');
    }
  });

  it('add lower-cased names to the JSON content type', () => {
    expect(checkHeaders({ 'X-Request-Id': 'abc', Accept: 'a\tb' }, '')).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'abc',
      accept: 'a\tb',
    });
  });

  it.each(['authorization', 'Content-Type', 'content-length', 'Host', 'transfer-encoding'])(
    'refuse the client-owned header %s',
    (name) => {
      refused(
        () => checkHeaders({ [name]: 'x' }, 'call option '),
        `call option headers.${name.toLowerCase()}: set by the client, not by the caller`,
      );
    },
  );

  it.each([' x-id', 'x-id ', 'x id', 'x:id', ''])('refuse the header name %j', (name) => {
    refused(
      () => checkHeaders({ [name]: 'x' }, 'call option '),
      'call option headers: invalid header name',
    );
  });

  it.each([5, 'a\r\nb', 'a\nb', '\u0000'])('refuse the value %j without echoing it', (value) => {
    refused(
      () => checkHeaders({ 'X-Id': value }, 'call option '),
      'call option headers.x-id: expected a string without control characters',
    );
  });
});
