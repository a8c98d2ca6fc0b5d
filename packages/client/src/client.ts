import { sign, signTokenRequest } from '@tianman/signer';
import createClient, { type Client } from 'openapi-fetch';
import {
  ApiError,
  AuthError,
  NetworkError,
  PREFIX,
  type RequestSummary,
  redactHeaders,
  type TianmanError,
  type TianmanErrorDetails,
  TimeoutError,
  ValidationError,
} from './errors.js';
import type { components, paths } from './generated/openapi.js';
import {
  getAccessTokenRoute,
  syncPayScoreOrderRequestSchema,
  syncPayScoreOrderRoute,
} from './generated/schemas.js';
import { resolveOptions, type StoredToken, type TianmanClientOptions } from './options.js';
import { checkPaidTime } from './paid-time.js';
import { retryAfterMs, retryDelay, retryReason } from './retry.js';
import { type ValidationIssue, validateSchema } from './validate.js';

type SyncRequest = components['schemas']['SyncPayScoreOrderRequest'];

/**
 * The body of {@link TianmanClient.syncPayScoreOrder}: the contract's `SyncPayScoreOrderRequest`
 * with `detail` required. The contract requires `detail` when `type` is `Order_Paid` (an
 * `if`/`then` the generated type cannot express), and `Order_Paid` is the only `type`.
 */
export type SyncPayScoreOrderBody = Omit<SyncRequest, 'detail'> & {
  /** 内容信息详情 — required, since `type` is `Order_Paid`. */
  detail: NonNullable<SyncRequest['detail']>;
};

/** Per-call options. */
export interface CallOptions {
  /**
   * Cancels the call, retries and waits included. The call then rejects with the signal's
   * `reason` (a `DOMException` named `AbortError` unless you gave another), as `fetch` does.
   */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for each attempt of this call. */
  timeoutMs?: number;
}

/** A successful sync: `respCode` is one of the client's `successCodes`. */
export interface SyncPayScoreOrderResult {
  /** The endpoint's result code, one of `successCodes`. */
  respCode: string;
  /** The platform's description, when it sent one. */
  respDesc: string | undefined;
  /** HTTP status (2xx). */
  status: number;
  /** HTTP requests it took: 1 unless retried or re-sent after a token refresh. */
  attempts: number;
}

/** A client made by {@link createTianmanClient}. Its appKey lives in a closure, out of sight. */
export interface TianmanClient {
  /**
   * 订单信息同步: tells WeChat Pay Score that the order was paid through another channel. The
   * body is validated against the contract (nothing is sent when it fails), serialized once, and
   * signed afresh for every attempt.
   *
   * Rejects with {@link ValidationError}, {@link AuthError}, {@link ApiError},
   * {@link NetworkError} or {@link TimeoutError}, or with the signal's reason when `signal` aborts.
   */
  syncPayScoreOrder(
    body: SyncPayScoreOrderBody,
    options?: CallOptions,
  ): Promise<SyncPayScoreOrderResult>;
  /**
   * openapi-fetch over the contract's paths, with the client's authentication as a middleware,
   * for `{ data, error, response }` results. No validation, retries or timeouts: plain
   * openapi-fetch.
   */
  readonly api: Client<paths, 'application/json'>;
  /** The appId. */
  readonly appId: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The authentication scheme. */
  readonly auth: 'signature' | 'token';
}

type Json = Record<string, unknown>;

const JSON_TYPE = 'application/json';
const TOKEN_SCHEME = 'OPEN-ACCESS-TOKEN AccessToken=';
const TOKEN_PATH = getAccessTokenRoute.path;
const SYNC_PATH = syncPayScoreOrderRoute.path;
const PAID_TIME = '/detail/paidTime';
const CODES = ['respCode', 'respDesc', 'errCode', 'errInfo', 'errMsg'] as const;

/** Serializes once and validates the JSON value that will be sent: what the server will see. */
function serialize(body: unknown): [string, unknown, ValidationIssue[]] {
  let text: string | undefined;
  let why = 'must be an object';
  try {
    text = JSON.stringify(body);
  } catch (error) {
    why = `is not JSON: ${(error as Error).message}`;
  }
  if (text === undefined)
    return ['', undefined, [{ path: '', rule: 'type', message: `body ${why}` }]];
  const value: unknown = JSON.parse(text);
  return [text, value, validateSchema(syncPayScoreOrderRequestSchema, value)];
}

