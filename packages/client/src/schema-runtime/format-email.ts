import { isIpv4 } from './format-ipv4.js';
import { isIpv6 } from './format-ipv6.js';

// RFC 5321 `Mailbox`: a dot-string or a quoted string, `@`, and a domain name or an address
// literal.
const DOT_STRING = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const QUOTED = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
const DOMAIN =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * `format: email`: an RFC 5321 mailbox, `local@domain`: the local part a dot-string
 * (`joe.bloggs`) or a quoted string (`"joe bloggs"`), the domain a host name or an address
 * literal (`[127.0.0.1]`, `[IPv6:::1]`).
 */
export function isEmail(s: string): boolean {
  const at = s.lastIndexOf('@');
  if (at < 1) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!DOT_STRING.test(local) && !QUOTED.test(local)) return false;
  if (domain.startsWith('[') && domain.endsWith(']')) {
    const literal = domain.slice(1, -1);
    return literal.startsWith('IPv6:') ? isIpv6(literal.slice(5)) : isIpv4(literal);
  }
  return DOMAIN.test(domain);
}
