import { isIpv6 } from './format-ipv6.js';

// RFC 3986 `URI`, from its ABNF (Appendix A).
const PCT = '%[0-9A-Fa-f]{2}';
const UNRESERVED_SUB = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED_SUB}:@]|${PCT})`;
const SEGMENT_NZ = `${PCHAR}+`;
const PATH_ABEMPTY = `(?:/${PCHAR}*)*`;
const USERINFO = `(?:[${UNRESERVED_SUB}:]|${PCT})*`;
const REG_NAME = `(?:[${UNRESERVED_SUB}]|${PCT})*`;
const URI = new RegExp(
  `^[A-Za-z][A-Za-z0-9+\\-.]*:(?://(?:${USERINFO}@)?(\\[[^\\]/]*\\]|${REG_NAME})(?::\\d*)?${PATH_ABEMPTY}|/(?:${SEGMENT_NZ}${PATH_ABEMPTY})?|${SEGMENT_NZ}${PATH_ABEMPTY}|)(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`,
);
const IP_FUTURE = new RegExp(`^v[0-9A-Fa-f]+\\.[${UNRESERVED_SUB}:]+$`);

/**
 * `format: uri`: an absolute RFC 3986 URI (a scheme, then the rest), ASCII only, `%` followed by
 * two hex digits, an IP literal in brackets a valid IPv6 address (or an `IPvFuture`).
 */
export function isUri(s: string): boolean {
  const m = URI.exec(s);
  if (!m) return false;
  const host = m[1];
  if (!host?.startsWith('[')) return true;
  const literal = host.slice(1, -1);
  return isIpv6(literal) || IP_FUTURE.test(literal);
}
