# Sourced by test.sh, demo.sh and bench.sh. Checks the variables the project's
# scripts hand over, points pkg-config and the loader at $AM_PREFIX, and
# defines `offline_cargo`: cargo against the Debian-packaged crates under
# /usr/share/cargo/registry (crates.io is out of reach; the manifests stay
# ordinary, publishable ones, so the registry is chosen here, not in a
# committed .cargo/config).

: "${AM_PREFIX:?set AM_PREFIX to an install prefix of the C library (with lib/pkgconfig/anthropic_models.pc)}"
[ -f "$AM_PREFIX/lib/pkgconfig/anthropic_models.pc" ] || {
  echo "rust: $AM_PREFIX/lib/pkgconfig/anthropic_models.pc not found (is AM_PREFIX an installed prefix?)" >&2
  exit 1
}
export PKG_CONFIG_PATH="$AM_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
# The shared library is not in a system directory: tell the loader where it is.
export LD_LIBRARY_PATH="$AM_PREFIX/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Other builds share these two cores.
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v cargo >/dev/null || { echo "rust: cargo not found on PATH" >&2; exit 1; }

# offline_cargo SUBCOMMAND ARGS...: the options go after the subcommand, where
# external subcommands (clippy) pass them on too.
offline_cargo() {
  local subcommand=$1
  shift
  cargo "$subcommand" --offline \
    --config 'source.crates-io.replace-with="debian"' \
    --config 'source.debian.directory="/usr/share/cargo/registry"' \
    "$@"
}
