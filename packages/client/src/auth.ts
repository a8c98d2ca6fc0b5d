import { ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_SCHEME, createSigner } from '@tianman/signer';
import { type CallTrace, startTrace } from './call-trace.js';
import { classify } from './classify.js';
import type { Config } from './config.js';
import { type Attempt, exchange } from './exchange.js';
import { tokenOperation } from './generated/operations.js';
import { codeOf } from './response.js';
import { retryReason } from './retry.js';
import { createTokenAnswerReader } from './token-answer.js';
import { createTokenCache } from './token-cache.js';
import type { StoredToken } from './token-store.js';
import { tokenStoreKey } from './token-store-key.js';

/** The `Authorization` prefix of token mode. */
const TOKEN_SCHEME = `${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}`;

/** How the client authenticates its requests, whichever the mode. */
export interface Auth {
  /**
   * `[Authorization, the secret in it]`: a fresh OPEN-BODY-SIG over `body` (new timestamp and
   * nonce), or the cached access token. `signal` (the attempt's timeout and the caller's abort)
   * ends the wait for a token; `timeoutMs` is the attempt's, which that wait is part of. A token
   * request the call starts is traced as a child of `trace`, when the call is traced.
   */
  authorize(
    body: string,
    signal: AbortSignal,
    timeoutMs: number,
    trace?: CallTrace,
  ): Promise<[string, string]>;
  /** In token mode, forgets a token the platform refused; `undefined` in signature mode. */
  drop: ((token: string | undefined) => Promise<void>) | undefined;
}

/** The client's {@link Auth}, by `cfg.auth`. */
export function createAuth(cfg: Config): Auth {
  const { appId, appKey, createNonce } = cfg;
  // The credentials are checked once here; each attempt's clock reading and nonce (a caller's
  // `now` and `createNonce` may return anything) are checked as they are signed.
  const signer = createSigner({ appId, appKey });
  if (cfg.auth === 'signature') {
    return {
      async authorize(body) {
        const signed = await signer.sign(body, cfg.clock(), createNonce?.());
        return [signed.authorization, signed.signature];
      },
      drop: undefined,
    };
  }
  // The token request is an attempt like any other (timeouts, retries, clock fix), through the
  // same pipeline; its own signature is its secret.
  // Shared by every caller waiting for it: so not cancelled by one caller's signal, and timed by
  // the client's settings, not one call's.
  const readAnswer = createTokenAnswerReader(cfg.now, cfg.log);
  // The token request of a traced call is a span of its own, a child of that call's.
  const { operationId: id, method, path } = tokenOperation;
  const load = (caller?: CallTrace): Promise<StoredToken> => {
    const trace = caller && startTrace(caller.tracer, cfg, { id, method, path }, caller.context);
    return trace ? trace.run(() => requestToken(trace)) : requestToken();
  };
  const requestToken = async (trace?: CallTrace): Promise<StoredToken> => {
    const prepare = async (): Promise<Attempt> => {
      // Signed with a SHA-256 over appId, timestamp, nonce and appKey: the appKey is not sent.
      const request = await signer.signTokenRequest(cfg.clock(), createNonce?.());
      return {
        body: JSON.stringify(request),
        headers: { 'content-type': 'application/json' },
        secret: request.signature,
      };
    };
    const answer = await exchange(cfg, {
      method,
      url: cfg.baseUrl + path,
      prepare,
      call: { signal: undefined, timeoutMs: cfg.timeoutMs, retry: cfg.retry },
      idempotent: (tokenOperation as { idempotent?: boolean }).idempotent === true,
      trace,
    });
    if (trace) trace.answer = answer;
    // An auth refusal, a redirect or a transient failure the retries did not outlast fails the
    // call as it would any other; any other answer without a usable token is this call's
    // failure to authenticate (and the token backoff remembers it).
    const failure = classify(answer, cfg.successCodes);
    if (
      failure &&
      (failure.name === 'AuthError' ||
        failure.code === 'ERR_REDIRECT' ||
        retryReason(answer.status, codeOf(answer.data)))
    ) {
      throw failure;
    }
    const token = readAnswer(answer, failure === undefined);
    const seconds = Math.round((token.expiresAt - cfg.now()) / 1000);
    cfg.log('info', `access token obtained, used for ${seconds} s`, { usedForSeconds: seconds });
    return token;
  };
  const tokens = createTokenCache(
    tokenStoreKey(cfg.baseUrl, appId),
    cfg.tokenStore,
    cfg.now,
    load,
    cfg.log,
    cfg.timeoutMs,
  );
  return {
    async authorize(_body, signal, timeoutMs, trace) {
      const token = await tokens.get(signal, timeoutMs, trace);
      return [TOKEN_SCHEME + token, token];
    },
    drop: (token) => tokens.drop(token),
  };
}
