import { delegateMembers } from './delegate-members.js';
import type { RoadAnswer } from './road.js';
import { RoadHeaders } from './road-headers.js';

// Statuses whose Response may not have a body.
const NULL_BODY = [101, 103, 204, 205, 304];

/**
 * The `Response` the road hands openapi-fetch for the api (`createTianmanApi`): the final answer the pipeline
 * already read and parsed. `text()` and `json()` give those back without reading a stream or
 * parsing again (a body is readable once, as with a real one), and `headers` reads the
 * answer's own ({@link RoadHeaders}). It is a `Response` to `instanceof`, and any other member
 * (`body`, `clone()`, `blob()`…) comes from a real `Response` made on first use. Its members are
 * accessors, never instance fields, so none shadows or trips over a delegated one.
 */
export class RoadResponse {
  readonly #answer: RoadAnswer;
  #headers: Headers | undefined;
  #used = false;
  #real: Response | undefined;

  constructor(answer: RoadAnswer) {
    this.#answer = answer;
  }

  get status(): number {
    return this.#answer.status;
  }

  get ok(): boolean {
    return this.#answer.status > 199 && this.#answer.status < 300;
  }

  get statusText(): string {
    return '';
  }

  get url(): string {
    return this.#answer.url;
  }

  get redirected(): boolean {
    return false;
  }

  get headers(): Headers {
    this.#headers ??= new RoadHeaders(this.#answer.headers) as unknown as Headers;
    return this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  text(): Promise<string> {
    return this.#read(() => this.#body() ?? '');
  }

  json(): Promise<unknown> {
    return this.#read(() => this.#answer.data ?? JSON.parse(this.#body() ?? ''));
  }

  /** A real `Response` with the same status, headers and body, made once. */
  real(): Response {
    this.#real ??= new Response(this.#body(), { status: this.status, headers: this.headers });
    return this.#real;
  }

  #body(): string | null {
    return NULL_BODY.includes(this.#answer.status) ? null : this.#answer.text;
  }

  #read<T>(value: () => T): Promise<T> {
    if (this.#used) {
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    }
    this.#used = true;
    try {
      return Promise.resolve(value());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

let delegated = false;

/**
 * Makes {@link RoadResponse} pass for a `Response` (see `delegateMembers`). Done on first use, not at
 * import: touching the global `Response` loads undici on Node, tens of milliseconds a process
 * that never makes the api need not pay.
 */
export function delegateRoadResponse(): void {
  if (delegated) return;
  delegated = true;
  delegateMembers(RoadResponse.prototype, Response.prototype, (self) =>
    (self as RoadResponse).real(),
  );
}
