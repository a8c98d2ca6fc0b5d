import { sign } from '@tianman/signer';
import { inject } from 'vitest';
import type { SpecOperation, SpecRequest } from './spec-operations.js';

/** The order-sync path. */
export const SYNC_PATH = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';

/** A body the contract accepts (paid in the past: the client refuses a future `paidTime`). */
export const validBody = {
  fenOrderId: '1234323JKHDFE1243252',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20250520143000' },
} as const;

/** What a raw call answered, body parsed when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/**
 * Sends exact bytes to the shared mock, signed over those bytes with the sandbox credentials
 * unless `authorization` is given. For the cases the client would never produce.
 */
export async function rawCall(
  bytes: string | Uint8Array,
  options: {
    path?: string;
    authorization?: string;
    sign?: Partial<Parameters<typeof sign>[0]>;
    headers?: Record<string, string>;
    url?: string;
    /** `POST` unless given; a GET or DELETE is sent without a body or its Content-Type. */
    method?: string;
  } = {},
): Promise<RawAnswer> {
  const method = options.method ?? 'POST';
  const bodiless = method === 'GET' || method === 'DELETE';
  const { appId, appKey } = inject('mockCredentials');
  const authorization =
    options.authorization ??
    (await sign({ appId, appKey, body: bytes, ...options.sign })).authorization;
  const response = await fetch(`${options.url ?? inject('mockUrl')}${options.path ?? SYNC_PATH}`, {
    method,
    headers: {
      ...(bodiless ? {} : { 'content-type': 'application/json' }),
      authorization,
      ...options.headers,
    },
    // A copy in an ArrayBuffer-backed view: what the DOM BodyInit type accepts.
    ...(bodiless ? {} : { body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes) }),
    // Prism compiles a schema's validator on its first use: the first call of a loaded run is slow.
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * The request target of `request` for `op`, encoded as the client encodes it: each path
 * parameter percent-encoded into its segment, the query in the spec's order, an array as the
 * name repeated.
 */
export function requestTarget(op: SpecOperation, request: SpecRequest): string {
  const path = op.path.replace(/\{([^{}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.path?.[name] ?? '')),
  );
  const declared = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const names = [
    ...declared,
    ...Object.keys(request.query ?? {}).filter((name) => !declared.includes(name)),
  ];
  const pairs = names.flatMap((name) => {
    const value = request.query?.[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(
      (item) => `${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`,
    );
  });
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** Sends `request` raw (signed, bypassing the client) to the mock at `url` (the shared one). */
export function rawRequest(
  op: SpecOperation,
  request: SpecRequest,
  url?: string,
): Promise<RawAnswer> {
  return rawCall(op.hasBody ? JSON.stringify(request.body) : '', {
    method: op.method,
    path: requestTarget(op, request),
    ...(url ? { url } : {}),
  });
}
