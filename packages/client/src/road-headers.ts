import { delegateMembers } from './delegate-members.js';

/**
 * The `Headers` of a {@link RoadResponse}: reads (`get`, `has`) come straight from the answer's
 * headers (lower-case names, as the transports give them); anything else (`forEach`, iteration,
 * `set`…) from a real `Headers` made on first use, which then holds the truth.
 */
export class RoadHeaders {
  readonly #record: Readonly<Record<string, string>>;
  #real: Headers | undefined;

  constructor(record: Readonly<Record<string, string>>) {
    this.#record = record;
  }

  get(name: string): string | null {
    if (this.#real) return this.#real.get(name);
    return Object.hasOwn(this.#record, name.toLowerCase())
      ? (this.#record[name.toLowerCase()] as string)
      : null;
  }

  has(name: string): boolean {
    return this.#real ? this.#real.has(name) : Object.hasOwn(this.#record, name.toLowerCase());
  }

  /** A real `Headers` with the same entries, made once. */
  real(): Headers {
    this.#real ??= new Headers(this.#record as Record<string, string>);
    return this.#real;
  }
}

let delegated = false;

/**
 * Makes {@link RoadHeaders} pass for a `Headers` (see `delegateMembers`). Done on first use, not at
 * import: touching the global `Headers` loads undici on Node, tens of milliseconds a process
 * that never makes the api need not pay.
 */
export function delegateRoadHeaders(): void {
  if (delegated) return;
  delegated = true;
  delegateMembers(RoadHeaders.prototype, Headers.prototype, (self) => (self as RoadHeaders).real());
}
