import { createHash } from 'node:crypto';
import { DEFAULT_MAX_NONCES } from './constants.js';

/** What {@link NonceCache.remember} decided. */
export type NonceVerdict =
  /** Not seen within its window: now remembered, the request may pass. */
  | 'new'
  /** Seen before and its window has not ended: a replay. */
  | 'replay'
  /** The cache holds its maximum of nonces, all inside their windows: the request must wait. */
  | 'full';

/**
 * Remembers the nonces of accepted requests so a replayed request is refused.
 *
 * A nonce has to be remembered for as long as its timestamp would still pass the skew check,
 * i.e. until `timestamp + tolerance`; after that the timestamp check refuses a replay on its own,
 * so the entry can go. That bounds the cache by the request rate times the window, and
 * `maxEntries` bounds it outright: when it is full of nonces still inside their windows, a new
 * nonce is refused ('full') rather than an old one forgotten, because a nonce forgotten early is
 * a replay that passes. Each entry is a 44-character digest and a number, whatever the nonce.
 */
export class NonceCache {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;
  #nextSweep = 0;
  /** No entry ends before this (a lower bound: the earliest may since have been swept). */
  #earliestExpiry = Number.POSITIVE_INFINITY;

  /** @param maxEntries the most nonces held at once (see `DEFAULT_MAX_NONCES`). */
  constructor(maxEntries: number = DEFAULT_MAX_NONCES) {
    this.#maxEntries = maxEntries;
  }

  /**
   * Records `nonce` for `appId` until `expiresAt` (ms since the epoch), unless the pair is
   * already recorded and not yet expired (a replay) or the cache is full.
   */
  remember(appId: string, nonce: string, expiresAt: number, now: number): NonceVerdict {
    this.#sweep(now);
    const key = digest(appId, nonce);
    const until = this.#seen.get(key);
    if (until !== undefined && until >= now) return 'replay';
    if (until === undefined && this.#seen.size >= this.#maxEntries) {
      // Something may have ended since the last sweep: look before refusing. While nothing
      // can have ended, refusing costs nothing.
      if (now > this.#earliestExpiry) this.#sweep(now, true);
      if (this.#seen.size >= this.#maxEntries) return 'full';
    }
    this.#seen.set(key, expiresAt);
    this.#earliestExpiry = Math.min(this.#earliestExpiry, expiresAt);
    return 'new';
  }

  /** Milliseconds from `now` until the earliest window ends, when a full cache takes a nonce. */
  retryAfterMs(now: number): number {
    return Math.max(0, this.#earliestExpiry - now + 1);
  }

  /** The most nonces held at once. */
  get maxEntries(): number {
    return this.#maxEntries;
  }

  /** How many nonces are held (for tests). */
  get size(): number {
    return this.#seen.size;
  }

  /** The keys held (for tests). */
  keys(): IterableIterator<string> {
    return this.#seen.keys();
  }

  #sweep(now: number, force = false): void {
    // Sweeping on every call would make each request O(n); once a second is plenty, and a full
    // cache sweeps early only when an entry may have ended.
    if (!force && now < this.#nextSweep) return;
    this.#nextSweep = now + 1000;
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, until] of this.#seen) {
      if (until < now) this.#seen.delete(key);
      else earliest = Math.min(earliest, until);
    }
    this.#earliestExpiry = earliest;
  }
}

/**
 * The key of an (appId, nonce) pair: a SHA-256 digest, so an entry's size does not depend on
 * what the caller sent, and it holds no reference to the header the nonce was cut from (V8 keeps
 * a whole string alive behind a slice of it). The appId is visible ASCII, so the NUL between the
 * two cannot be forged from either side.
 */
function digest(appId: string, nonce: string): string {
  return createHash('sha256').update(`${appId}\u0000${nonce}`).digest('base64');
}
