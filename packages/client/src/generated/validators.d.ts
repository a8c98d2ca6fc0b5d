/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
import type { BodyValidator, ParametersValidator } from "../validation-issue.js";
/** Validates a request body of `syncPayScoreOrder` against the contract: every issue, or null. */
export declare const validateSyncPayScoreOrder: BodyValidator;
/** Validates a request body of `getAccessToken` against the contract: every issue, or null. */
export declare const validateGetAccessToken: BodyValidator;
