//! `get` by id and alias, and every field of every model compared with the
//! JSON the server sent (read without the binding): strings, numbers, times,
//! the capability tree, effort levels, thinking types and the raw JSON.

mod common;

use anthropic_models::{Capability, ErrorKind, ListParams, Model, Support};
use common::json::Json;
use common::server;
use common::time::unix_seconds;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[test]
fn get_by_alias_returns_the_canonical_model() {
    let server = server();
    let client = server.client("alias");
    let model = client.get("claude-sonnet-4-5").unwrap();
    assert_eq!(model.id(), "claude-sonnet-4-5-20250929");
    assert_eq!(model.display_name(), Some("Claude Sonnet 4.5"));
    let sent = server.requests("alias");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/v1/models/claude-sonnet-4-5");
    assert_eq!(client.get("claude-sonnet-4-5-20250929").unwrap().id(), model.id());
}

fn str_field<'a>(json: &'a Json, key: &str) -> Option<&'a str> {
    json.get(key).and_then(Json::str)
}

fn num_field(json: &Json, key: &str) -> Option<u64> {
    json.get(key).and_then(Json::num).map(|n| n as u64)
}

/// A time field as the library reports it: unknown when absent or the epoch.
fn time_field(json: &Json, key: &str) -> Option<SystemTime> {
    let seconds = unix_seconds(str_field(json, key)?);
    (seconds != 0).then(|| UNIX_EPOCH + Duration::from_secs(seconds as u64))
}

/// Every node with a support value, depth first in the server's order, a
/// group before its members (the C library's documented walk).
fn capability_entries(prefix: &str, node: &Json, out: &mut Vec<(String, Support)>) {
    for (key, value) in node.fields() {
        if key == "supported" {
            continue;
        }
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let support = |v: &Json| match v {
            Json::Bool(true) => Some(Support::Yes),
            Json::Bool(false) => Some(Support::No),
            _ => None,
        };
        match value {
            Json::Object(_) => {
                if let Some(s) = value.get("supported").and_then(support) {
                    out.push((path.clone(), s));
                }
                capability_entries(&path, value, out);
            }
            other => {
                if let Some(s) = support(other) {
                    out.push((path, s));
                }
            }
        }
    }
}

fn check_model(model: &Model, json: &Json) {
    let id = str_field(json, "id").unwrap();
    assert_eq!(model.id(), id);
    assert_eq!(model.display_name(), str_field(json, "display_name"), "{id}");
    assert_eq!(model.model_type(), str_field(json, "type"), "{id}");
    assert_eq!(model.created_at_rfc3339(), str_field(json, "created_at"), "{id}");
    assert_eq!(model.created_at(), time_field(json, "created_at"), "{id}");
    assert_eq!(model.deprecated_at_rfc3339(), str_field(json, "deprecated_at"), "{id}");
    assert_eq!(model.deprecated_at(), time_field(json, "deprecated_at"), "{id}");
    assert_eq!(model.retires_at_rfc3339(), str_field(json, "retires_at"), "{id}");
    assert_eq!(model.retires_at(), time_field(json, "retires_at"), "{id}");
    assert_eq!(model.max_input_tokens(), num_field(json, "max_input_tokens"), "{id}");
    assert_eq!(model.max_tokens(), num_field(json, "max_tokens"), "{id}");
    assert_eq!(model.lifecycle(), str_field(json, "lifecycle"), "{id}");
    assert_eq!(model.line(), str_field(json, "line"), "{id}");
    assert_eq!(Json::parse(model.json()), *json, "{id}: json() is the object the server sent");

    let mut expected = Vec::new();
    if let Some(caps @ Json::Object(_)) = json.get("capabilities") {
        capability_entries("", caps, &mut expected);
    }
    let got: Vec<(String, Support)> = model.capabilities().map(|(p, s)| (p.to_string(), s)).collect();
    assert_eq!(got, expected, "{id}: capabilities()");
    for (path, support) in &expected {
        assert_eq!(model.supports_path(path), *support, "{id}: {path}");
    }
    for cap in Capability::ALL {
        let want = expected.iter().find(|(p, _)| p == cap.path()).map_or(Support::Unknown, |(_, s)| *s);
        assert_eq!(model.supports(cap), want, "{id}: {cap}");
    }
    let supported_members = |group: &str| -> Vec<String> {
        let prefix = format!("{group}.");
        expected
            .iter()
            .filter(|(p, s)| *s == Support::Yes && p.starts_with(&prefix) && !p[prefix.len()..].contains('.'))
            .map(|(p, _)| p[prefix.len()..].to_string())
            .collect()
    };
    let mut efforts: Vec<String> = model.effort_levels().map(str::to_string).collect();
    let mut want_efforts = supported_members("effort");
    efforts.sort();
    want_efforts.sort();
    assert_eq!(efforts, want_efforts, "{id}: effort levels");
    let mut thinking: Vec<String> = model.thinking_types().map(str::to_string).collect();
    let mut want_thinking = supported_members("thinking.types");
    thinking.sort();
    want_thinking.sort();
    assert_eq!(thinking, want_thinking, "{id}: thinking types");
}

