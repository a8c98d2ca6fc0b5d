import type { TianmanTraceContext, TianmanTracer } from './tracer.js';

/** OpenTelemetry's `ContextManager`: which context is active, and running code in another. */
export interface ContextManager {
  /** The context active where it is called: the caller's, with its span. */
  active(): TianmanTraceContext;
  /** Runs `fn` with `context` active, for `fn` and whatever it starts. */
  with<T>(context: TianmanTraceContext, fn: () => T): T;
}

/**
 * What `@opentelemetry/api` 1.x registers on `globalThis`: `trace` is the global
 * `TracerProvider` (`trace.setGlobalTracerProvider`, which registers its proxy provider),
 * `context` the global `ContextManager` (`context.setGlobalContextManager`). Each is absent
 * until registered, and removed again by the API's `disable()`.
 */
export interface OtelGlobal {
  /** The global tracer provider. */
  trace?: { getTracer(name: string): TianmanTracer };
  /** The global context manager. */
  context?: ContextManager;
}

// The API's own key (internal/global-utils in @opentelemetry/api): one registry per major
// version, shared by every copy of the API loaded in the process. Reading it needs no import.
const KEY = Symbol.for('opentelemetry.js.api.1');

/** The registry `@opentelemetry/api` 1.x keeps on `globalThis`, when something registered one. */
export const otelGlobal = (): OtelGlobal | undefined =>
  (globalThis as Record<symbol, OtelGlobal | undefined>)[KEY];
