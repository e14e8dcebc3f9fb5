//! Finds libanthropic_models (or builds it, with the `bundled` feature) and
//! tells cargo how to link it.
//!
//! In order:
//! 1. feature `bundled` (unless `ANTHROPIC_MODELS_NO_BUNDLED=1`): CMake builds
//!    the library from this repository's sources; the static archive is linked.
//! 2. `ANTHROPIC_MODELS_LIB_DIR` (and `ANTHROPIC_MODELS_INCLUDE_DIR`, default
//!    `LIB_DIR/../include`): that directory, no pkg-config.
//! 3. pkg-config: `anthropic_models`, or `anthropic_models-static` when
//!    `ANTHROPIC_MODELS_STATIC=1`, of a version with ABI 1 (0.1.x).
//!
//! `ANTHROPIC_MODELS_STATIC=1` links the static archive in cases 2 and 3.
//! The include directory goes to dependents as `DEP_ANTHROPIC_MODELS_INCLUDE`.

use std::env;
use std::path::{Path, PathBuf};

/// Versions whose ABI is the one `src/lib.rs` declares (AM_ABI_VERSION 1).
const VERSION_RANGE: std::ops::Range<&str> = "0.1.0".."0.2.0";

const ENV_LIB_DIR: &str = "ANTHROPIC_MODELS_LIB_DIR";
const ENV_INCLUDE_DIR: &str = "ANTHROPIC_MODELS_INCLUDE_DIR";
const ENV_STATIC: &str = "ANTHROPIC_MODELS_STATIC";
const ENV_NO_BUNDLED: &str = "ANTHROPIC_MODELS_NO_BUNDLED";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for var in [ENV_LIB_DIR, ENV_INCLUDE_DIR, ENV_STATIC, ENV_NO_BUNDLED] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let want_static = flag(ENV_STATIC);

    let bundled = cfg!(feature = "bundled") && !flag(ENV_NO_BUNDLED);
    let include = if bundled {
        build_bundled()
    } else if let Some(lib_dir) = env::var_os(ENV_LIB_DIR) {
        from_lib_dir(Path::new(&lib_dir), want_static)
    } else {
        from_pkg_config(want_static)
    };
    let linkage = if bundled || want_static { "static" } else { "shared" };
    println!("cargo:rustc-env=ANTHROPIC_MODELS_SYS_LINKAGE={linkage}");
    println!("cargo:include={}", include.display());
    // For this crate's own tests: the header the declarations are checked against.
    println!("cargo:rustc-env=ANTHROPIC_MODELS_SYS_INCLUDE={}", include.display());
    println!("cargo:rustc-env=ANTHROPIC_MODELS_SYS_TARGET={}", env::var("TARGET").expect("cargo sets TARGET"));
}

/// `NAME=1` (or any value but empty and `0`).
fn flag(name: &str) -> bool {
    env::var(name).map(|v| !v.is_empty() && v != "0").unwrap_or(false)
}

/// Links the static archive in `lib_dir` and what it needs at link time: the
/// C++ runtime and libcurl (shared; its own pkg-config file says where).
fn link_static_archive(lib_dir: &Path) {
    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    println!("cargo:rustc-link-lib=static=anthropic_models");
    if let Err(e) = pkg_config::Config::new().probe("libcurl") {
        println!("cargo:warning=pkg-config found no libcurl ({e}); linking -lcurl");
        println!("cargo:rustc-link-lib=dylib=curl");
    }
    println!("cargo:rustc-link-lib=dylib=stdc++");
    println!("cargo:static=1");
}

fn from_lib_dir(lib_dir: &Path, want_static: bool) -> PathBuf {
    if want_static {
        link_static_archive(lib_dir);
    } else {
        println!("cargo:rustc-link-search=native={}", lib_dir.display());
        println!("cargo:rustc-link-lib=dylib=anthropic_models");
    }
    match env::var_os(ENV_INCLUDE_DIR) {
        Some(dir) => PathBuf::from(dir),
        None => lib_dir.join("..").join("include"),
    }
}

fn from_pkg_config(want_static: bool) -> PathBuf {
    let package = if want_static { "anthropic_models-static" } else { "anthropic_models" };
    let mut config = pkg_config::Config::new();
    config.range_version(VERSION_RANGE);
    // The static .pc file names the archive by its path (so no shared library
    // can be picked instead), which the pkg-config crate does not turn into
    // cargo directives: it is linked by hand below.
    config.statik(want_static).cargo_metadata(!want_static);
    let library = config.probe(package).unwrap_or_else(|e| {
        panic!(
            "\n\nanthropic-models-sys: cannot find libanthropic_models {}..{} ({package}) with pkg-config:\n{e}\n\n\
             Install the library (its pkg-config files go to PREFIX/lib/pkgconfig) and set \
             PKG_CONFIG_PATH, or set {ENV_LIB_DIR} (and {ENV_INCLUDE_DIR}), or enable the \
             `bundled` feature to build it from source.\n",
            VERSION_RANGE.start, VERSION_RANGE.end
        )
    });
    if want_static {
        let lib_dir = pkg_config::get_variable(package, "libdir")
            .unwrap_or_else(|e| panic!("anthropic-models-sys: {package}.pc has no libdir: {e}"));
        link_static_archive(Path::new(&lib_dir));
    }
    library
        .include_paths
        .into_iter()
        .find(|dir| dir.join("anthropic_models.h").is_file())
        .unwrap_or_else(|| panic!("anthropic-models-sys: {package}.pc names no directory holding anthropic_models.h"))
}

#[cfg(feature = "bundled")]
fn build_bundled() -> PathBuf {
    // The crate lives in bindings/rust/anthropic-models-sys of the repository.
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("../../..");
    if !root.join("CMakeLists.txt").is_file() || !root.join("include/anthropic_models.h").is_file() {
        panic!(
            "anthropic-models-sys: the `bundled` feature builds the library from the repository this crate \
             lives in, but {} holds no CMakeLists.txt and include/anthropic_models.h",
            root.display()
        );
    }
    for dir in ["CMakeLists.txt", "cmake", "include", "src"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    let prefix = cmake::Config::new(&root)
        .define("AM_BUILD_TESTS", "OFF")
        .define("AM_BUILD_TOOLS", "OFF")
        .define("AM_BUILD_BENCH", "OFF")
        // A user's compiler may warn where ours does not; that must not break their build.
        .define("AM_WERROR", "OFF")
        .define("CMAKE_INSTALL_LIBDIR", "lib")
        .build();
    link_static_archive(&prefix.join("lib"));
    println!("cargo:root={}", prefix.display());
    prefix.join("include")
}

#[cfg(not(feature = "bundled"))]
fn build_bundled() -> PathBuf {
    unreachable!("only called with the `bundled` feature")
}
