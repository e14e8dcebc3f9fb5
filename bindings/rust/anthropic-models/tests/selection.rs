//! Selection on a `Page`: filters, ordering and lookups over the whole
//! catalogue (both shapes: models with capabilities and old ones without),
//! checked against the server's JSON read directly, and never a request.

mod common;

use anthropic_models::{ErrorKind, ListParams, Model, Page, Support};
use common::json::Json;
use common::{server, MockServer};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const EVERY_STAGE: &str = "&lifecycle[]=active&lifecycle[]=deprecated&lifecycle[]=retired";
/// The catalogue's models listed without `capabilities`.
const WITHOUT_CAPABILITIES: [&str; 3] =
    ["claude-3-5-sonnet-20240620", "claude-3-haiku-20240307", "claude-3-sonnet-20240229"];

/// Every model of every stage through the binding, the same read directly,
/// and the number of requests the tag had sent by then.
fn every_model(server: &MockServer, tag: &str) -> (Page, Vec<Json>, usize) {
    let client = server.client(tag);
    let params = ListParams::default().lifecycle("active").lifecycle("deprecated").lifecycle("retired");
    let page = client.list_all_page(&params).unwrap();
    let raw = server.raw_models(EVERY_STAGE);
    assert_eq!(ids(&page), raw.iter().map(id_of).collect::<Vec<_>>());
    (page, raw, server.requests(tag).len())
}

fn ids(page: &Page) -> Vec<String> {
    page.iter().map(|m| m.id().to_string()).collect()
}

fn id_of(json: &Json) -> String {
    field(json, "id").expect("an id").to_string()
}

fn field<'a>(json: &'a Json, name: &str) -> Option<&'a str> {
    json.get(name).and_then(Json::str)
}

/// The ids of the raw models `keep` accepts, in the server's order.
fn expected(raw: &[Json], keep: impl Fn(&Json) -> bool) -> Vec<String> {
    raw.iter().filter(|m| keep(m)).map(id_of).collect()
}

/// `capabilities.<path>.supported == true` in the server's JSON.
fn json_supports(model: &Json, path: &str) -> bool {
    let mut node = model.get("capabilities");
    for segment in path.split('.') {
        node = node.and_then(|n| n.get(segment));
    }
    node.and_then(|n| n.get("supported")) == Some(&Json::Bool(true))
}

#[test]
fn select_supported_keeps_only_yes_for_every_path() {
    let server = server();
    let (page, raw, sent) = every_model(&server, "supported");
    for id in WITHOUT_CAPABILITIES {
        let model = page.find(id).unwrap_or_else(|| panic!("{id} is listed"));
        assert_eq!(model.supports_path("image_input"), Support::Unknown, "{id}");
    }
    let cases: [&[&str]; 4] =
        [&["image_input"], &["image_input", "thinking.types.adaptive"], &["effort.max"], &["future_capability"]];
    for paths in cases {
        let kept = page.select_supported(paths).unwrap();
        let want = expected(&raw, |m| paths.iter().all(|p| json_supports(m, p)));
        assert!(!want.is_empty(), "{paths:?} selects something in the catalogue");
        assert_eq!(ids(&kept), want, "{paths:?}");
        for id in WITHOUT_CAPABILITIES {
            assert!(!ids(&kept).iter().any(|k| k == id), "{id} (unknown support) was kept for {paths:?}");
        }
        assert_eq!(kept.first_id(), want.first().map(String::as_str));
        assert_eq!(kept.last_id(), want.last().map(String::as_str));
        assert!(!kept.has_more());
    }
    // Owned strings work as well as string slices; no path keeps everything.
    let owned = page.select_supported(vec![String::from("pdf_input")]).unwrap();
    assert_eq!(ids(&owned), expected(&raw, |m| json_supports(m, "pdf_input")));
    assert_eq!(ids(&page.select_supported(Vec::<&str>::new()).unwrap()), ids(&page));
    assert_eq!(server.requests("supported").len(), sent, "selection sends no request");
}

