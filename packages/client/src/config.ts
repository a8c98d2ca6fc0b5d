import type { FindTracer } from './find-tracer.js';
import type { Log } from './log.js';
import type { RetryPolicy } from './retry.js';
import type { TokenStore } from './token-store.js';
import type { Transport } from './transport.js';

/** A client's options after checking, defaults applied: what every call reads. */
export interface Config {
  appId: string;
  appKey: string;
  baseUrl: string;
  auth: 'signature' | 'token';
  timeoutMs: number;
  retry: RetryPolicy;
  maxResponseBytes: number;
  successCodes: readonly string[];
  transport: Transport;
  /** The local clock: token expiry. */
  now: () => number;
  /** The platform's clock as far as we know: the local one plus the measured skew. */
  clock: () => number;
  /** The offset adopted from the platform's `Date` after a `1000` (shared by every call). */
  skew: { offsetMs: number };
  createNonce: (() => string) | undefined;
  /** Debug events get through (the pipeline builds their details only then). */
  debug: boolean;
  /** Sends to the logger, which can never break a call. */
  log: Log;
  tokenStore: TokenStore | undefined;
  /** The tracer of each call's span, if any (the `tracer` option, else the global provider). */
  tracer: FindTracer;
}
