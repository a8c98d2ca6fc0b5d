import { environments } from './generated/operations.js';

/**
 * Base URL of each environment the client names: the contract's `servers`, by their
 * `x-tianman-environment` (production, the test sandbox, the local mock).
 */
export const ENVIRONMENTS = environments;

/** `production`, the `test` sandbox, or the local `mock` (`pnpm mock`). */
export type TianmanEnvironment = keyof typeof ENVIRONMENTS;
