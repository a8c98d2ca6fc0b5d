const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/**
 * `format: ipv4`: four decimal numbers 0-255 joined by dots, without leading zeros (RFC 3986's
 * `IPv4address`): no shorthand, hex, octal or netmask.
 */
export const isIpv4 = (s: string): boolean => IPV4.test(s);
