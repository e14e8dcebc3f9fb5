//! Every error kind the server or the network can cause, with what the error
//! carries (HTTP status, type, message, request id, attempts, retry-after),
//! retries counted in the server log, and secrets kept out of messages.
//!
//! Each test faults its own path (`/v1/models/<test>`), so the tests of this
//! binary share one server and still run in parallel.

mod common;

use anthropic_models::{Client, Error, ErrorKind, ListParams};
use common::{builder_for, server, MockServer, API_KEY};
use std::time::{Duration, Instant};

/// `get(id)` on a client that does not retry, after queueing `fault` for that id.
fn fault_get(server: &MockServer, id: &str, fault: &str) -> Error {
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{id}",{fault}}}"#));
    server.client_builder(id).max_retries(0).build().unwrap().get(id).unwrap_err()
}

fn respond(server: &MockServer, id: &str, status: u16) -> Error {
    fault_get(server, id, &format!(r#""action":"respond","status":{status}"#))
}

#[test]
fn http_statuses_map_to_their_kinds() {
    let server = server();
    let cases = [
        (400, ErrorKind::BadRequest, "invalid_request_error"),
        (422, ErrorKind::BadRequest, ""),
        (401, ErrorKind::Authentication, "authentication_error"),
        (403, ErrorKind::Permission, "permission_error"),
        (404, ErrorKind::NotFound, "not_found_error"),
        (409, ErrorKind::Conflict, ""),
        (413, ErrorKind::RequestTooLarge, "request_too_large"),
        (429, ErrorKind::RateLimited, "rate_limit_error"),
        (529, ErrorKind::Overloaded, "overloaded_error"),
        (500, ErrorKind::Server, "api_error"),
        (503, ErrorKind::Server, ""),
        (418, ErrorKind::Http, ""),
    ];
    for (status, kind, error_type) in cases {
        let id = format!("status-{status}");
        let e = respond(&server, &id, status);
        assert_eq!(e.kind(), kind, "HTTP {status}: {e}");
        assert_eq!(e.http_status(), Some(status), "{e}");
        if !error_type.is_empty() {
            assert_eq!(e.error_type(), Some(error_type), "HTTP {status}: {e:?}");
        }
        assert!(e.request_id().is_some_and(|r| r.starts_with("req_")), "{e:?}");
        assert_eq!(e.attempts(), 1);
        assert!(!e.message().is_empty());
        assert!(e.to_string().contains(&format!("HTTP {status}")), "{e}");
        assert_eq!(server.requests(&id).len(), 1, "max_retries(0): one attempt");
    }
}

#[test]
fn a_redirect_is_not_followed() {
    let server = server();
    let e = fault_get(&server, "redirected", r#""action":"redirect","location":"/v1/models/claude-opus-4-6""#);
    assert_eq!(e.kind(), ErrorKind::Http, "{e}");
    assert_eq!(e.http_status(), Some(302));
    assert_eq!(
        server
            .log()
            .iter()
            .filter(|r| r.path == "/v1/models/claude-opus-4-6" && r.header("x-test-tag") == Some("redirected"))
            .count(),
        0
    );
}

#[test]
fn network_failures() {
    let server = server();
    let e = fault_get(&server, "reset", r#""action":"reset_before_headers""#);
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(e.http_status(), None);
    let e = fault_get(&server, "truncated", r#""action":"truncate""#);
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    let e = fault_get(&server, "malformed", r#""action":"malformed""#);
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
}

#[test]
fn a_refused_connection() {
    // A port nobody listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = builder_for(&format!("http://127.0.0.1:{port}")).max_retries(0).build().unwrap();
    let e = client.get("claude-opus-4-6").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
}

#[test]
fn tls_to_a_plain_http_server_fails_the_handshake() {
    let server = server();
    let client = builder_for(&format!("https://127.0.0.1:{}", server.port)).max_retries(0).build().unwrap();
    let e = client.get("claude-opus-4-6").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
}

#[test]
fn a_body_over_the_cap_is_refused() {
    let server = server();
    let id = "too-large";
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{id}","action":"oversize","size":65536}}"#));
    let client = server.client_builder(id).max_response_bytes(4096).max_retries(0).build().unwrap();
    let e = client.get(id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResponseTooLarge, "{e}");
}

#[test]
fn a_silent_server_times_out() {
    let server = server();
    let id = "silent";
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{id}","action":"never_answer"}}"#));
    let client = server.client_builder(id).timeout(Duration::from_millis(200)).max_retries(0).build().unwrap();
    let e = client.get(id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");

    // The overall deadline bounds retries too.
    let id = "silent-deadline";
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{id}","action":"never_answer","times":5}}"#));
    let client = server.client_builder(id).deadline(Duration::from_millis(300)).max_retries(3).build().unwrap();
    let e = client.get(id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
}

#[test]
fn invalid_arguments_are_refused_before_anything_is_sent() {
    let server = server();
    let client = server.client("invalid");
    let cases: Vec<Error> = vec![
        client.list(&ListParams::default().limit(0)).unwrap_err(),
        client.list(&ListParams::default().limit(1001)).unwrap_err(),
        client.list(&ListParams::default().after_id("a").before_id("b")).unwrap_err(),
        client.list_all(&ListParams::default().max_pages(0)).unwrap_err(),
        client.get("nul\0byte").unwrap_err(),
        client.get("").unwrap_err(),
    ];
    for e in &cases {
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        assert_eq!(e.attempts(), 0);
    }
    assert!(server.requests("invalid").is_empty());
    let builders = [
        server.client_builder("x").max_retries(101),
        server.client_builder("x").base_url("ftp://127.0.0.1/"),
        server.client_builder("x").header("x-api-key", "sneaky"),
        server.client_builder("x").header("bad header", "v"),
        server.client_builder("x").max_response_bytes(10),
        server.client_builder("x").api_key("sk-ant-\0secret"),
    ];
    for builder in builders {
        let e = builder.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        assert!(!e.to_string().contains("secret") && !e.to_string().contains("sneaky"), "{e}");
    }
}

#[test]
fn no_credential_is_an_authentication_error_with_nothing_sent() {
    let server = server();
    let client =
        Client::builder().base_url(server.url()).ignore_env(true).header("x-test-tag", "no-key").build().unwrap();
    let e = client.get("claude-opus-4-6").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication, "{e}");
    assert_eq!(e.http_status(), None);
    assert_eq!(e.attempts(), 0);
    assert!(server.requests("no-key").is_empty());
}

#[test]
fn retries_are_counted_in_the_server_log() {
    let server = server();
    let id = "flaky";
    server.add_fault(&format!(
        r#"{{"path_prefix":"/v1/models/{id}","action":"respond","status":503,"headers":{{"retry-after-ms":"10"}},"times":2}}"#
    ));
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{id}","action":"respond","status":200,"body":"{{\"id\":\"{id}\",\"type\":\"model\"}}"}}"#));
    let client = server.client_builder(id).max_retries(3).build().unwrap();
    assert_eq!(client.get(id).unwrap().id(), id, "the third attempt succeeds");
    assert_eq!(server.requests(id).len(), 3);

    let id = "down";
    server.add_fault(&format!(
        r#"{{"path_prefix":"/v1/models/{id}","action":"respond","status":529,"headers":{{"retry-after-ms":"10"}},"times":10}}"#
    ));
    let e = server.client_builder(id).max_retries(2).build().unwrap().get(id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overloaded, "{e}");
    assert_eq!(e.attempts(), 3);
    assert_eq!(server.requests(id).len(), 3, "2 retries = 3 attempts");
}

#[test]
fn retry_after_above_the_cap_stops_at_once_and_reports_the_delay() {
    let server = server();
    let id = "slow-down";
    server.add_fault(&format!(
        r#"{{"path_prefix":"/v1/models/{id}","action":"respond","status":429,"headers":{{"retry-after":"30"}},"times":5}}"#
    ));
    let client = server.client_builder(id).max_retries(3).retry_after_cap(Duration::from_secs(1)).build().unwrap();
    let started = Instant::now();
    let e = client.get(id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited, "{e}");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.attempts(), 1);
    assert_eq!(server.requests(id).len(), 1, "no retry was made");
    // Generous: it must not have waited anywhere near the 30 s asked for.
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn credentials_never_appear_in_errors() {
    let server = server();
    let id = "echo-key";
    let body = format!(
        r#"{{\"type\":\"error\",\"error\":{{\"type\":\"authentication_error\",\"message\":\"bad key {API_KEY}\"}}}}"#
    );
    let e = fault_get(&server, id, &format!(r#""action":"respond","status":401,"body":"{body}""#));
    assert_eq!(e.kind(), ErrorKind::Authentication);
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(API_KEY), "{shown}");
}

#[test]
fn errors_are_std_errors_that_cross_threads() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    let server = server();
    let e = respond(&server, "boxed", 500);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.to_string());
    assert!(e.to_string().starts_with("server_error: "), "{e}");
    assert_eq!(ErrorKind::RateLimited.to_string(), "rate_limited");
}
