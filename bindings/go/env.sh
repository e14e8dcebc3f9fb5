# env.sh - sourced by test.sh, demo.sh and bench.sh: finds Go 1.23 and points
# cgo at the C library under $AM_PREFIX. Arguments: the variables the caller
# needs besides AM_PREFIX; a missing one stops the script with a clear message.
# Nothing is downloaded: no module proxy, no toolchain switch.

for var in AM_PREFIX "$@"; do
  if [ -z "${!var:-}" ]; then
    echo "go: $var is not set (AM_PREFIX: an install prefix of the C library; AM_MOCK_SERVER:" \
      "the am-mock-server binary; AM_CATALOG: its catalog JSON)" >&2
    exit 2
  fi
done
if [ ! -f "$AM_PREFIX/lib/pkgconfig/anthropic_models.pc" ]; then
  echo "go: $AM_PREFIX/lib/pkgconfig/anthropic_models.pc not found: is AM_PREFIX an installed prefix?" >&2
  exit 2
fi

# Debian's golang-1.23-go, else a go on PATH that is new enough (iter needs 1.23).
if [ -x /usr/lib/go-1.23/bin/go ]; then
  PATH=/usr/lib/go-1.23/bin:$PATH
fi
if ! command -v go >/dev/null || ! go version | grep -Eq 'go1\.(2[3-9]|[3-9][0-9])'; then
  echo "go: Go 1.23 or newer is needed (Debian: golang-1.23-go from bookworm-backports; scripts/deps.sh installs it)" >&2
  exit 2
fi

export PATH
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
export CGO_ENABLED=1
export PKG_CONFIG_PATH="$AM_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$AM_PREFIX/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Go needs a cache directory; without a HOME, keep it with the build outputs.
if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
  export GOCACHE="$(dirname "${BASH_SOURCE[0]}")/.build/cache"
fi
