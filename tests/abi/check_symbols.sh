#!/bin/sh
# Usage: check_symbols.sh LIBRARY HEADER
# Fails when the shared library exports anything but am_* functions (and the
# version node AM_1), exports fewer than 70 am_* symbols, or lacks a function
# the header declares with AM_API.
set -u
lib=${1:?usage: check_symbols.sh LIBRARY HEADER}
header=${2:?usage: check_symbols.sh LIBRARY HEADER}
status=0

if [ ! -f "$lib" ]; then
  echo "FAIL: no library at $lib"
  exit 1
fi
if [ ! -f "$header" ]; then
  echo "FAIL: no header at $header"
  exit 1
fi

# The version node is AM_<AM_ABI_VERSION>.
node="AM_$(sed -n 's/^#define AM_ABI_VERSION \([0-9][0-9]*\).*/\1/p' "$header")"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# Defined dynamic symbols, names only, without @VERSION / @@VERSION suffixes.
if ! nm -D --defined-only "$lib" >"$tmp/nm.txt"; then
  echo "FAIL: nm -D --defined-only $lib failed"
  exit 1
fi
awk 'NF >= 2 { print $NF }' "$tmp/nm.txt" | sed 's/@.*$//' | sort -u >"$tmp/exported.txt"

# 1. Nothing but am_* (and the version node).
grep -v -e '^am_' -e "^$node\$" "$tmp/exported.txt" >"$tmp/foreign.txt"
if [ -s "$tmp/foreign.txt" ]; then
  echo "FAIL: symbols exported that do not start with am_:"
  sed 's/^/  /' "$tmp/foreign.txt"
  status=1
fi

# 2. The am_* functions are versioned with the node.
if ! grep -q "^$node\$" "$tmp/exported.txt"; then
  echo "FAIL: version node $node not found"
  status=1
fi
# (Only when this nm prints symbol versions at all; binutils >= 2.35 does.)
: >"$tmp/unversioned.txt"
if grep -q '@' "$tmp/nm.txt"; then
  grep -E ' am_[A-Za-z0-9_]+$' "$tmp/nm.txt" | sed 's/^/  /' >"$tmp/unversioned.txt"
fi
if [ -s "$tmp/unversioned.txt" ]; then
  echo "FAIL: am_ symbols without a version (expected name@@$node):"
  cat "$tmp/unversioned.txt"
  status=1
fi

# 3. Enough of them.
count=$(grep -c '^am_' "$tmp/exported.txt")
if [ "$count" -lt 70 ]; then
  echo "FAIL: only $count am_ symbols exported (expected at least 70)"
  status=1
fi

# 4. Every AM_API function of the header is exported, and only those.
# A declaration starts with AM_API; the name is the identifier before the first '('.
grep -E '^[[:space:]]*AM_API[[:space:]]' "$header" |
  sed -E 's/^[^(]*[[:space:]*](am_[A-Za-z0-9_]+)[[:space:]]*\(.*$/\1/' |
  grep -E '^am_[A-Za-z0-9_]+$' | sort -u >"$tmp/declared.txt"
declared=$(wc -l <"$tmp/declared.txt")
if [ "$declared" -lt 70 ]; then
  echo "FAIL: only $declared AM_API functions found in $header (the header parse is broken?)"
  status=1
fi
grep '^am_' "$tmp/exported.txt" >"$tmp/exported_am.txt"
comm -23 "$tmp/declared.txt" "$tmp/exported_am.txt" >"$tmp/missing.txt"
if [ -s "$tmp/missing.txt" ]; then
  echo "FAIL: declared in the header but not exported:"
  sed 's/^/  /' "$tmp/missing.txt"
  status=1
fi
comm -13 "$tmp/declared.txt" "$tmp/exported_am.txt" >"$tmp/extra.txt"
if [ -s "$tmp/extra.txt" ]; then
  echo "FAIL: exported but not declared in the header:"
  sed 's/^/  /' "$tmp/extra.txt"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "OK: $count am_ symbols exported, $declared declared, nothing else exported"
fi
exit "$status"
