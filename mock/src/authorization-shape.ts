import { ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_SCHEME, BODY_SIG_SCHEME } from '@tianman/signer';

/** What a well-formed `Authorization` looks like, for the refusals that say what to send. */
export const AUTHORIZATION_SHAPE = `${BODY_SIG_SCHEME} AppId="…",Timestamp="yyyyMMddHHmmss",Nonce="…",Signature="…" or ${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}…`;
