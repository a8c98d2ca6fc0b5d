/**
 * The parts of OpenTelemetry's tracing API (`@opentelemetry/api` 1.x) the client uses, declared
 * here so that neither the client's code nor its types need that package installed. An
 * OpenTelemetry `Tracer`, `Span` and `Context` satisfy these interfaces as they are.
 */

/** A span attribute's value, as the client records them. */
export type TianmanAttributeValue = string | number | boolean;

/** What the client passes to {@link TianmanTracer.startSpan}. */
export interface TianmanSpanOptions {
  /** OpenTelemetry's `SpanKind`: the client's spans are `CLIENT` (2). */
  kind?: number;
  /** Attributes known when the span starts (samplers read them). */
  attributes?: Record<string, TianmanAttributeValue>;
}

/** OpenTelemetry's `Context`: an immutable map whose keys are symbols. */
export interface TianmanTraceContext {
  /** The value under `key`, if any. */
  getValue(key: symbol): unknown;
  /** A copy with `value` under `key`. */
  setValue(key: symbol, value: unknown): TianmanTraceContext;
  /** A copy without `key`. */
  deleteValue(key: symbol): TianmanTraceContext;
}

/** The members of OpenTelemetry's `Span` the client calls. */
export interface TianmanSpan {
  /** Adds or replaces attributes. */
  setAttributes(attributes: Record<string, TianmanAttributeValue>): unknown;
  /** Records a named event, now. */
  addEvent(name: string, attributes?: Record<string, TianmanAttributeValue>): unknown;
  /** Sets the status: the client sets `ERROR` (2) with the error's message on a failure. */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Ends the span. */
  end(): void;
}

/**
 * The `tracer` option: an OpenTelemetry `Tracer`, e.g. `trace.getTracer('my-app')` from
 * `@opentelemetry/api`, or one from a `TracerProvider` of the SDK.
 */
export interface TianmanTracer {
  /** Starts a span; `context` holds its parent. */
  startSpan(name: string, options?: TianmanSpanOptions, context?: TianmanTraceContext): TianmanSpan;
}
