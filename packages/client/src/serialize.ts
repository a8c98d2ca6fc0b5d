import { ValidationError } from './errors.js';
import type { components } from './generated/openapi.js';
import { syncPayScoreOrderRequestSchema } from './generated/schemas.js';
import type { Log } from './log.js';
import { checkPaidTime } from './paid-time.js';
import { type ValidationIssue, validateSchema } from './validate.js';

type SyncRequest = components['schemas']['SyncPayScoreOrderRequest'];

/**
 * The body of `syncPayScoreOrder`: the contract's `SyncPayScoreOrderRequest` with `detail`
 * required. The contract requires `detail` when `type` is `Order_Paid` (an `if`/`then` the
 * generated type cannot express), and `Order_Paid` is the only `type`.
 */
export type SyncPayScoreOrderBody = Omit<SyncRequest, 'detail'> & {
  /** 内容信息详情 — required, since `type` is `Order_Paid`. */
  detail: NonNullable<SyncRequest['detail']>;
};

const PAID_TIME = '/detail/paidTime';

/**
 * Serializes once and validates the JSON value that will be sent: what the server will see
 * (`toJSON` applied, `undefined` fields gone). So the bytes signed and sent are the bytes checked.
 */
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

/**
 * The text to send for `body`, or a {@link ValidationError} listing every violation of the
 * contract and of the client's `paidTime` rules: nothing is sent then.
 *
 * @param now - The client's clock, for the `paidTime` rules.
 * @param url - The endpoint, for the error's request summary.
 */
export function serializeBody(body: unknown, now: number, log: Log, url: string): string {
  const [text, value, issues] = serialize(body);
  const paidTime = (value as { detail?: { paidTime?: unknown } } | null | undefined)?.detail
    ?.paidTime;
  // Only a paidTime the contract accepts: its issues already say what is wrong with another.
  if (typeof paidTime === 'string' && !issues.some((i) => i.path.startsWith('/detail'))) {
    checkPaidTime(paidTime, now, (reject, rule, what) => {
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
        request: { method: 'POST', url, headers: { 'content-type': 'application/json' } },
      },
    );
  }
  return text;
}
