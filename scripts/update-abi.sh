#!/usr/bin/env bash
# Regenerates the committed ABI baseline (abi/anthropic_models.abi, an abidw
# dump) and the exported-symbol list (abi/symbols.txt) from a build. Run it
# only for a deliberate ABI change: an incompatible one also needs
# AM_ABI_VERSION bumped in include/anthropic_models.h, from which CMake derives
# the SOVERSION and the version node (cmake/anthropic_models.map.in).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AM_BUILD_DIR:-$root/build}
lib=$build/libanthropic_models.so
[ -f "$lib" ] || { echo "no $lib: run scripts/build.sh first" >&2; exit 1; }
"$root/tests/abi/abi_tools.sh" dump "$lib" "$root/include" > "$root/abi/anthropic_models.abi"
"$root/tests/abi/abi_tools.sh" symbols "$lib" > "$root/abi/symbols.txt"
echo "updated abi/anthropic_models.abi and abi/symbols.txt ($(wc -l < "$root/abi/symbols.txt") symbols)"
