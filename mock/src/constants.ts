/**
 * Every literal the mock shares with the platform or its users lives here, so a change on the
 * platform's side (or in the documented defaults) is a change to one file.
 */

/** The endpoint the gate implements itself instead of letting Prism answer with an example. */
export const TOKEN_PATH = '/v1/token/access';

/** Default port, the one `spec/openapi.yaml` lists for the local mock and the client's `environment: 'mock'` uses. */
export const DEFAULT_PORT = 4010;

/** Loopback by default: the mock accepts well-known sandbox credentials, so it must not face a network unless asked to. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Sandbox appId: the platform's own worked example (vector V2 in the platform notes), so a
 * signature computed by hand or with `tianman-sign` against the page's example can be sent
 * here unchanged (with a fresh timestamp).
 */
export const SANDBOX_APP_ID = '10037ca75e6125aa015e9e12a89b001b';

/** Sandbox appKey: the platform's worked-example key. Public on purpose; never a real key. */
export const SANDBOX_APP_KEY = '67890123456789012345678901234567';

/** Environment variables that override the sandbox credentials (CLI, demo and `startMock`). */
export const ENV_APP_ID = 'TIANMAN_MOCK_APP_ID';
/** See {@link ENV_APP_ID}. */
export const ENV_APP_KEY = 'TIANMAN_MOCK_APP_KEY';

/** The platform does not publish its skew window; the client and signer assume ±300 s too. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Tokens live about one hour on the platform. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** The platform lets an appId hold about ten live tokens; the oldest goes when an eleventh is issued. */
export const DEFAULT_MAX_LIVE_TOKENS = 10;

/**
 * Longest `Authorization` value the gate reads, in characters (Node gives header values as
 * latin1 strings, one character per byte). A real OPEN-BODY-SIG header is about 200 characters
 * and an OPEN-ACCESS-TOKEN one about 60; anything past this is refused before it is parsed, so
 * no parser ever sees kilobytes of attacker-chosen text. Node's own limit on all headers
 * together (16 KiB, `--max-http-header-size`) applies before the gate runs.
 */
export const MAX_AUTHORIZATION_LENGTH = 4096;

/**
 * The most nonces the replay check holds at once. Each is remembered for its timestamp's window
 * (±300 s by default), so this is about 330 accepted requests a second, sustained, before a new
 * one must wait; at about 120 bytes an entry (a digest and a number) that is about 12 MB.
 */
export const DEFAULT_MAX_NONCES = 100_000;

/** Larger bodies are refused before they are buffered: the endpoint's body is a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Proxy mode (`startMock({ proxy })`): the longest the upstream may stay silent before the mock
 * answers 504 itself. The platform answers in well under a second; its test environment can be
 * slow, and a client's own timeout (10 s by default) ends the call first anyway.
 */
export const PROXY_TIMEOUT_MS = 30_000;

/**
 * Proxy mode: the largest answer the mock relays (and decompresses to check). The platform's
 * answers are a few hundred bytes; past this the mock answers 502 itself.
 */
export const MAX_UPSTREAM_ANSWER_BYTES = 8 * 1024 * 1024;

/** Proxy mode: the drift report's file, in the working directory, when none is named. */
export const DEFAULT_REPORT_FILE = 'tianman-drift.jsonl';

/** Gateway error codes (the `errCode`/`errInfo` dialect). */
export const ERR_OK = '0000';
/** Authentication failed: bad signature, timestamp, nonce, appId or token. */
export const ERR_AUTH = '1000';
/** Parameter check failed, and (per the spec's 400 example) an unreadable body. */
export const ERR_PARAMETER = '9001';
/** The gateway itself failed. */
export const ERR_SYSTEM = '9999';

/** The gateway's wording, kept as the prefix of every reason so clients that match on it still do. */
export const INFO_AUTH_FAILED = '认证失败';
/** The platform's wording for a timestamp it cannot read. */
export const INFO_TIMESTAMP_UNPARSABLE = 'Timestamp解析失败';
/** The spec's 400 example wording. */
export const INFO_BAD_REQUEST = '请求报文格式错误';
/** The platform's wording for "busy, retry later" (its transient error). */
export const INFO_BUSY = '系统繁忙,请稍后重试';
/** The platform's wording for a successful token request. */
export const INFO_OK = '正常';

/** The JSON Schema dialect OpenAPI 3.1 declares by default; Prism's Ajv does not know its URI. */
export const OAS_31_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';
/** The dialect the OAS 3.1 base dialect extends; Prism ships an Ajv instance for it. */
export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
