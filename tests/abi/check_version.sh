#!/bin/sh
# Usage: check_version.sh HEADER PROJECT_VERSION LIBRARY VERSION_SCRIPT PC_FILE PACKAGE_VERSION_FILE
#
# The version and the ABI version are written once, in the header; CMake
# derives everything else from them. This checks that what was built agrees:
#   - the header: AM_VERSION_STRING is AM_VERSION_MAJOR.MINOR.PATCH
#   - CMake's project version (PROJECT_VERSION) is the header's version
#   - the shared library's SONAME is libanthropic_models.so.<AM_ABI_VERSION>
#     and its file is libanthropic_models.so.<version>
#   - the linker version script names the node AM_<AM_ABI_VERSION>, the
#     library defines exactly that version, and every am_* symbol has it
#   - the pkg-config file and the CMake package carry the header's version
set -u
usage="usage: check_version.sh HEADER PROJECT_VERSION LIBRARY VERSION_SCRIPT PC_FILE PACKAGE_VERSION_FILE"
header=${1:?$usage} project_version=${2:?$usage} lib=${3:?$usage} map=${4:?$usage}
pc=${5:?$usage} package_version=${6:?$usage}
status=0
fail() { echo "FAIL: $*"; status=1; }

for f in "$header" "$lib" "$map" "$pc" "$package_version"; do
  [ -f "$f" ] || { echo "FAIL: no file $f"; exit 1; }
done

define() { sed -n "s/^#define AM_$1[ 	][ 	]*\"\{0,1\}\([0-9.]*\)\"\{0,1\}[ 	]*$/\1/p" "$header"; }
major=$(define VERSION_MAJOR) minor=$(define VERSION_MINOR) patch=$(define VERSION_PATCH)
string=$(define VERSION_STRING) abi=$(define ABI_VERSION)
[ -n "$major" ] && [ -n "$minor" ] && [ -n "$patch" ] && [ -n "$string" ] && [ -n "$abi" ] ||
  { echo "FAIL: $header lacks one of AM_VERSION_MAJOR/MINOR/PATCH/STRING, AM_ABI_VERSION"; exit 1; }
version=$major.$minor.$patch
echo "header: version $version, ABI $abi"

[ "$string" = "$version" ] || fail "AM_VERSION_STRING is \"$string\", MAJOR.MINOR.PATCH say $version"
[ "$project_version" = "$version" ] || fail "CMake's project version is $project_version, the header says $version"

# SONAME and file name.
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = "libanthropic_models.so.$abi" ] ||
  fail "SONAME is '$soname', expected libanthropic_models.so.$abi (AM_ABI_VERSION $abi)"
real=$(basename "$(readlink -f "$lib")")
[ "$real" = "libanthropic_models.so.$version" ] || fail "the library's file is $real, expected libanthropic_models.so.$version"

# The version script's node, and the versions the library defines (besides
# the base entry, flag 0x01, which is the SONAME).
node=$(sed -n 's/^\(AM_[0-9A-Za-z_]*\)[ 	]*{.*/\1/p' "$map")
[ "$node" = "AM_$abi" ] || fail "$map names the node '$node', expected AM_$abi"
defined=$(objdump -p "$lib" | awk '/^Version definitions:/ { on = 1; next } on && NF == 0 { on = 0 }
                                   on && $2 != "0x01" { print $4 }' | sort -u | tr '\n' ' ')
[ "$defined" = "AM_$abi " ] || fail "the library defines the versions '$defined', expected only AM_$abi"
wrong=$(nm -D --defined-only --with-symbol-versions "$lib" | awk '$3 ~ /^am_/ && $3 !~ /@@AM_'"$abi"'$/ { print $3 }')
[ -z "$wrong" ] || fail "$(echo "$wrong" | wc -l) am_* symbols lack the version AM_$abi, e.g. $(echo $wrong | cut -d' ' -f1-3)"

# What consumers read the version from.
pc_version=$(sed -n 's/^Version: *//p' "$pc")
[ "$pc_version" = "$version" ] || fail "$(basename "$pc") says Version: $pc_version, expected $version"
cmake_version=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' "$package_version")
[ "$cmake_version" = "$version" ] || fail "the CMake package version is $cmake_version, expected $version"

[ $status -eq 0 ] && echo "OK: header, CMake, SONAME libanthropic_models.so.$abi, node AM_$abi, pkg-config and CMake package agree on $version"
exit $status