#[test]
fn malformed_capability_paths_are_invalid_arguments() {
    let server = server();
    let (page, _, _) = every_model(&server, "malformed");
    for bad in ["", ".image_input", "thinking..types", "image input", "a,b", "image_input\0x"] {
        let e = page.select_supported(["image_input", bad]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad:?}: {e}");
        assert!(!e.message().is_empty());
    }
    let e = page.select_supported(["a\0b"]).unwrap_err();
    assert_eq!(e.message(), "capability path contains a NUL byte");
    assert_eq!(page.select_line("op\0us").unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(page.select_lifecycle("act\0ive").unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn select_lifecycle_and_line_match_the_server() {
    let server = server();
    let (page, raw, sent) = every_model(&server, "lifecycle_line");
    for stage in ["active", "deprecated", "retired", "unheard-of"] {
        let kept = page.select_lifecycle(stage).unwrap();
        assert_eq!(ids(&kept), expected(&raw, |m| field(m, "lifecycle") == Some(stage)), "{stage}");
    }
    for line in ["opus", "sonnet", "haiku"] {
        let kept = page.select_line(line).unwrap();
        let want = expected(&raw, |m| field(m, "line") == Some(line));
        assert!(!want.is_empty());
        assert_eq!(ids(&kept), want, "{line}");
        assert!(kept.iter().all(|m| m.line() == Some(line)));
    }
    assert!(page.select_line("mythos").unwrap().is_empty());
    assert_eq!(server.requests("lifecycle_line").len(), sent);
}

#[test]
fn select_retiring_before_is_strict_and_skips_unknown_dates() {
    let server = server();
    let (page, raw, _) = every_model(&server, "retiring");
    let mar_2026 = UNIX_EPOCH + Duration::from_secs(1_772_323_200); // 2026-03-01T00:00:00Z
    let kept = page.select_retiring_before(mar_2026).unwrap();
    let want = expected(&raw, |m| field(m, "retires_at").is_some_and(|r| r < "2026-03-01"));
    assert!(!want.is_empty());
    assert_eq!(ids(&kept), want);
    // Strictly before: at the very second of a retirement it is not kept; a
    // nanosecond later it is (the time rounds up, never down).
    let feb_19 = UNIX_EPOCH + Duration::from_secs(common::time::unix_seconds("2026-02-19T00:00:00Z") as u64);
    let at = ids(&page.select_retiring_before(feb_19).unwrap());
    let after = ids(&page.select_retiring_before(feb_19 + Duration::from_nanos(1)).unwrap());
    assert!(!at.iter().any(|id| id == "claude-3-7-sonnet-20250219"), "{at:?}");
    assert!(after.iter().any(|id| id == "claude-3-7-sonnet-20250219"), "{after:?}");
    assert!(page.select_retiring_before(UNIX_EPOCH).unwrap().is_empty());
    assert!(page.select_retiring_before(UNIX_EPOCH - Duration::from_secs(5)).unwrap().is_empty());
    let far = page.select_retiring_before(SystemTime::now() + Duration::from_secs(100 * 365 * 86_400)).unwrap();
    assert_eq!(ids(&far), expected(&raw, |m| field(m, "retires_at").is_some()));
}

#[test]
fn sort_by_created_both_ways_with_undated_models_last() {
    let server = server();
    let (page, _, _) = every_model(&server, "sort");
    for newest_first in [true, false] {
        let sorted = page.sort_by_created(newest_first).unwrap();
        assert_eq!(sorted.len(), page.len());
        let dates: Vec<Option<SystemTime>> = sorted.iter().map(|m| m.created_at()).collect();
        let dated = dates.iter().take_while(|d| d.is_some()).count();
        assert!(dated < dates.len(), "the catalogue has a model with the epoch as its date");
        assert!(dates[dated..].iter().all(Option::is_none), "undated models come last: {dates:?}");
        for pair in dates[..dated].windows(2) {
            assert!(if newest_first { pair[0] >= pair[1] } else { pair[0] <= pair[1] }, "{pair:?}");
        }
    }
    let newest = page.sort_by_created(true).unwrap();
    let oldest = page.sort_by_created(false).unwrap();
    assert_eq!(newest.get(0).unwrap().id(), "claude-opus-4-6");
    assert_eq!(oldest.get(0).unwrap().created_at_rfc3339(), Some("2024-02-29T00:00:00Z"));
    assert_eq!(oldest.get(oldest.len() - 1).unwrap().id(), "claude-2.1");
}

#[test]
fn find_by_id_or_prefix_and_the_newest_of_a_line() {
    let server = server();
    let (page, _, sent) = every_model(&server, "find");
    let found = |s: &str| page.find(s).map(|m| m.id().to_string());
    assert_eq!(found("claude-opus-4-6").as_deref(), Some("claude-opus-4-6"));
    assert_eq!(found("claude-sonnet-4-5").as_deref(), Some("claude-sonnet-4-5-20250929"));
    assert_eq!(found("claude-opus-4").as_deref(), Some("claude-opus-4-6"), "a prefix finds the newest");
    assert_eq!(found("claude-3-5-haiku").as_deref(), Some("claude-3-5-haiku-20241022"));
    for nothing in ["claude-opus-4-", "claude-sonnet-4-5-2025", "", "claude-opus-4-6\0"] {
        assert_eq!(found(nothing), None, "{nothing:?}");
    }
    let newest = |line: Option<&str>| page.newest(line).map(|m| m.id().to_string());
    assert_eq!(newest(Some("opus")).as_deref(), Some("claude-opus-4-6"));
    assert_eq!(newest(Some("sonnet")).as_deref(), Some("claude-sonnet-4-5-20250929"));
    assert_eq!(newest(Some("haiku")).as_deref(), Some("claude-haiku-4-5-20251001"));
    assert_eq!(newest(None).as_deref(), Some("claude-opus-4-6"));
    assert_eq!(newest(Some("mythos")), None);
    assert_eq!(newest(Some("op\0us")), None);
    // Lookups on a selected page see only its models.
    let haiku = page.select_line("haiku").unwrap();
    assert_eq!(haiku.newest(None).map(|m| m.id().to_string()).as_deref(), Some("claude-haiku-4-5-20251001"));
    assert!(haiku.find("claude-opus-4-6").is_none());
    assert_eq!(server.requests("find").len(), sent);
}

#[test]
fn selected_pages_and_found_models_outlive_their_source() {
    let server = server();
    let (page, _, _) = every_model(&server, "outlive");
    let opus = page.select_line("opus").unwrap();
    let found: Model = page.find("claude-sonnet-4-5").unwrap();
    drop(page); // `found` keeps the source's models; `opus` needs none of it
    assert!(opus.iter().all(|m| m.line() == Some("opus")));
    assert_eq!(found.id(), "claude-sonnet-4-5-20250929");
    assert_eq!(found.line(), Some("sonnet"));
    assert!(!opus.from_cache() && !opus.is_stale() && opus.age().is_zero());
}
