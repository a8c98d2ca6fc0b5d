import { sign, signTokenRequest } from '@tianman/signer';
import { type Attempt, exchange } from './attempts.js';
import { AuthError } from './errors.js';
import { getAccessTokenRoute } from './generated/schemas.js';
import type { Config } from './options.js';
import { answerError, field } from './response.js';
import { createTokenCache } from './token-cache.js';

/** The `Authorization` prefix of token mode. */
export const TOKEN_SCHEME = 'OPEN-ACCESS-TOKEN AccessToken=';

/** How the client authenticates its requests, whichever the mode. */
export interface Auth {
  /**
   * `[Authorization, the secret in it]`: a fresh OPEN-BODY-SIG over `body` (new timestamp and
   * nonce), or the cached access token.
   */
  authorize(body: string | Uint8Array, signal?: AbortSignal): Promise<[string, string]>;
  /** In token mode, forgets a token the platform refused; `undefined` in signature mode. */
  drop: ((token: string | undefined) => Promise<void>) | undefined;
}

/** The client's {@link Auth}, by `cfg.auth`. */
export function createAuth(cfg: Config): Auth {
  const { appId, appKey, now, createNonce } = cfg;
  if (cfg.auth === 'signature') {
    return {
      async authorize(body) {
        const signed = await sign({ appId, appKey, body, now: now(), nonce: createNonce?.() });
        return [signed.authorization, signed.signature];
      },
      drop: undefined,
    };
  }
  const tokens = createTokenCache(
    `tianman:${cfg.baseUrl}:${appId}`,
    cfg.tokenStore,
    now,
    async () => {
      // Signed with a SHA-256 over appId, timestamp, nonce and appKey: the appKey is not sent.
      const prepare = async (): Promise<Attempt> => ({
        body: JSON.stringify(
          await signTokenRequest({ appId, appKey, now: now(), nonce: createNonce?.() }),
        ),
        headers: { 'content-type': 'application/json' },
        secret: '',
      });
      const answer = await exchange(cfg, getAccessTokenRoute.path, prepare, {});
      const { data } = answer;
      const accessToken = field(data, 'accessToken');
      if (field(data, 'errCode') !== '0000' || !accessToken) {
        throw answerError(answer, AuthError, ': no access token');
      }
      // Stop using a token a little before it expires. Without a readable expiresIn, assume the
      // documented hour; an expiresIn of 0 (or less) means the token is not worth caching.
      const seconds = Number(field(data, 'expiresIn') ?? Number.NaN);
      const lifetime = (Number.isFinite(seconds) ? Math.max(0, seconds) : 3600) * 1000;
      return { accessToken, expiresAt: now() + lifetime - Math.min(60_000, lifetime / 10) };
    },
  );
  return {
    async authorize(_body, signal) {
      const token = await tokens.get(signal);
      return [TOKEN_SCHEME + token, token];
    },
    drop: tokens.drop,
  };
}
