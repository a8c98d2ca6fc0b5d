/**
 * @tianman/client — typed, signed, validated client for the ChinaUMS 天满 open platform.
 * @packageDocumentation
 */
export type { components, operations, paths } from './generated/openapi.js';
