import { APP_ID_PATTERN } from './constants.js';

/**
 * Whether a value is an appId the platform's header can carry: a non-empty string matching
 * {@link APP_ID_PATTERN} (visible ASCII without `"` or `\`). The signer, the client and the mock
 * apply this one rule.
 */
export function isValidAppId(value: unknown): value is string {
  return typeof value === 'string' && APP_ID_PATTERN.test(value);
}
