import type { AuthContext } from './auth-context.js';
import { checkTokenRequest, type TokenRequestBody } from './check-token-request.js';
import { ERR_OK, INFO_OK } from './constants.js';
import { type Answer, authRefusal, jsonAnswer } from './gateway-answers.js';

/**
 * `POST /v1/token/access`, implemented for real. Prism checks the body against
 * AccessTokenRequest (and honours `Prefer`) through `validate`; only a request it would answer
 * with 200 gets a real token instead of the spec's example.
 */
export async function answerTokenRequest(
  body: Buffer,
  auth: AuthContext,
  validate: () => Promise<Answer>,
): Promise<Answer> {
  const validated = await validate();
  if (validated.status !== 200) return validated;
  const tokenRequest = JSON.parse(body.toString('utf8')) as TokenRequestBody;
  const result = await checkTokenRequest(tokenRequest, auth);
  if (!result.ok) return authRefusal(result);
  const token = auth.tokens.issue(result.appId, auth.now());
  return jsonAnswer(200, { errCode: ERR_OK, errInfo: INFO_OK, ...token });
}
