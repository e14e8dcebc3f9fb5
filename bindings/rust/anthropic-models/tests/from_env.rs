//! `Client::from_env()` reads the ANTHROPIC_* variables. One test in its own
//! binary: it changes the process environment.

mod common;

use anthropic_models::{Client, ErrorKind};
use common::{server, TAG_HEADER};

#[test]
fn from_env_uses_the_environment() {
    let server = server();
    std::env::set_var("ANTHROPIC_BASE_URL", server.url());
    std::env::set_var("ANTHROPIC_API_KEY", "sk-ant-from-env");
    std::env::remove_var("ANTHROPIC_AUTH_TOKEN");
    let client = Client::from_env().unwrap();
    assert_eq!(client.get("claude-haiku-4-5").unwrap().id(), "claude-haiku-4-5-20251001");
    let sent: Vec<_> = server.log().into_iter().filter(|r| r.header("x-api-key") == Some("sk-ant-from-env")).collect();
    assert_eq!(sent.len(), 1);

    // An empty variable counts as unset; the token is then used.
    std::env::set_var("ANTHROPIC_API_KEY", "");
    std::env::set_var("ANTHROPIC_AUTH_TOKEN", "tok-from-env");
    let client = Client::from_env().unwrap();
    client.get("claude-haiku-4-5").unwrap();
    assert!(server.log().iter().any(|r| r.header("authorization") == Some("Bearer tok-from-env")));

    // The builder's settings win over the environment, and ignore_env drops it.
    let client =
        Client::builder().ignore_env(true).header(TAG_HEADER, "ignored").base_url(server.url()).build().unwrap();
    assert_eq!(client.get("claude-haiku-4-5").unwrap_err().kind(), ErrorKind::Authentication);
    assert!(server.requests("ignored").is_empty());
}
