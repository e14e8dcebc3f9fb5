#!/usr/bin/env bash
# check_install.sh BUILD_DIR MOCK_SERVER: installs the build into a temporary
# prefix and builds and runs consumers against the INSTALLED tree, the three
# ways the README documents:
#   1. a C program via find_package(AnthropicModels)            (shared)
#   2. a C program linked statically via pkg-config --static    (no .so needed)
#   3. a C++ program via anthropic_models.hpp and find_package
# plus a plugin (shared library) linking the static archive, which must
# re-export none of the library's symbols.
set -euo pipefail
build=$1 server=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
run() { "$here/../examples/run_with_server.sh" "$server" "$@"; }
step() { echo "-- $*"; }

step "cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/anthropic_models.h"
test -L "$prefix/lib/libanthropic_models.so.1" || test -L "$prefix"/lib*/libanthropic_models.so.1

configure() {  # configure NAME: builds tests/packaging/NAME against the prefix
  cmake -S "$here/$1" -B "$work/$1" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$work/$1" >/dev/null
}

step "1. C via find_package (shared)"
configure consumer_c
ldd "$work/consumer_c/consumer_c" | grep -q "libanthropic_models.so.1 => $prefix" \
  || { echo "consumer_c does not load the installed shared library" >&2; ldd "$work/consumer_c/consumer_c" >&2; exit 1; }
run "$work/consumer_c/consumer_c"

step "2. C linked statically via pkg-config --static"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -Werror -o "$work/consumer_static" "$here/consumer_c/main.c" \
  $(pkg-config --cflags --static --libs anthropic_models-static)
if ldd "$work/consumer_static" | grep -q libanthropic_models; then
  echo "the statically linked consumer still needs libanthropic_models.so" >&2; exit 1
fi
run "$work/consumer_static"
# The shared .pc file gives a complete --static line too.
pkg-config --static --libs anthropic_models | grep -q -- "-lcurl"
pkg-config --libs anthropic_models | grep -q -- "-lanthropic_models"

step "3. C++ via anthropic_models.hpp"
configure consumer_cxx
run "$work/consumer_cxx/consumer_cxx"

step "4. a plugin linking the static archive re-exports nothing of ours"
configure plugin
exported=$(nm -D --defined-only "$work/plugin/libplugin.so" | awk '{print $3}')
echo "$exported" | grep -qx plugin_library_version || { echo "plugin entry point missing" >&2; exit 1; }
if echo "$exported" | grep -q '^am_'; then
  echo "the plugin re-exports library symbols:" >&2; echo "$exported" | grep '^am_' >&2; exit 1
fi
echo "install and consumers: OK"
