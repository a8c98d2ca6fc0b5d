/**
 * The shortest lifetime, in seconds, an `expiresIn` is taken to mean. Tokens live about an
 * hour; a shorter figure (0, negative, a fraction) is not one a client can act on: read
 * literally, every call would request a token, and each request revokes one of the appId's ten
 * or so. Past 60 s, a token the platform really ended earlier is refused on use, dropped and
 * refreshed once, so the cost of the floor is bounded; the rate it leaves is at most one token
 * request a minute per process.
 */
export const MIN_EXPIRES_IN_S = 60;

/**
 * The longest lifetime, in seconds, an `expiresIn` is taken to mean: a day, 24 times the hour
 * tokens live. Beyond it (1e20, Infinity) the figure is no lifetime, and it would overflow what
 * a store can keep (Redis refuses a `SET … PX` past 2^63 ms). A token revoked earlier is refused,
 * dropped and refreshed.
 */
export const MAX_EXPIRES_IN_S = 86_400;

/** The lifetime assumed when `expiresIn` is missing or no number: the documented hour. */
const DEFAULT_EXPIRES_IN_S = 3600;

/** A token's lifetime as the client uses it. */
export interface TokenLifetime {
  /** Whole milliseconds, within [{@link MIN_EXPIRES_IN_S}, {@link MAX_EXPIRES_IN_S}] s. */
  ms: number;
  /** True when `expiresIn` was a number outside that range. */
  clamped: boolean;
}

/**
 * The lifetime an `expiresIn` field means (seconds, as a number or a numeric string): within
 * [{@link MIN_EXPIRES_IN_S}, {@link MAX_EXPIRES_IN_S}] s, `clamped` when it had to be brought
 * there (±Infinity included); {@link DEFAULT_EXPIRES_IN_S} when it is missing, blank or no number.
 */
export function tokenLifetime(expiresIn: string | undefined): TokenLifetime {
  // `Number('')` and `Number(' ')` are 0: blank is no number, not an expired token.
  const seconds = expiresIn?.trim() ? Number(expiresIn) : Number.NaN;
  if (Number.isNaN(seconds)) return { ms: DEFAULT_EXPIRES_IN_S * 1000, clamped: false };
  // Whole milliseconds, compared after rounding: 59.9996 s is 60 s.
  const ms = Math.round(seconds * 1000);
  const kept = Math.min(Math.max(ms, MIN_EXPIRES_IN_S * 1000), MAX_EXPIRES_IN_S * 1000);
  return { ms: kept, clamped: kept !== ms };
}
