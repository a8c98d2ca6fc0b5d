import { isValidAppId } from '@tianman/signer';
import { ENV_APP_ID, ENV_APP_KEY, SANDBOX_APP_ID, SANDBOX_APP_KEY } from './constants.js';

/** The one application the mock serves. */
export interface MockCredentials {
  /** The appId requests must carry. */
  appId: string;
  /** The key the gate verifies signatures with. Sandbox only: never put a real key here. */
  appKey: string;
}

/** The documented sandbox credentials, before any environment override. */
export const SANDBOX_CREDENTIALS: Readonly<MockCredentials> = Object.freeze({
  appId: SANDBOX_APP_ID,
  appKey: SANDBOX_APP_KEY,
});

/**
 * Picks the credentials: explicit options first, then `TIANMAN_MOCK_APP_ID` /
 * `TIANMAN_MOCK_APP_KEY`, then the sandbox defaults. Each field falls back on its own, so
 * overriding only the key keeps the documented appId.
 */
export function resolveCredentials(
  given: Partial<MockCredentials> | undefined,
  env: Record<string, string | undefined> = process.env,
): MockCredentials {
  return resolveCredentialSources(given, env).credentials;
}

/** Where a credential came from: an option of `startMock`, the environment, or the default. */
export type CredentialSource = 'option' | 'environment' | 'default';

/**
 * {@link resolveCredentials}, and where each field came from: the banner says where instead of
 * printing the key.
 */
export function resolveCredentialSources(
  given: Partial<MockCredentials> | undefined,
  env: Record<string, string | undefined> = process.env,
): {
  credentials: MockCredentials;
  sources: { appId: CredentialSource; appKey: CredentialSource };
} {
  const [appId, appIdSource] = pick(given?.appId, env[ENV_APP_ID], SANDBOX_APP_ID);
  const [appKey, appKeySource] = pick(given?.appKey, env[ENV_APP_KEY], SANDBOX_APP_KEY);
  // The signer's appId rule: the value ends up between quotes in a header.
  if (!isValidAppId(appId)) {
    throw new TypeError(
      `@tianman/mock: credentials.appId (or ${ENV_APP_ID}) must be visible ASCII without '"' or '\\'; got ${JSON.stringify(appId)}.`,
    );
  }
  if (appKey.length === 0) {
    // Never echo the key, not even a bad one.
    throw new TypeError(`@tianman/mock: credentials.appKey (or ${ENV_APP_KEY}) must not be empty.`);
  }
  return { credentials: { appId, appKey }, sources: { appId: appIdSource, appKey: appKeySource } };
}

function pick(
  given: string | undefined,
  fromEnv: string | undefined,
  fallback: string,
): [string, CredentialSource] {
  if (given !== undefined) return [given, 'option'];
  const value = nonEmpty(fromEnv);
  return value === undefined ? [fallback, 'default'] : [value, 'environment'];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
