//! Rust values as C arguments: strings without NUL bytes, counts and
//! durations in the C library's integer types.

use crate::error::{Error, ErrorKind, Result};
use std::ffi::CString;
use std::path::Path;
use std::time::Duration;

/// A string argument for C; `what` names it in the error (never its value,
/// which may be a credential).
pub(crate) fn c_string(what: &str, value: &str) -> Result<CString> {
    CString::new(value).map_err(|_| Error::new(ErrorKind::InvalidArgument, format!("{what} contains a NUL byte")))
}

/// A file system path argument for C. The C library takes UTF-8 paths, so
/// a path that is not UTF-8 is refused like one with a NUL byte.
pub(crate) fn c_path(what: &str, path: &Path) -> Result<CString> {
    let path =
        path.to_str().ok_or_else(|| Error::new(ErrorKind::InvalidArgument, format!("the {what} is not UTF-8")))?;
    c_string(what, path)
}

/// Out-of-range values stay out of range, so the C library rejects them with
/// its own message.
pub(crate) fn clamp_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub(crate) fn clamp_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whole milliseconds, rounded up: a non-zero duration never becomes 0,
/// which the C library reads as "none".
pub(crate) fn millis(d: Duration) -> i64 {
    let ms = (d.as_nanos() + 999_999) / 1_000_000;
    i64::try_from(ms).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_rounds_up_and_saturates() {
        assert_eq!(millis(Duration::ZERO), 0);
        assert_eq!(millis(Duration::from_nanos(1)), 1);
        assert_eq!(millis(Duration::from_micros(1500)), 2);
        assert_eq!(millis(Duration::from_secs(3)), 3000);
        assert_eq!(millis(Duration::MAX), i64::MAX);
    }

    #[test]
    fn nul_bytes_are_refused_without_echoing_the_value() {
        let e = c_string("api key", "sk-secret\0tail").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(!e.to_string().contains("sk-secret"), "{e}");
        assert_eq!(c_string("id", "claude").unwrap().as_bytes(), b"claude");
    }

    #[test]
    fn paths_with_a_nul_byte_are_refused() {
        let e = c_path("cache directory", Path::new("/tmp/a\0b")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert_eq!(e.message(), "cache directory contains a NUL byte");
        assert_eq!(c_path("cache directory", Path::new("/tmp/x")).unwrap().as_bytes(), b"/tmp/x");
    }

    #[test]
    fn clamping_keeps_out_of_range_values_out_of_range() {
        assert_eq!(clamp_i32(u32::MAX), i32::MAX);
        assert_eq!(clamp_i32(7), 7);
        assert_eq!(clamp_i64(u64::MAX), i64::MAX);
    }
}
