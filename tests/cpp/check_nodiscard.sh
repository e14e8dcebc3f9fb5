#!/bin/sh
# Checks that the compiler diagnoses every discarded result that must not be
# discarded (see nodiscard_request.cpp): the snippet compiles with warnings as
# errors when it keeps its results, and each line marked DISCARD gets a
# nodiscard diagnostic when it does not.
# Usage: check_nodiscard.sh CXX INCLUDE_DIR SNIPPET
set -u
cxx=$1 include=$2 snippet=$3
name=$(basename "$snippet")

if ! out=$("$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I"$include" -DAM_KEEP_RESULTS "$snippet" 2>&1); then
  printf 'the snippet does not compile even when it keeps every result:\n%s\n' "$out"
  exit 1
fi
if out=$("$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I"$include" "$snippet" 2>&1); then
  echo "discarding the results compiled without a diagnostic: [[nodiscard]] is missing"
  exit 1
fi

lines=$(grep -n 'DISCARD(' "$snippet" | grep -v '#define' | cut -d: -f1)
[ -n "$lines" ] || { echo "no DISCARD line in $snippet"; exit 1; }
missing=0
checked=0
for line in $lines; do
  checked=$((checked + 1))
  if ! printf '%s\n' "$out" | grep -E "$name:$line:[0-9]+: (fatal )?error: .*nodiscard" >/dev/null; then
    echo "$name:$line: discarding this result is not diagnosed"
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  printf 'compiler output:\n%s\n' "$out"
  exit 1
fi
echo "$checked discarded results diagnosed"
