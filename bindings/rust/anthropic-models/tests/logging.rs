//! The C library's log lines reach the `log` facade under the target
//! `anthropic_models`, at the level of the attempt's outcome, never with a
//! credential in them.

mod common;

use anthropic_models::LOG_TARGET;
use common::{server, API_KEY};
use log::{Level, LevelFilter, Log, Metadata, Record};
use std::sync::Mutex;

struct Capture(Mutex<Vec<(String, Level, String)>>);

impl Log for Capture {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }
    fn log(&self, record: &Record) {
        let message = record.args().to_string();
        let panics = message.contains(PANIC_MARKER);
        self.0.lock().unwrap().push((record.target().to_string(), record.level(), message));
        if panics {
            panic!("expected: a logger that panics");
        }
    }
    fn flush(&self) {}
}

/// A line about this path makes the logger panic (on the client's worker thread).
const PANIC_MARKER: &str = "/v1/models/logger-panics-here";

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

fn lines_about(path: &str) -> Vec<(String, Level, String)> {
    CAPTURE.0.lock().unwrap().iter().filter(|(_, _, msg)| msg.contains(path)).cloned().collect()
}

#[test]
fn attempts_are_logged_through_the_log_crate() {
    common::silence_expected_panics("expected: a logger that panics");
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(LevelFilter::Trace);
    let server = server();

    let client = server.client("logged");
    client.get("claude-opus-4-6").unwrap();
    let ok = lines_about("/v1/models/claude-opus-4-6");
    assert_eq!(ok.len(), 1, "{ok:?}");
    let (target, level, message) = &ok[0];
    assert_eq!(target, LOG_TARGET);
    assert_eq!(*level, Level::Info);
    assert!(message.starts_with("GET ") && message.contains("-> 200"), "{message}");

    // A retried failure: a warning per retried attempt, an error for the last.
    let id = "log-flaky";
    server.add_fault(&format!(
        r#"{{"path_prefix":"/v1/models/{id}","action":"respond","status":503,"headers":{{"retry-after-ms":"5"}},"times":3}}"#
    ));
    let client = server.client_builder(id).max_retries(2).build().unwrap();
    client.get(id).unwrap_err();
    let levels: Vec<Level> = lines_about(&format!("/v1/models/{id}")).into_iter().map(|(_, l, _)| l).collect();
    assert_eq!(levels, [Level::Warn, Level::Warn, Level::Error]);

    // A logger that panics on the worker thread: the panic stops at the FFI
    // boundary (unwinding into C would abort the process), the call completes.
    let e = server.client("panicky").get("logger-panics-here").unwrap_err();
    assert_eq!(e.kind(), anthropic_models::ErrorKind::NotFound);
    assert_eq!(lines_about(PANIC_MARKER).len(), 1);
    assert!(lines_about("a panic in a callback from the C library was stopped").len() == 1);
    assert_eq!(server.client("after-panic").get("claude-opus-4-6").unwrap().id(), "claude-opus-4-6");

    let everything = CAPTURE.0.lock().unwrap();
    assert!(everything.iter().all(|(target, _, msg)| target == LOG_TARGET && !msg.contains(API_KEY)));
}
