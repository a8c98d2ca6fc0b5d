import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  isApiError,
  isAuthError,
  isNetworkError,
  isTianmanError,
  isTimeoutError,
  isValidationError,
  NetworkError,
  TianmanError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';

const classes = [
  [TianmanError, 'TianmanError'],
  [ValidationError, 'ValidationError'],
  [AuthError, 'AuthError'],
  [ApiError, 'ApiError'],
  [NetworkError, 'NetworkError'],
  [TimeoutError, 'TimeoutError'],
] as const;

const guards = {
  TianmanError: isTianmanError,
  ValidationError: isValidationError,
  AuthError: isAuthError,
  ApiError: isApiError,
  NetworkError: isNetworkError,
  TimeoutError: isTimeoutError,
} as const;

describe('error classes', () => {
  it.each(classes)(
    '%o has a literal name, the prefix, a base class and defaults',
    (Class, name) => {
      const cause = new Error('root');
      const error = new Class('what happened', { code: 'X', cause });
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(TianmanError);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe('@tianman/client: what happened');
      expect(String(error.stack)).toMatch(new RegExp(`^${name}: @tianman/client: what happened`));
      expect(error).toMatchObject({
        code: 'X',
        status: 0,
        attempts: 0,
        request: undefined,
        headers: undefined,
      });
      expect(error.cause).toBe(cause);
    },
  );

  it('carries the platform fields and non-enumerable headers', () => {
    const headers = { 'x-request-id': 'r1' };
    const error = new ApiError('m', {
      code: '9001',
      status: 422,
      attempts: 1,
      errCode: '9001',
      errInfo: '参数错误',
      body: { errCode: '9001' },
      headers,
    });
    expect(error).toMatchObject({
      errCode: '9001',
      errInfo: '参数错误',
      body: { errCode: '9001' },
      status: 422,
    });
    expect(error.headers).toBe(headers);
    expect(Object.keys(error)).not.toContain('headers');
    expect(error.toJSON()).toEqual({
      name: 'ApiError',
      message: '@tianman/client: m',
      code: '9001',
      status: 422,
      attempts: 1,
      request: undefined,
      errCode: '9001',
      errInfo: '参数错误',
      body: { errCode: '9001' },
    });
  });
});

describe('type guards', () => {
  it.each(classes)('recognise %o, and only it', (Class, name) => {
    const error = new Class('m', { code: 'X' });
    for (const [guardName, guard] of Object.entries(guards)) {
      expect(guard(error)).toBe(guardName === name || guardName === 'TianmanError');
    }
  });

  it('work across realms, where instanceof does not', () => {
    const foreign = runInNewContext(`
      const error = new Error('@tianman/client: from another realm');
      error.name = 'ApiError';
      Object.defineProperty(error, Symbol.for('tianman.error'), { value: true });
      error;
    `);
    expect(foreign instanceof ApiError).toBe(false);
    expect(isTianmanError(foreign)).toBe(true);
    expect(isApiError(foreign)).toBe(true);
    expect(isAuthError(foreign)).toBe(false);
  });

  it('reject look-alikes without the brand, and non-objects', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'ApiError', code: '1' });
    for (const value of [lookAlike, null, undefined, 'ApiError', 42, {}]) {
      expect(isTianmanError(value)).toBe(false);
      expect(isApiError(value)).toBe(false);
    }
  });
});
