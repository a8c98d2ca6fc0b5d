import { randomBytes } from 'node:crypto';

/** A token the mock issued. */
export interface IssuedToken {
  accessToken: string;
  /** Seconds, as the platform answers. */
  expiresIn: number;
}

/** Why a token was refused. */
export type TokenProblem = 'unknown' | 'expired' | 'revoked';

/**
 * Revoked tokens remembered so a late caller hears "revoked" rather than "unknown". Bounded:
 * a client that fetches a token per call revokes one per call, for an hour each. One forgotten
 * early only changes the wording of its refusal.
 */
const MAX_REVOKED_REMEMBERED = 1000;

interface Entry {
  appId: string;
  expiresAt: number;
}

/**
 * The access tokens issued by `POST /v1/token/access`, with the platform's limits: a fixed
 * lifetime and at most `maxLive` live tokens per appId (the oldest is revoked when another is
 * issued). The cap is what makes a client that fetches a token per call fail here, on the
 * developer's machine, rather than in production.
 */
export class TokenStore {
  readonly #tokens = new Map<string, Entry>();
  /** Tokens dropped by the cap, kept a while so the answer can say why. */
  readonly #revoked = new Map<string, number>();
  readonly #ttlSeconds: number;
  readonly #maxLive: number;

  constructor(ttlSeconds: number, maxLive: number) {
    this.#ttlSeconds = ttlSeconds;
    this.#maxLive = maxLive;
  }

  /** Issues a fresh random token for `appId`. */
  issue(appId: string, now: number): IssuedToken {
    this.#prune(now);
    const live = [...this.#tokens].filter(([, e]) => e.appId === appId && e.expiresAt > now);
    // Map iteration is insertion order, so the first live tokens are the oldest.
    for (const [token] of live.slice(0, Math.max(0, live.length - this.#maxLive + 1))) {
      this.#tokens.delete(token);
      this.#revoked.set(token, now + this.#ttlSeconds * 1000);
    }
    // Map iteration is insertion order: the first revoked is the oldest.
    for (const [token] of this.#revoked) {
      if (this.#revoked.size <= MAX_REVOKED_REMEMBERED) break;
      this.#revoked.delete(token);
    }
    const accessToken = randomBytes(16).toString('hex');
    this.#tokens.set(accessToken, { appId, expiresAt: now + this.#ttlSeconds * 1000 });
    return { accessToken, expiresIn: this.#ttlSeconds };
  }

  /** The appId a live token belongs to, or why it is not live. */
  check(
    accessToken: string,
    now: number,
  ): { ok: true; appId: string } | { ok: false; problem: TokenProblem; expiredAt?: number } {
    const entry = this.#tokens.get(accessToken);
    if (entry === undefined) {
      return { ok: false, problem: this.#revoked.has(accessToken) ? 'revoked' : 'unknown' };
    }
    if (entry.expiresAt <= now)
      return { ok: false, problem: 'expired', expiredAt: entry.expiresAt };
    return { ok: true, appId: entry.appId };
  }

  /** How many tokens are held, expired ones included until pruned (for tests). */
  get size(): number {
    return this.#tokens.size;
  }

  #prune(now: number): void {
    // Expired tokens stay one more lifetime so a late caller hears "expired", not "unknown".
    const horizon = now - this.#ttlSeconds * 1000;
    for (const [token, e] of this.#tokens) if (e.expiresAt < horizon) this.#tokens.delete(token);
    for (const [token, until] of this.#revoked) if (until < now) this.#revoked.delete(token);
  }
}
