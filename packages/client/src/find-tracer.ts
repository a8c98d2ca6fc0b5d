import { fail } from './errors.js';
import { otelGlobal } from './otel-global.js';
import type { TianmanTracer } from './tracer.js';

/** The tracer a call records its span with, looked up as the call starts; `undefined`: none. */
export type FindTracer = () => TianmanTracer | undefined;

const none: FindTracer = () => undefined;

/**
 * Where a client's calls find their tracer (the `tracer` option, checked here):
 * - a tracer: that one;
 * - `false`: none, whatever is registered;
 * - absent: the global tracer provider `@opentelemetry/api` registered, read from `globalThis`
 *   at each call (so a provider registered after the client was made is used, and one removed
 *   with `trace.disable()` no longer is), or none. The package is never imported.
 */
export function findTracer(option: TianmanTracer | false | undefined): FindTracer {
  if (option === false) return none;
  if (option !== undefined) {
    if (typeof (option as Partial<TianmanTracer> | null)?.startSpan !== 'function') {
      fail('ERR_INVALID_OPTION', 'tracer: expected a Tracer or false');
    }
    return () => option;
  }
  // The provider's tracer, asked for once per provider: the SDK caches tracers, the API's proxy
  // provider does not.
  let provider: unknown;
  let tracer: TianmanTracer | undefined;
  return () => {
    const current = otelGlobal()?.trace;
    if (current !== provider) {
      provider = current;
      tracer = current?.getTracer('@tianman/client');
    }
    return tracer;
  };
}
