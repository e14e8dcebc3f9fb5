#!/usr/bin/env bash
# The ABI checks, shared by the tests and scripts/update-abi.sh:
#   abi_tools.sh dump LIB HEADERS_DIR        abidw dump of the public ABI
#   abi_tools.sh symbols LIB                 sorted exported symbols (name@version)
#   abi_tools.sh check LIB HEADERS_DIR BASELINE_ABI BASELINE_SYMBOLS
#       fails on an incompatible ABI change (abidiff) or any change of the
#       exported symbol list (nm -D --defined-only)
set -euo pipefail
dump() {
  abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed --drop-private-types \
    --exported-interfaces-only --type-id-style hash --headers-dir "$2" "$1"
}
symbols() { nm -D --defined-only --with-symbol-versions "$1" | awk '{print $3}' | sort; }

case $1 in
  dump) dump "$2" "$3" ;;
  symbols) symbols "$2" ;;
  check)
    lib=$2 headers=$3 base_abi=$4 base_syms=$5
    status=0
    rc=0
    abidiff --headers-dir2 "$headers" --no-added-syms "$base_abi" "$lib" > /tmp/abidiff.$$ 2>&1 || rc=$?
    # abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change,
    # 8 incompatible change. Added functions are not reported (--no-added-syms);
    # for a C ABI every other change (a function removed, a parameter or
    # return type changed, even when abidiff only calls it a "change") breaks
    # callers, so both 4 and 8 fail.
    if (( rc & 3 )); then
      echo "abidiff failed (status $rc):"; cat /tmp/abidiff.$$; status=1
    elif (( rc & 12 )); then
      echo "INCOMPATIBLE ABI CHANGE against abi/anthropic_models.abi:"; cat /tmp/abidiff.$$
      echo "If deliberate: bump AM_ABI_VERSION and run scripts/update-abi.sh (see README)."; status=1
    fi
    rm -f /tmp/abidiff.$$
    if ! diff -u "$base_syms" <(symbols "$lib") > /tmp/symdiff.$$; then
      echo "exported symbols differ from abi/symbols.txt:"; cat /tmp/symdiff.$$
      echo "If deliberate: run scripts/update-abi.sh and commit abi/."; status=1
    fi
    rm -f /tmp/symdiff.$$
    [ $status -eq 0 ] && echo "ABI and exported symbols match the baseline"
    exit $status ;;
  *) echo "usage: $0 dump|symbols|check ..." >&2; exit 2 ;;
esac
