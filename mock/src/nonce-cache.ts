/**
 * Remembers the nonces of accepted requests so a replayed request is refused.
 *
 * A nonce has to be remembered for as long as its timestamp would still pass the skew check,
 * i.e. until `timestamp + tolerance`; after that the timestamp check refuses a replay on its own,
 * so the entry can go. That keeps the cache bounded by the request rate times the window.
 */
export class NonceCache {
  readonly #seen = new Map<string, number>();
  #nextSweep = 0;

  /**
   * Records `nonce` for `appId` until `expiresAt` (ms since the epoch). Returns `false` when the
   * pair is already recorded and not yet expired: a replay.
   */
  remember(appId: string, nonce: string, expiresAt: number, now: number): boolean {
    this.#sweep(now);
    // Keyed by appId too: two applications may well pick the same nonce.
    const key = `${appId}\u0000${nonce}`;
    const until = this.#seen.get(key);
    if (until !== undefined && until >= now) return false;
    this.#seen.set(key, expiresAt);
    return true;
  }

  /** How many nonces are held (for tests). */
  get size(): number {
    return this.#seen.size;
  }

  #sweep(now: number): void {
    // Sweeping on every call would make each request O(n); once a second is plenty.
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + 1000;
    for (const [key, until] of this.#seen) if (until < now) this.#seen.delete(key);
  }
}
