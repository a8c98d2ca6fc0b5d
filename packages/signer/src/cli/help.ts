/** `tianman-sign --help`. */
export const HELP = `tianman-sign: sign or verify an OPEN-BODY-SIG request for the ChinaUMS 天满 open platform

Sign a body (prints the digest, the string to sign, the Authorization header and, with --url,
a ready curl command):
  TIANMAN_APP_KEY=… tianman-sign --app-id <appId> --body-file body.json [--url <url>]
  printf '%s' '{"a":1}' | tianman-sign --app-id <appId> --app-key-file key.txt

Verify a header against a body (prints "ok" or the reason; exit 1 when it does not verify):
  tianman-sign --verify 'OPEN-BODY-SIG AppId="…",…' --body-file body.json [--now <timestamp>]

Options:
  --app-id <id>           the application id (sign: required; verify: the only appId accepted)
  --app-key-file <path>   file holding the appKey (one trailing newline is ignored); otherwise
                          the TIANMAN_APP_KEY environment variable. Never on the command line:
                          it would land in shell history and in the process list.
  --body-file <path>      the exact body bytes; "-" or no option reads standard input
  --timestamp <ts>        sign: yyyyMMddHHmmss in Beijing time instead of now
  --nonce <nonce>         sign: instead of a fresh random one
  --url <url>             sign: also print a curl command that POSTs the body there
  --verify <header>       verify this Authorization header instead of signing
  --now <ts>              verify: check the timestamp against this Beijing time, not the clock
  --tolerance <seconds>   verify: accepted clock skew (default 300; "off" skips the check)
  --json                  print one JSON object instead of text
  -h, --help              show this help

Exit status: 0 signed or verified, 1 did not verify, 2 bad usage or input.
`;
