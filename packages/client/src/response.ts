import {
  ApiError,
  type AuthError,
  type RequestSummary,
  type TianmanError,
  type TianmanErrorDetails,
} from './errors.js';

/**
 * Reading the platform's answers. It speaks three dialects (see the README): the endpoint's
 * `respCode`/`respDesc`, the gateway's `errCode`/`errInfo` and the payment services'
 * `errCode`/`errMsg`, on any status; and a proxy may answer with an HTML page instead.
 */

const CODES = ['respCode', 'respDesc', 'errCode', 'errInfo', 'errMsg'] as const;

/** A response the attempt loop has read, with what an error about it needs. */
export interface Answer {
  url: string;
  status: number;
  /** The body as received. */
  text: string;
  /** The parsed body; `undefined` when it is not JSON. */
  data: unknown;
  attempts: number;
  request: () => RequestSummary;
  response: Response;
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
 * Replaces every secret in the strings of a parsed body (or an excerpt) with `[REDACTED]`, in
 * place: gateways echo Authorization headers and tokens in their error bodies.
 */
export function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') {
    // Only long secrets: a short one would blank out ordinary text. Real ones are long.
    for (const s of secrets)
      if (s.length > 7) value = (value as string).split(s).join('[REDACTED]');
  } else if (value && typeof value === 'object') {
    for (const key in value) (value as never)[key] = scrub((value as never)[key], secrets) as never;
  }
  return value;
}

/**
 * The error for an answer that is not a success: the platform's code and fields, the parsed body
 * (or a 200-character excerpt of a non-JSON one), all scrubbed; `note` ends the message.
 */
export function answerError(
  answer: Answer,
  kind: typeof ApiError | typeof AuthError = ApiError,
  note = '',
): TianmanError {
  const { url, status, text, data, attempts } = answer;
  // Scrubbed before the excerpt is cut: a secret cut in two would no longer be found.
  const body =
    data === undefined
      ? (scrub(text.replace(/\s+/g, ' ').trim(), answer.secrets) as string).slice(0, 200)
      : scrub(data, answer.secrets);
  const code = codeOf(body);
  const details: TianmanErrorDetails = {
    code: code ?? `HTTP_${status}`,
    status,
    attempts,
    request: answer.request(),
    response: answer.response,
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
  return new kind(`POST ${url}: ${what} (HTTP ${status}, attempts: ${attempts})${note}`, details);
}
