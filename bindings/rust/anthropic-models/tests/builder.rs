//! Every builder setting reaches the wire (checked in the server log) or is
//! at least accepted and checked by the C library.

mod common;

use anthropic_models::{Client, ErrorKind, ListParams};
use common::{builder_for, server, API_KEY, TAG_HEADER};
use std::time::Duration;

#[test]
fn headers_and_query_follow_the_settings() {
    let server = server();
    let client = server
        .client_builder("settings")
        .api_version("2099-01-01")
        .beta("first-beta")
        .beta("second-beta")
        .workspace_id("wrkspc_123")
        .header("x-custom", "custom value")
        .user_agent_suffix("rust-test/1.0")
        .beta_variant(true)
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(5))
        .deadline(Duration::from_secs(60))
        .retry_after_cap(Duration::from_secs(2))
        .max_response_bytes(1 << 20)
        .proxy("")
        .curl_global_init(true)
        .build()
        .unwrap();
    // The mock server checks only that anthropic-version is present.
    client.list(&ListParams::default().limit(1)).unwrap();
    let sent = server.requests("settings");
    let r = &sent[0];
    assert_eq!(r.header("x-api-key"), Some(API_KEY));
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.header("anthropic-version"), Some("2099-01-01"));
    assert_eq!(r.header("anthropic-beta"), Some("first-beta,second-beta"));
    assert_eq!(r.header("anthropic-workspace-id"), Some("wrkspc_123"));
    assert_eq!(r.header("x-custom"), Some("custom value"));
    assert!(r.header("user-agent").is_some_and(|ua| ua.ends_with("rust-test/1.0")), "{r:?}");
    assert!(r.query.contains("beta=true"), "{}", r.query);
}

#[test]
fn an_auth_token_goes_out_as_a_bearer() {
    let server = server();
    let client = Client::builder()
        .base_url(server.url())
        .auth_token("tok-bearer-123")
        .ignore_env(true)
        .header(TAG_HEADER, "bearer")
        .build()
        .unwrap();
    client.get("claude-opus-4-6").unwrap();
    let r = &server.requests("bearer")[0];
    assert_eq!(r.header("authorization"), Some("Bearer tok-bearer-123"));
    assert_eq!(r.header("x-api-key"), None);
}

#[test]
fn the_default_api_version_is_sent() {
    let server = server();
    server.client("default-version").get("claude-opus-4-6").unwrap();
    assert_eq!(server.requests("default-version")[0].header("anthropic-version"), Some("2023-06-01"));
}

#[test]
fn the_ca_bundle_is_used_for_tls() {
    let server = server();
    let client = builder_for(&format!("https://127.0.0.1:{}", server.port))
        .ca_bundle("/nonexistent/ca.pem")
        .max_retries(0)
        .build()
        .unwrap();
    let e = client.get("claude-opus-4-6").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.message().contains("/nonexistent/ca.pem"), "the bundle given was the one tried: {e}");
}
