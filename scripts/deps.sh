#!/usr/bin/env bash
# Installs the Debian packages the build and tests need, when missing.
# As root it runs apt-get itself; otherwise it prints the command to run.
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
  # what `pkg-config --static --libs libcurl` names, for static consumers
  libnghttp2-dev libidn2-dev librtmp-dev libssh2-1-dev libpsl-dev libssl-dev
  libkrb5-dev libldap2-dev libzstd-dev libbrotli-dev zlib1g-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
