#!/bin/sh
# The @tianman/site browser test drives Debian's Chromium through playwright-core (Playwright
# cannot download its own browsers here). On a fresh Debian machine as root (CI), this installs
# it; where it is present, it does nothing. CHROMIUM_PATH names another Chromium binary.
set -eu
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: installing it with apt-get (needed by the site's browser test)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium >&2
  exit 0
fi
echo "chromium is missing at $chromium: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary, to run the site's browser test" >&2
exit 1
