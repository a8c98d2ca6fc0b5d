/** Base URL of each environment (the spec's `servers`). */
export const ENVIRONMENTS = {
  production: 'https://api-mop.chinaums.com',
  test: 'https://test-api-open.chinaums.com',
  mock: 'http://127.0.0.1:4010',
} as const;

/** `production`, the `test` sandbox, or the local `mock` (`pnpm mock`). */
export type TianmanEnvironment = keyof typeof ENVIRONMENTS;
