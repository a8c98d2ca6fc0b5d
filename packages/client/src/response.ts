import {
  ApiError,
  type AuthError,
  type RequestSummary,
  type TianmanError,
  type TianmanErrorDetails,
} from './errors.js';
import { scrub, scrubHeaders, scrubText } from './scrub.js';

/**
 * Reading the platform's answers. It speaks three dialects (see the README): the endpoint's
 * `respCode`/`respDesc`, the gateway's `errCode`/`errInfo` and the payment services'
 * `errCode`/`errMsg`, on any status; and a proxy may answer with an HTML page instead.
 */

const CODES = ['respCode', 'respDesc', 'errCode', 'errInfo', 'errMsg'] as const;

/** A response the pipeline has read, with what an error about it needs. */
export interface Answer {
  url: string;
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
  /** The body as received. */
  text: string;
  /** The parsed body; `undefined` when it is not JSON. */
  data: unknown;
  attempts: number;
  request: () => RequestSummary;
  /** What must not reach an error: the appKey, and the signature or token of this attempt. */
  secrets: string[];
}

/** A code or text field of a parsed body (numbers too: some gateways send numeric codes). */
export function field(data: unknown, key: string): string | undefined {
  const v = (data as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** `respCode`, else `errCode`: the code the retry policy and the errors go by. */
export const codeOf = (data: unknown): string | undefined =>
  field(data, 'respCode') ?? field(data, 'errCode');

/**
 * The error for an answer that is not a success: the platform's code and fields, the parsed body
 * (or a 200-character excerpt of a non-JSON one), all scrubbed; `note` ends the message.
 */
export function answerError(
  answer: Answer,
  kind: typeof ApiError | typeof AuthError = ApiError,
  note = '',
  code?: string,
): TianmanError {
  const { url, status, text, data, attempts } = answer;
  // Scrubbed before the excerpt is cut: a secret cut in two would no longer be found.
  const body =
    data === undefined
      ? scrubText(text.replace(/\s+/g, ' ').trim(), answer.secrets).slice(0, 200)
      : scrub(data, answer.secrets);
  const platformCode = codeOf(body);
  const details: TianmanErrorDetails = {
    code: code ?? platformCode ?? `HTTP_${status}`,
    status,
    attempts,
    request: answer.request(),
    headers: scrubHeaders(answer.headers, answer.secrets),
    body,
  };
  for (const key of CODES) details[key] = field(body, key);
  const desc = details.respDesc ?? details.errInfo ?? details.errMsg;
  const what =
    platformCode === undefined
      ? data === undefined
        ? `non-JSON ${JSON.stringify(body)}`
        : 'no respCode or errCode'
      : platformCode + (desc ? ` ${desc}` : '');
  return new kind(
    `${answer.request().method} ${url}: ${what} (HTTP ${status}, attempts: ${attempts})${note}`,
    details,
  );
}
