#!/bin/sh
# The @tianman/token-store-redis tests run a real redis-server on a free port. On a fresh Debian
# machine as root (CI), this installs it; where it is present, it does nothing.
set -eu
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing: installing it with apt-get (needed by the token-store-redis tests)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends redis-server >&2
  exit 0
fi
echo "redis-server is missing: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) to run the token-store-redis tests" >&2
exit 1
