//! The library is linked the way the build script says: the shared object
//! (pkg-config `anthropic_models`, or `ANTHROPIC_MODELS_LIB_DIR`), or the
//! static archive (`ANTHROPIC_MODELS_STATIC=1`, or the `bundled` feature),
//! and it is the library these declarations describe.

use anthropic_models_sys as sys;

#[test]
#[cfg(target_os = "linux")]
fn library_is_linked_as_the_build_script_chose() {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps is readable");
    let shared_mapped = maps.lines().any(|l| l.contains("libanthropic_models.so"));
    match env!("ANTHROPIC_MODELS_SYS_LINKAGE") {
        "static" => assert!(!shared_mapped, "static linkage chosen, but the shared library is loaded"),
        "shared" => assert!(shared_mapped, "shared linkage chosen, but no libanthropic_models.so is loaded"),
        other => panic!("unknown linkage {other}"),
    }
}

#[test]
fn linked_library_has_the_declared_abi() {
    // SAFETY: no arguments; the results are static strings and numbers.
    let (abi, number, version) =
        unsafe { (sys::am_abi_version(), sys::am_version_number(), std::ffi::CStr::from_ptr(sys::am_version())) };
    assert_eq!(abi, sys::AM_ABI_VERSION);
    let version = version.to_str().unwrap();
    assert!(version.starts_with("0.1."), "linked version {version}");
    assert_eq!(number >> 8, sys::AM_VERSION_NUMBER >> 8, "major.minor of {version}");
}
