import { sign } from '@tianman/signer';
import { inject } from 'vitest';

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
  } = {},
): Promise<RawAnswer> {
  const { appId, appKey } = inject('mockCredentials');
  const authorization =
    options.authorization ??
    (await sign({ appId, appKey, body: bytes, ...options.sign })).authorization;
  const response = await fetch(`${options.url ?? inject('mockUrl')}${options.path ?? SYNC_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...options.headers },
    // A copy in an ArrayBuffer-backed view: what the DOM BodyInit type accepts.
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
    signal: AbortSignal.timeout(5000),
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
