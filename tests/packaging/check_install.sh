#!/usr/bin/env bash
# check_install.sh BUILD_DIR MOCK_SERVER SONAME: installs the build into a temporary
# prefix and builds and runs consumers against the INSTALLED tree, every way
# the README documents:
#   1. C-only CMake projects via find_package: shared, static through
#      AnthropicModels::anthropic_models_static, static through
#      AnthropicModels_USE_STATIC (no C++ enabled in the consumer)
#   2. C via pkg-config: shared (rpath and LD_LIBRARY_PATH), static with and
#      without --static
#   3. C++ via anthropic_models.hpp and find_package
#   4. plugins (shared libraries) linking the static archive, in a C/C++ and a
#      C-only project: fully linked, re-exporting none of the library's symbols
#   5. the installed am-mock-server, which finds the installed catalog by
#      itself, queried by the installed am-models
set -euo pipefail
# grep -q for pipelines: it reads all its input, because under pipefail a
# grep -q that exits at the first match can kill the writer with SIGPIPE and
# fail a check that passed (seen with ldd).
has() { grep "$@" >/dev/null; }
build=$1 server=$2 soname=$3  # soname: libanthropic_models.so.<ABI version>
here=$(cd "$(dirname "$0")" && pwd)
source_tree=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
run() { "$here/../examples/run_with_server.sh" "$server" "$@"; }
step() { echo "-- $*"; }
fail() { echo "check_install: $*" >&2; exit 1; }

step "cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/anthropic_models.h"
test -L "$prefix/lib/$soname" || fail "no lib/$soname in the prefix"

# configure DIR PROJECT [CMAKE ARGS...]: builds tests/packaging/PROJECT into
# $work/DIR against the prefix (the link line is shown when it fails).
configure() {
  local dir=$work/$1 project=$2; shift 2
  cmake -S "$here/$project" -B "$dir" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" >"$dir.log" 2>&1 || { cat "$dir.log" >&2; fail "building $project ($*) failed"; }
}
# Whether BINARY loads libanthropic_models.so from the prefix, or not at all.
expect_shared() {
  ldd "$1" | has "$soname => $prefix/lib/" \
    || { ldd "$1" >&2; fail "$1 does not load the installed shared library"; }
}
expect_static() {
  if ldd "$1" | has libanthropic_models; then
    ldd "$1" >&2; fail "$1 is linked statically but still needs libanthropic_models.so"
  fi
}

step "1a. C-only CMake project via find_package (shared)"
configure consumer_c consumer_c
expect_shared "$work/consumer_c/consumer_c"
run "$work/consumer_c/consumer_c"

step "1b. C-only CMake project via AnthropicModels::anthropic_models_static"
configure consumer_c_static consumer_c -DCONSUMER_TARGET=AnthropicModels::anthropic_models_static
expect_static "$work/consumer_c_static/consumer_c"
run "$work/consumer_c_static/consumer_c"

step "1c. C-only CMake project via AnthropicModels_USE_STATIC"
configure consumer_c_use_static consumer_c -DAnthropicModels_USE_STATIC=ON
expect_static "$work/consumer_c_use_static/consumer_c"
run "$work/consumer_c_use_static/consumer_c"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
main_c=$here/consumer_c/main.c
cc_c99() { cc -std=c99 -Wall -Wextra -Werror "$@"; }

step "2a. C via pkg-config (shared), found through an rpath or LD_LIBRARY_PATH"
libdir=$(pkg-config --variable=libdir anthropic_models)
# shellcheck disable=SC2046
cc_c99 -o "$work/pc_shared_rpath" "$main_c" $(pkg-config --cflags --libs anthropic_models) -Wl,-rpath,"$libdir"
expect_shared "$work/pc_shared_rpath"
run "$work/pc_shared_rpath"
# shellcheck disable=SC2046
cc_c99 -o "$work/pc_shared" "$main_c" $(pkg-config --cflags --libs anthropic_models)
LD_LIBRARY_PATH="$libdir" expect_shared "$work/pc_shared"
LD_LIBRARY_PATH="$libdir" run "$work/pc_shared"
# The shared .pc file gives a complete --static line too.
pkg-config --static --libs anthropic_models | has -- "-lcurl" || fail "no -lcurl in --static --libs anthropic_models"

step "2b. C linked statically via pkg-config --static"
# shellcheck disable=SC2046
cc_c99 -o "$work/pc_static_full" "$main_c" $(pkg-config --cflags --static --libs anthropic_models-static)
expect_static "$work/pc_static_full"
run "$work/pc_static_full"

step "2c. C linked statically via pkg-config, without --static"
# shellcheck disable=SC2046
cc_c99 -o "$work/pc_static" "$main_c" $(pkg-config --cflags --libs anthropic_models-static)
expect_static "$work/pc_static"
run "$work/pc_static"

step "3. C++ via anthropic_models.hpp"
configure consumer_cxx consumer_cxx
run "$work/consumer_cxx/consumer_cxx"

# 4. A plugin linking the static archive exports its entry point and no am_*.
check_plugin() {
  local lib=$work/$1/libplugin.so exported
  exported=$(nm -D --defined-only "$lib" | awk '{print $3}')
  echo "$exported" | has -x plugin_library_version || fail "$1: plugin entry point missing"
  if echo "$exported" | has '^am_'; then
    echo "$exported" | grep '^am_' >&2; fail "$1: the plugin re-exports library symbols"
  fi
}
step "4a. a plugin (C and C++ project) linking the static archive re-exports nothing of ours"
configure plugin plugin
check_plugin plugin
step "4b. a plugin in a C-only project links the static archive completely"
configure plugin_c plugin -DPLUGIN_LANGUAGES=C
check_plugin plugin_c

step "5. the installed am-mock-server finds the installed catalog without --catalog"
installed_catalog=$prefix/share/anthropic_models/catalog.json
cmp -s "$installed_catalog" "$source_tree/tools/mock-server/catalog.json" \
  || fail "share/anthropic_models/catalog.json is not the shipped catalog"
"$prefix/bin/am-mock-server" --help | has -F "default: $(cd "$prefix" && pwd -P)/share/anthropic_models/catalog.json" \
  || { "$prefix/bin/am-mock-server" --help >&2; fail "--help does not name the installed catalog as the default"; }
# Prove the installed file is the one read (the build tree's catalog is a
# fallback the binary also knows): replace it with a one-model catalog.
cat >"$installed_catalog" <<'JSON'
{"models": [{"type": "model", "id": "installed-catalog-model", "display_name": "Installed Catalog Model",
             "created_at": "2025-01-01T00:00:00Z"}]}
JSON
listing=$("$here/../examples/run_with_server.sh" "$prefix/bin/am-mock-server" "$prefix/bin/am-models" list --all)
echo "$listing"
# The header line and that model's row, nothing else.
[ "$(echo "$listing" | wc -l)" -eq 2 ] && echo "$listing" | sed -n 2p | has '^installed-catalog-model ' \
  || fail "the installed server did not serve the installed catalog"
echo "install and consumers: OK"
