/** True for a loopback host: a plain-http request to it never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  // Stryker disable next-line Regex: only url.hostname comes here, where brackets stand around a whole IPv6 address only
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Stryker disable next-line Regex: URL parses a host ending in four dotted numbers as IPv4, so nothing can stand before 127 (the ^ is the same test)
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
