//! The C library's log hook, forwarded to the `log` crate facade under the
//! target `anthropic_models`: one line per HTTP attempt, e.g.
//! `GET http://127.0.0.1:8080/v1/models?limit=20 -> 200 in 1.2 ms (attempt 1, request-id req_...)`.
//! The lines never contain credentials. Nothing is formatted when the
//! application's logger does not want the level.

use anthropic_models_sys as sys;
use log::Level;

/// The `log` target of every record this crate emits.
pub const LOG_TARGET: &str = "anthropic_models";

pub(crate) fn level(c_level: sys::am_log_level) -> Level {
    match c_level {
        sys::AM_LOG_ERROR => Level::Error,
        sys::AM_LOG_WARN => Level::Warn,
        sys::AM_LOG_INFO => Level::Info,
        // AM_LOG_DEBUG, and levels a newer library may add.
        _ => Level::Debug,
    }
}

/// Called on the client's worker thread for each line.
pub(crate) fn forward(c_level: sys::am_log_level, message: &str) {
    let level = level(c_level);
    if log::log_enabled!(target: LOG_TARGET, level) {
        log::log!(target: LOG_TARGET, level, "{message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_c_level_maps_to_its_log_level() {
        assert_eq!(level(sys::AM_LOG_DEBUG), Level::Debug);
        assert_eq!(level(sys::AM_LOG_INFO), Level::Info);
        assert_eq!(level(sys::AM_LOG_WARN), Level::Warn);
        assert_eq!(level(sys::AM_LOG_ERROR), Level::Error);
        assert_eq!(level(42), Level::Debug);
    }
}
