import { ApiError, AuthError, type TianmanError } from './errors.js';
import { type Answer, answerError, field } from './response.js';

// The gateway's and the payment services' success codes: an answer without a `respCode` (the
// endpoint's dialect) succeeds with one of these.
const ERR_SUCCESS = ['0000', 'SUCCESS'];

/**
 * The one place that decides whether an answer is a success: `undefined` when it is (a 2xx whose
 * `respCode` is one of `successCodes`, or, without a `respCode`, whose `errCode` is `0000` or
 * `SUCCESS`; or an empty 2xx, for an operation that declares one), else the error that says why
 * not:
 * - a 3xx: an {@link ApiError} `ERR_REDIRECT` (a signed request is never followed: the signature
 *   or token would go to the new location, and a 302 would turn the POST into a GET);
 * - gateway `1000`/`1001`: an {@link AuthError} (credentials, clock or permission);
 * - anything else: an {@link ApiError} with the platform's code, or `HTTP_<status>`.
 * The methods throw that error; the api hands the answer to openapi-fetch as `error`.
 */
export function classify(
  answer: Answer,
  successCodes: readonly string[],
  emptySuccess = false,
): TianmanError | undefined {
  const { status, data } = answer;
  // An operation that declares a 2xx answer without content: such an answer, empty, succeeds.
  if (emptySuccess && status > 199 && status < 300 && answer.text === '') return undefined;
  if (status > 299 && status < 400) {
    const location = answer.headers.location;
    return answerError(
      answer,
      ApiError,
      `: redirect to ${location === undefined ? '(no Location)' : JSON.stringify(location)} not followed (a signed request never is)`,
      'ERR_REDIRECT',
    );
  }
  const errCode = field(data, 'errCode');
  if (errCode === '1000' || errCode === '1001') {
    return answerError(
      answer,
      AuthError,
      errCode === '1000' ? ': check appId, appKey and the clock' : ': no permission for this API',
    );
  }
  const respCode = field(data, 'respCode');
  const success =
    // Stryker disable next-line ConditionalExpression: no final answer has a status under 200: transports end the attempt on a 1xx that is not interim
    status > 199 &&
    // Stryker disable next-line EqualityOperator: a 300 is a redirect, returned above, so <= 300 is the same test
    status < 300 &&
    (respCode === undefined
      ? ERR_SUCCESS.includes(errCode as string)
      : successCodes.includes(respCode));
  return success ? undefined : answerError(answer);
}
