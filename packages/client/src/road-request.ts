import { delegateMembers } from './delegate-members.js';

/**
 * The `Request` openapi-fetch builds for the api (`createTianmanApi`, its `Request` option). Constructing a
 * real `Request` and reading its body back costs more than the rest of a call; this one keeps
 * what openapi-fetch gives it (URL, method, the `Headers` it merged, the serialized body) and
 * reads them back directly. It is a `Request` to `instanceof`, so a middleware may return it, and
 * any other member (`clone()`, `body`, `mode`…) comes from a real `Request` made on first use.
 * Its members are accessors, never instance fields, so none shadows or trips over a delegated one.
 */
export class RoadRequest {
  readonly #url: string;
  readonly #init: RequestInit;
  readonly #headers: Headers;
  #real: Request | undefined;

  /**
   * openapi-fetch checks what a middleware returns with `instanceof` against its `Request`
   * option, this class: a real `Request` a middleware made must pass too.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  /** Whether `value` is one of these, not a real `Request`. */
  static is(value: unknown): value is RoadRequest {
    return typeof value === 'object' && value !== null && #url in value;
  }

  constructor(url: string, init: RequestInit = {}) {
    this.#url = url;
    this.#init = init;
    this.#headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  }

  get url(): string {
    return this.#url;
  }

  get method(): string {
    return this.#init.method ?? 'GET';
  }

  get headers(): Headers {
    return this.#headers;
  }

  /** The caller's signal; `undefined` when the request was made without one. */
  get callerSignal(): AbortSignal | undefined {
    return this.#init.signal ?? undefined;
  }

  /** The body openapi-fetch serialized, as is; a body of another kind is read from a real one. */
  text(): Promise<string> {
    const { body } = this.#init;
    if (typeof body === 'string') return Promise.resolve(body);
    return body == null ? Promise.resolve('') : this.real().text();
  }

  /** A real `Request` with the same URL, method, headers, body and signal, made once. */
  real(): Request {
    this.#real ??= new Request(this.#url, { ...this.#init, headers: this.#headers });
    return this.#real;
  }
}

let delegated = false;

/**
 * Makes {@link RoadRequest} pass for a `Request` (see `delegateMembers`). Done on first use, not at
 * import: touching the global `Request` loads undici on Node, tens of milliseconds a process
 * that never makes the api need not pay.
 */
export function delegateRoadRequest(): void {
  if (delegated) return;
  delegated = true;
  delegateMembers(RoadRequest.prototype, Request.prototype, (self) => (self as RoadRequest).real());
}