/**
 * The contract's verdict on a `syncPayScoreOrder` body, as a JSON Schema validator (Ajv, Prism's)
 * gives it: every violation, `[]` when valid. The body is taken as `JSON.stringify` sends it.
 * The client's extra `paidTime` checks are not part of it.
 *
 * @param body - The body to check.
 */
export function validateSyncPayScoreOrderBody(body: unknown): ValidationIssue[] {
  return serialize(body)[2];
}

/** A code or text field of a parsed body (numbers too: some gateways send numeric codes). */
function field(data: unknown, key: string): string | undefined {
  const v = (data as Json | null)?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Replaces every secret in the strings of a parsed body (or an excerpt) with `[REDACTED]`. */
function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') {
    // Only long secrets: a short one would blank out ordinary text. Real ones are long.
    for (const s of secrets)
      if (s.length > 7) value = (value as string).split(s).join('[REDACTED]');
  } else if (value && typeof value === 'object') {
    for (const key in value) (value as Json)[key] = scrub((value as Json)[key], secrets);
  }
  return value;
}

const plural = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;

/** One attempt's request: the exact bytes, the headers (secret until redacted), the secret used. */
interface Attempt {
  body: string;
  headers: Record<string, string>;
  secrets: string[];
}

/** A response the retry policy let through, read. */
interface Answer {
  status: number;
  data: unknown;
  attempts: number;
  /** The error for this answer (secrets scrubbed), `note` appended to its message. */
  fail: (kind?: typeof ApiError | typeof AuthError, note?: string) => TianmanError;
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  return signal
    ? new Promise<T>((resolve, reject) => {
        const abort = (): void => reject(signal.reason);
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort);
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      })
    : promise;
}

/** Waits `ms`; a caller's abort ends the wait at once (and clears the timer). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort);
    if (signal?.aborted) abort();
  });
}

/**
 * Creates a client. Options are checked once: unknown keys, a missing environment and
 * contradictions throw a `TypeError` naming the option and the fix.
 *
 * @example
 * ```ts
 * const client = createTianmanClient({ appId, appKey, environment: 'test' });
 * const { respCode } = await client.syncPayScoreOrder({
 *   fenOrderId, mid, serviceId, type: 'Order_Paid',
 *   detail: { paidTime: formatPaidTime(paidAt) },
 * });
 * ```
 */
