/**
 * @tianman/mock — a local stand-in for the ChinaUMS 天满 open platform: Prism serving the
 * tianman-sdk OpenAPI contract behind a gate that really verifies OPEN-BODY-SIG signatures and
 * OPEN-ACCESS-TOKEN tokens.
 * @packageDocumentation
 */
export type { AuthReason } from './auth-result.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REPORT_FILE,
  ENV_APP_ID,
  ENV_APP_KEY,
} from './constants.js';
export { type MockCredentials, SANDBOX_CREDENTIALS } from './credentials.js';
export type { DriftEntry, DriftPlace } from './drift-entry.js';
export type { GateReason } from './gateway-answers.js';
export { type MockOptions, type RunningMock, startMock } from './mock.js';
export type { PrismLogLevel } from './prism.js';
export type { MockRequestLog } from './request-log.js';
export type { MockProxyOptions, RunningProxy } from './start-proxy.js';
