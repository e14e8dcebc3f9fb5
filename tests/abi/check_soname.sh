#!/bin/sh
# Usage: check_soname.sh LIBRARY EXPECTED_SONAME
set -u
lib=${1:?usage: check_soname.sh LIBRARY EXPECTED_SONAME}
want=${2:?usage: check_soname.sh LIBRARY EXPECTED_SONAME}
if [ ! -f "$lib" ]; then
  echo "FAIL: no library at $lib"
  exit 1
fi
if command -v objdump >/dev/null 2>&1; then
  got=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
else
  got=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
fi
if [ "$got" != "$want" ]; then
  echo "FAIL: SONAME of $lib is '$got', expected '$want'"
  exit 1
fi
echo "OK: SONAME $got"
