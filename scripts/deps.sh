#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the language bindings
# need, when missing. As root it runs apt-get itself; otherwise it prints the
# command to run. `scripts/deps.sh --bench` also installs the optional
# benchmark-only references (never needed by the library or the tests).
set -euo pipefail

PACKAGES=(
  cmake g++ make pkg-config
  libcurl4-openssl-dev   # transport
  rapidjson-dev          # header-only JSON
  libcpp-httplib-dev     # the local API server
  libgtest-dev           # tests
  libbenchmark-dev       # bench/
  python3                # bench/run.sh summary
  abigail-tools          # abidw / abidiff: the ABI baseline check
  doxygen                # the API reference, built from the header by the tests
  # what `pkg-config --static --libs libcurl` names, for static consumers
  libnghttp2-dev libidn2-dev librtmp-dev libssh2-1-dev libpsl-dev libssl-dev
  libkrb5-dev libldap2-dev libzstd-dev libbrotli-dev zlib1g-dev
  # Go binding: Go 1.23 from bookworm-backports (Debian's golang-go is 1.19, without iter)
  golang-1.23-go
  # Rust binding: crates as source under /usr/share/cargo/registry (crates.io is out of reach)
  librust-pkg-config-dev librust-cmake-dev librust-cc-dev librust-log-dev
  librust-tokio-dev librust-futures-dev
  # C# binding: NativeAOT links with clang and zlib; clang also builds the fuzzers
  clang
)
# Optional, bench-only: simdjson, the decoding reference of am_bench
# (bench/run.sh); the library keeps RapidJSON.
if [ "${1:-}" = "--bench" ]; then
  PACKAGES+=(libsimdjson-dev)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

# golang-1.23-go lives in bookworm-backports, which a stock image may lack.
backports=/etc/apt/sources.list.d/bookworm-backports.sources
need_backports=0
if [[ " ${missing[*]} " == *" golang-1.23-go "* ]] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  need_backports=1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  [ $need_backports -eq 1 ] && echo "first add the bookworm-backports suite to apt's sources (see $0)" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if [ $need_backports -eq 1 ]; then
  # The same mirror as the machine's own bookworm suite.
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  [ -n "$mirror" ] || { echo "cannot tell this machine's Debian mirror; add bookworm-backports by hand" >&2; exit 1; }
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" >"$backports"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
