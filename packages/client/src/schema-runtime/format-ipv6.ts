import { isIpv4 } from './format-ipv4.js';

const GROUP = /^[0-9a-f]{1,4}$/i;

/** The 16-bit groups of `part` (`a:b:…`), an IPv4 tail counting two, or -1 if one is not valid. */
function groups(part: string, ipv4Tail: boolean): number {
  if (!part) return 0;
  const items = part.split(':');
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as string;
    if (ipv4Tail && i === items.length - 1 && item.includes('.')) {
      if (!isIpv4(item)) return -1;
      n += 2;
    } else if (GROUP.test(item)) n++;
    else return -1;
  }
  return n;
}

/**
 * `format: ipv6`: an RFC 4291 text address: eight groups of 1-4 hex digits, at most one `::`
 * standing for one or more zero groups, and an optional IPv4 tail. No zone, prefix or brackets.
 */
export function isIpv6(s: string): boolean {
  const gap = s.indexOf('::');
  if (gap < 0) return groups(s, true) === 8;
  if (s.indexOf('::', gap + 1) >= 0) return false;
  const head = groups(s.slice(0, gap), false);
  const tail = groups(s.slice(gap + 2), true);
  return head >= 0 && tail >= 0 && head + tail <= 7;
}
