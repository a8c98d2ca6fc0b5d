import type { components } from './generated/openapi.js';
import type { Log } from './log.js';
import { checkPaidTime } from './paid-time.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Rules the contract cannot express, by operationId. A typical operation has none: its body is
 * checked by the validator generated from the contract, and it succeeds on a 2xx whose code is
 * a success code (see `isSuccess` in the pipeline).
 */
export interface OperationHook {
  /**
   * Checks a body (a JSON object; `issues` holds the contract's verdict so far), pushing issues (which refuse the call: nothing is sent)
   * or logging warnings.
   *
   * @param now - The client's clock (corrected for a measured skew).
   */
  check?(value: unknown, now: number, issues: ValidationIssue[], log: Log): void;
}

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

/** Body types stricter than the generated ones, by operationId (see {@link SyncPayScoreOrderBody}). */
export interface OperationHookTypes {
  syncPayScoreOrder: SyncPayScoreOrderBody;
}

const PAID_TIME = '/detail/paidTime';

/** The hook table. */
export const operationHooks: Readonly<Record<string, OperationHook>> = {
  syncPayScoreOrder: {
    // The platform's ordering rule (paid time <= the call + 60 s) and a real calendar date: the
    // contract's pattern checks only the digits.
    check(value, now, issues, log) {
      const paidTime = (value as { detail?: { paidTime?: unknown } }).detail?.paidTime;
      // Only a paidTime the contract accepts: its issues already say what is wrong with another.
      if (typeof paidTime !== 'string' || issues.some((i) => i.path.startsWith('/detail'))) return;
      checkPaidTime(paidTime, now, (reject, rule, what) => {
        const message = `${PAID_TIME} ${what}`;
        if (reject) issues.push({ path: PAID_TIME, rule, message });
        else log('warn', `${message} [${rule}]`, { path: PAID_TIME, rule }, rule);
      });
    },
  },
};
