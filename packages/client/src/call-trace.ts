import type { Config } from './config.js';
import type { Operation } from './operation.js';
import { otelGlobal } from './otel-global.js';
import { type Answer, field } from './response.js';
import type {
  TianmanAttributeValue,
  TianmanSpan,
  TianmanTraceContext,
  TianmanTracer,
} from './tracer.js';

// Where @opentelemetry/api keeps a context's span: its createContextKey is Symbol.for, so every
// copy of the API, and this client, use the same key.
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/**
 * A context of the client's own, for a `tracer` given without a global context manager: it
 * carries a call's span to its token request's, as the API's root context would.
 */
const ownContext = (values: Map<symbol, unknown>): TianmanTraceContext => ({
  getValue: (key) => values.get(key),
  setValue: (key, value) => ownContext(new Map(values).set(key, value)),
  deleteValue: (key) => ownContext(new Map([...values].filter(([k]) => k !== key))),
});

/**
 * The span of one call (a method, an api call, or the token request), and what the road records
 * in it. `exchange` counts attempts and retries; whoever runs the call sets `answer` and
 * `failure`; {@link CallTrace.run} ends the span. Holds no secret: the span gets only the
 * attributes and events below.
 */
export interface CallTrace {
  /** The tracer the span came from: the token request's span comes from the same one. */
  tracer: TianmanTracer;
  /** The context with this span in it: the parent of the token request's span. */
  context: TianmanTraceContext;
  /** Requests handed to the transport. */
  attempts: number;
  /** Some attempt was answered, or was written before it failed: the server may have it. */
  delivered: boolean;
  /** The HTTP status of the last attempt's answer, if it had one. */
  status?: number | undefined;
  /** The final answer, when there was one: classified (so scrubbed when it failed) before the end. */
  answer?: Answer | undefined;
  /** Why the call failed: `classify`'s error for an answer, or what was thrown. */
  failure?: unknown;
  /** Another attempt follows attempt `attempt`, for `reason`, after `delayMs`. */
  retry(attempt: number, reason: string, delayMs: number): void;
  /** This call waits for the token request another call started. */
  wait(): void;
  /** Runs `fn` with this span active, then ends the span with what `fn` recorded or threw. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Starts the span `tianman <operationId>` (kind `CLIENT`), following OpenTelemetry's HTTP client
 * conventions where they fit and `tianman.*` otherwise. Its parent is `parent` (the token
 * request's is its call's context), else the active context of the global context manager.
 * `undefined` when the tracer throws.
 */
export function startTrace(
  tracer: TianmanTracer,
  cfg: Config,
  { id, method, path }: Pick<Operation, 'id' | 'method' | 'path'>,
  parent?: TianmanTraceContext,
): CallTrace | undefined {
  const manager = otelGlobal()?.context;
  const base = parent ?? manager?.active();
  // The base URL has no user info (the options refuse it) and requests have no query: the URL
  // carries no secret.
  const url = new URL(cfg.baseUrl + path);
  let span: TianmanSpan;
  try {
    span = tracer.startSpan(
      `tianman ${id}`,
      {
        kind: 2,
        attributes: {
          'tianman.operation.id': id,
          'tianman.auth': cfg.auth,
          'http.request.method': method,
          'url.full': cfg.baseUrl + path,
          'server.address': url.hostname,
          'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        },
      },
      base,
    );
  } catch {
    return undefined;
  }
  const context = base ? base.setValue(SPAN_KEY, span) : ownContext(new Map([[SPAN_KEY, span]]));
  // Telemetry never breaks a payment call: a span that throws is ignored.
  const record = (method: keyof TianmanSpan, ...args: unknown[]): void => {
    try {
      (span[method] as (...a: unknown[]) => void)(...args);
    } catch {}
  };

  const trace: CallTrace = {
    tracer,
    context,
    attempts: 0,
    delivered: false,
    retry: (attempt, reason, delayMs) =>
      record('addEvent', 'tianman.retry', {
        'tianman.attempt': attempt,
        'tianman.retry.reason': reason,
        'tianman.retry.delay_ms': delayMs,
      }),
    wait: () => record('addEvent', 'tianman.token.wait'),
    run(fn) {
      const run = async () => {
        try {
          return await fn();
        } catch (error) {
          trace.failure = error;
          throw error;
        } finally {
          const { answer, failure, status } = trace;
          const attributes: Record<string, TianmanAttributeValue> = {
            'tianman.attempts': trace.attempts,
            'tianman.maybe_delivered': trace.delivered,
          };
          if (status) attributes['http.response.status_code'] = status;
          // The final answer's codes, never an error's alone: a token request's error says
          // nothing of this request. A failed answer's body is scrubbed of secrets (in place)
          // when classified.
          for (const key of ['resp', 'err']) {
            const code = field(answer?.data, `${key}Code`);
            if (code !== undefined) attributes[`tianman.${key}_code`] = code;
          }
          if (failure !== undefined) {
            const { code, name, message } = Object(failure);
            // A DOMException's `code` is a legacy number: its name is its type.
            attributes['error.type'] = typeof code === 'string' ? code : String(name ?? '_OTHER');
            record('setStatus', { code: 2, message: String(message ?? failure) });
          }
          record('setAttributes', attributes);
          record('end');
        }
      };
      return manager ? manager.with(context, run) : run();
    },
  };
  return trace;
}