export function createTianmanClient(options: TianmanClientOptions): TianmanClient {
  const cfg = resolveOptions(options);
  const { appId, appKey, baseUrl, auth, now, logger, createNonce, tokenStore: store, retry } = cfg;
  // Looked up at each request when not injected, so a fetch installed later (a test's mock
  // agent) is honoured. Never patched.
  const fetchFn: typeof fetch = (input, init) => (cfg.fetch ?? fetch)(input, init);

  const log = (level: 'debug' | 'warn', message: string, details: Json): void => {
    try {
      logger?.[level]?.(PREFIX + message, details);
    } catch {
      // A broken logger must not break a payment call.
    }
  };

  // ---- token mode: one cached token, one refresh shared by all concurrent callers -----------
  const tokenKey = `tianman:${baseUrl}:${appId}`;
  let memo: StoredToken | undefined;
  let inflight: Promise<StoredToken> | undefined;

  async function loadToken(): Promise<StoredToken> {
    const stored = await store?.get(tokenKey);
    if (stored && now() < stored.expiresAt) return stored;
    const { data, fail } = await exchange(
      TOKEN_PATH,
      async () => ({
        body: JSON.stringify(
          await signTokenRequest({ appId, appKey, now: now(), nonce: createNonce?.() }),
        ),
        headers: { 'content-type': JSON_TYPE },
        secrets: [],
      }),
      {},
    );
    const accessToken = field(data, 'accessToken');
    if (field(data, 'errCode') !== '0000' || !accessToken)
      throw fail(AuthError, ': no access token');
    // Tokens live about an hour: stop using one a little before it expires.
    const lifetime = (Number(field(data, 'expiresIn')) || 3600) * 1000;
    const token = { accessToken, expiresAt: now() + lifetime - Math.min(60_000, lifetime / 10) };
    await store?.set(tokenKey, token);
    return token;
  }

  /** The current token: cached, or from the one refresh all concurrent callers share. */
  async function currentToken(signal?: AbortSignal): Promise<string> {
    if (!memo || now() >= memo.expiresAt) {
      inflight ??= loadToken()
        .then((token) => (memo = token))
        .finally(() => {
          inflight = undefined;
        });
      return (await abortable(inflight, signal)).accessToken;
    }
    return memo.accessToken;
  }

  /** Forgets a refused token, unless another caller has replaced it already. */
  async function dropToken(token: string | undefined): Promise<void> {
    if (memo?.accessToken === token) memo = undefined;
    if ((await store?.get(tokenKey))?.accessToken === token) await store?.delete(tokenKey);
  }

  /** `[Authorization, its secret]`: a fresh signature (new timestamp and nonce), or the token. */
  async function authorize(
    body: string | Uint8Array,
    signal?: AbortSignal,
  ): Promise<[string, string]> {
    if (auth === 'token') {
      const token = await currentToken(signal);
      return [TOKEN_SCHEME + token, token];
    }
    const signed = await sign({ appId, appKey, body, now: now(), nonce: createNonce?.() });
    return [signed.authorization, signed.signature];
  }

  // ---- one call: attempts, timeouts, retries ------------------------------------------------
  async function exchange(
    path: string,
    prepare: () => Promise<Attempt>,
    { signal, timeoutMs = cfg.timeoutMs }: CallOptions,
    refresh?: (attempt: Attempt) => Promise<void>,
  ): Promise<Answer> {
    const url = baseUrl + path;
    for (let attempts = 1, retries = 0; ; attempts++) {
      signal?.throwIfAborted();
      const attempt = await abortable(prepare(), signal);
      // Built only when needed: an error or a logger. The hot path allocates as little as it can.
      const request = (): RequestSummary => ({
        method: 'POST',
        url,
        headers: redactHeaders(attempt.headers),
      });
      if (logger) log('debug', `POST ${url}`, { attempt: attempts, request: request() });
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = (): void => controller.abort();
      signal?.addEventListener('abort', onAbort);
      let response: Response | undefined;
      let text = '';
      let cause: unknown;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: attempt.headers,
          body: attempt.body,
          signal: controller.signal,
        });
        text = await response.text();
      } catch (error) {
        cause = error;
        response = undefined;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      // A caller's abort ends the call at once, as with fetch: no retry, the signal's reason.
      signal?.throwIfAborted();

      let error: TianmanError;
      let reason: string | undefined;
      let delay: number | undefined;
      if (!response) {
        const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
        const why = inner?.code ?? inner?.message;
        reason = timedOut
          ? `timed out after ${timeoutMs} ms`
          : `network error${why ? ` ${why}` : ''}`;
        error = new (timedOut ? TimeoutError : NetworkError)(
          `POST ${url}: ${reason} (${plural(attempts)})`,
          { code: timedOut ? 'ERR_TIMEOUT' : 'ERR_NETWORK', attempts, request: request(), cause },
        );
      } else {
        const { status, headers } = response;
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {}
        const code = field(data, 'respCode') ?? field(data, 'errCode');
        const fail: Answer['fail'] = (kind = ApiError, note = '') => {
          const body = scrub(data ?? text.replace(/\s+/g, ' ').trim().slice(0, 200), [
            appKey,
            ...attempt.secrets,
          ]);
          const details: TianmanErrorDetails = {
            code: code ?? `HTTP_${status}`,
            status,
            attempts,
            request: request(),
            response,
            body,
          };
          for (const key of CODES) details[key] = field(body, key);
          const desc = details.respDesc ?? details.errInfo ?? details.errMsg;
          const what =
            code === undefined
              ? data === undefined
                ? `non-JSON ${JSON.stringify(body)}`
                : 'no respCode or errCode'
              : code + (desc ? ` ${desc}` : '');
          return new kind(
            `POST ${url}: ${what} (HTTP ${status}, ${plural(attempts)})${note}`,
            details,
          );
        };
        if (logger) log('debug', `HTTP ${status}`, { attempt: attempts, status, code });
        const errCode = field(data, 'errCode');
        if (errCode === '1000' || errCode === '1001') {
          // Credentials, permission or clock are wrong: retrying cannot help. A cached token may
          // have been revoked or expired early, though: token mode refreshes it, sends again.
          if (refresh) {
            log('warn', `token refused (${errCode}): refreshing it, sending again`, {
              attempt: attempts,
            });
            await refresh(attempt);
            refresh = undefined;
            continue;
          }
          throw fail(
            AuthError,
            errCode === '1000'
              ? ': check appId, appKey and the clock'
              : ': no permission for this API',
          );
        }
        reason = retryReason(status, code);
        if (!reason) return { status, data, attempts, fail };
        error = fail();
        delay = retryAfterMs(headers.get('retry-after'), now());
      }
      if (retries++ >= retry.limit) throw error;
      delay = retryDelay(retry, retries, delay);
      log('warn', `retrying in ${delay} ms: ${reason}`, {
        attempt: attempts,
        reason,
        delayMs: delay,
      });
      await sleep(delay, signal);
    }
  }

  async function syncPayScoreOrder(
    body: SyncPayScoreOrderBody,
    call: CallOptions = {},
  ): Promise<SyncPayScoreOrderResult> {
    const [text, value, issues] = serialize(body);
    const paidTime = (value as { detail?: Json } | undefined)?.detail?.paidTime;
    if (typeof paidTime === 'string' && !issues.some((i) => i.path.startsWith('/detail'))) {
      checkPaidTime(paidTime, now(), (reject, rule, what) => {
        const message = `${PAID_TIME} ${what}`;
        if (reject) issues.push({ path: PAID_TIME, rule, message });
        else log('warn', `${message} [${rule}]`, { path: PAID_TIME, rule });
      });
    }
    if (issues[0]) {
      throw new ValidationError(
        `invalid body, nothing sent: ${issues.map((i) => `${i.message} [${i.rule}]`).join('; ')}`,
        {
          code: 'ERR_VALIDATION',
          issues,
          request: {
            method: 'POST',
            url: baseUrl + SYNC_PATH,
            headers: { 'content-type': JSON_TYPE },
          },
        },
      );
    }
    const { status, data, attempts, fail } = await exchange(
      SYNC_PATH,
      async () => {
        const [authorization, secret] = await authorize(text, call.signal);
        return {
          body: text,
          headers: { 'content-type': JSON_TYPE, authorization },
          secrets: [secret],
        };
      },
      call,
      auth === 'token' ? (attempt) => dropToken(attempt.secrets[0]) : undefined,
    );
    const respCode = field(data, 'respCode') as string;
    if (status < 300 && cfg.successCodes.includes(respCode)) {
      return { respCode, respDesc: field(data, 'respDesc'), status, attempts };
    }
    throw fail();
  }

  // ---- client.api: openapi-fetch, with the same authentication as a middleware ---------------
  const api = createClient<paths, 'application/json'>({
    baseUrl,
    fetch: (request) => fetchFn(request),
  });
  api.use({
    async onRequest({ request, schemaPath }) {
      if (schemaPath === TOKEN_PATH) return undefined;
      const body = new Uint8Array(await request.clone().arrayBuffer());
      request.headers.set('authorization', (await authorize(body))[0]);
      return request;
    },
    async onResponse({ request, response }) {
      // A refused token is forgotten, so the next request fetches a fresh one.
      if (auth === 'token' && response.status === 412) {
        const code = field(
          await response
            .clone()
            .json()
            .catch(() => null),
          'errCode',
        );
        if (code === '1000' || code === '1001') {
          await dropToken(request.headers.get('authorization')?.slice(TOKEN_SCHEME.length));
        }
      }
      return undefined;
    },
  });

  // The appKey and the token stay in this closure: util.inspect(client) and
  // JSON.stringify(client) see only these.
  return Object.freeze({ syncPayScoreOrder, api, appId, baseUrl, auth });
}