#[test]
fn every_field_of_every_model_matches_the_server() {
    let server = server();
    let client = server.client("fields");
    let raw = server.raw_models("&lifecycle[]=active&lifecycle[]=deprecated&lifecycle[]=retired");
    let params = ListParams::default().lifecycle("active").lifecycle("deprecated").lifecycle("retired");
    let models = client.list_all(&params).unwrap();
    assert_eq!(models.len(), raw.len());
    for (model, json) in models.iter().zip(&raw) {
        check_model(model, json);
    }
    // And a model from `get` reads the same as its list entry.
    let opus = client.get("claude-opus-4-6").unwrap();
    check_model(&opus, raw.iter().find(|m| str_field(m, "id") == Some("claude-opus-4-6")).unwrap());
}

#[test]
fn well_known_values() {
    let server = server();
    let client = server.client("known");
    let opus = client.get("claude-opus-4-6").unwrap();
    assert_eq!(opus.created_at(), Some(UNIX_EPOCH + Duration::from_secs(1_770_163_200)));
    assert_eq!(opus.max_tokens(), Some(128_000));
    assert_eq!(opus.effort_levels().collect::<Vec<_>>(), ["low", "medium", "high", "max", "xhigh"]);
    assert_eq!(opus.thinking_types().collect::<Vec<_>>(), ["adaptive", "enabled", "disabled", "between_tools"]);
    assert_eq!(opus.supports(Capability::EffortXhigh), Support::Yes);
    // A capability newer than this release, by path and in the enumeration.
    assert_eq!(opus.supports_path("future_capability"), Support::Yes);
    assert!(opus.capabilities().any(|(p, s)| p == "future_capability" && s == Support::Yes));
    assert_eq!(opus.supports_path("no.such.capability"), Support::Unknown);
    assert_eq!(opus.supports_path("nul\0byte"), Support::Unknown);

    let sonnet = client.get("claude-sonnet-4-5").unwrap();
    assert_eq!(sonnet.supports(Capability::ThinkingTypesAdaptive), Support::No);
    assert_eq!(sonnet.effort_levels().count(), 0);
    assert!(sonnet.json().contains("\"future_field\""), "unknown fields are kept");

    // Old-shape model: no capabilities at all, so everything is unknown.
    let old = client.get("claude-3-haiku-20240307").unwrap();
    assert_eq!(old.capabilities().count(), 0);
    assert!(Capability::ALL.iter().all(|c| old.supports(*c) == Support::Unknown));
    assert_eq!(old.lifecycle(), None);
    assert_eq!(old.max_tokens(), None);

    // The epoch is the API's marker for an unknown date.
    let ancient = client.get("claude-2.1").unwrap();
    assert_eq!(ancient.created_at_rfc3339(), Some("1970-01-01T00:00:00Z"));
    assert_eq!(ancient.created_at(), None);
    assert_eq!(
        ancient.deprecated_at(),
        Some(UNIX_EPOCH + Duration::from_secs(unix_seconds("2024-07-21T00:00:00Z") as u64))
    );
}

#[test]
fn capabilities_round_trip_their_paths() {
    let mut paths: Vec<&str> = Capability::ALL.iter().map(|c| c.path()).collect();
    assert!(paths.iter().all(|p| !p.is_empty()));
    assert_eq!(Capability::from_path("effort.xhigh"), Some(Capability::EffortXhigh));
    assert_eq!(Capability::ThinkingTypesAdaptive.to_string(), "thinking.types.adaptive");
    for cap in Capability::ALL {
        assert_eq!(Capability::from_path(cap.path()), Some(cap));
    }
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), Capability::ALL.len());
    assert_eq!(Capability::from_path("future_capability"), None);
}

#[test]
fn unknown_model_is_not_found() {
    let server = server();
    let client = server.client("missing");
    let e = client.get("claude-nonexistent-1").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.http_status(), Some(404));
    assert_eq!(e.error_type(), Some("not_found_error"));
    assert!(e.message().contains("claude-nonexistent-1"), "{e}");
    assert!(e.request_id().is_some_and(|id| id.starts_with("req_")), "{e:?}");
    assert_eq!(e.attempts(), 1, "404 is not retried");
}
