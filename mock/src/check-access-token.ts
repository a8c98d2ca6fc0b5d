import { ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_SCHEME, formatTimestamp } from '@tianman/signer';
import type { AuthContext } from './auth-context.js';
import { type AuthAcceptance, type AuthRejection, rejectAuth } from './auth-result.js';
import { TOKEN_PATH } from './constants.js';

// `AccessToken`, the name of the header's one pair.
const PAIR_NAME = ACCESS_TOKEN_PREFIX.slice(0, ACCESS_TOKEN_PREFIX.indexOf('='));

/**
 * The token of `OPEN-ACCESS-TOKEN AccessToken=<token>`, or `undefined` when the header is not
 * that shape. The platform's form is unquoted; spaces around `=` and quotes around the token are
 * tolerated. Read with `trim` and `indexOf`, each a single pass: the header is the caller's.
 */
export function readAccessToken(header: string): string | undefined {
  const text = header.trim();
  // The scheme was matched by the caller; what follows it, after at least one blank, is the pair.
  const afterScheme = text.search(/\s/);
  if (afterScheme === -1) return undefined;
  let rest = text.slice(afterScheme).trimStart();
  if (!rest.startsWith(PAIR_NAME)) return undefined;
  rest = rest.slice(PAIR_NAME.length).trimStart();
  if (!rest.startsWith('=')) return undefined;
  rest = rest.slice(1).trimStart();
  if (rest.startsWith('"')) rest = rest.slice(1);
  if (rest.endsWith('"')) rest = rest.slice(0, -1);
  return rest !== '' && !/["\s,]/.test(rest) ? rest : undefined;
}

/** Checks an OPEN-ACCESS-TOKEN header: a token this mock issued, live and not revoked. */
export function checkAccessToken(header: string, ctx: AuthContext): AuthAcceptance | AuthRejection {
  const token = readAccessToken(header);
  if (token === undefined) {
    return rejectAuth(
      'malformed',
      `${ACCESS_TOKEN_SCHEME} header is not "${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}<token>"`,
    );
  }
  const now = ctx.now();
  const result = ctx.tokens.check(token, now);
  if (result.ok) return { ok: true, appId: result.appId };
  switch (result.problem) {
    case 'expired':
      return rejectAuth(
        'token-expired',
        `access token expired at ${formatTimestamp(result.expiredAt ?? now)} (Beijing time); request a new one from POST ${TOKEN_PATH} shortly before expiresIn elapses`,
      );
    case 'revoked':
      return rejectAuth(
        'token-revoked',
        `access token was revoked because more than ${ctx.maxLiveTokens} tokens were requested for this AppId; cache one token and share it instead of requesting one per call`,
      );
    default:
      return rejectAuth(
        'token-unknown',
        `unknown access token; obtain one from POST ${TOKEN_PATH} (tokens do not survive a restart of the mock)`,
      );
  }
}
