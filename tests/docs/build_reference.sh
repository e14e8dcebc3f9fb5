#!/bin/sh
# Builds the API reference into OUT_DIR/html with docs/Doxyfile and fails on
# any doxygen warning (the Doxyfile also makes doxygen itself fail on one).
# Usage: build_reference.sh DOXYGEN SOURCE_DIR OUT_DIR
set -u
doxygen=$1 src=$2 out=$3
if [ ! -x "$doxygen" ]; then  # find_program leaves AM_DOXYGEN-NOTFOUND
  echo "doxygen not found ($doxygen): install it (scripts/deps.sh does)" >&2
  exit 1
fi
log=$out/warnings.log
rm -rf "$out/html"
mkdir -p "$out" || exit 1
rm -f "$log"
# The Doxyfile's paths are relative to the source root; only the output moves.
cd "$src" || exit 1
printf '@INCLUDE = docs/Doxyfile\nOUTPUT_DIRECTORY = %s\nWARN_LOGFILE = %s\n' "$out" "$log" | "$doxygen" -
status=$?
if [ -s "$log" ]; then
  echo "doxygen warnings:" >&2
  cat "$log" >&2
  echo >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "doxygen failed with status $status" >&2
  exit 1
fi
if [ ! -f "$out/html/index.html" ]; then
  echo "doxygen wrote no $out/html/index.html" >&2
  exit 1
fi
echo "API reference: $out/html/index.html"
