/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */

import type { ValidateFunction } from '../ajv-runtime.js';

/** Validates the request body of `syncPayScoreOrder` (Ajv standalone code). */
export declare const validateSyncPayScoreOrder: ValidateFunction;
/** Validates the request body of `getAccessToken` (Ajv standalone code). */
export declare const validateGetAccessToken: ValidateFunction;
