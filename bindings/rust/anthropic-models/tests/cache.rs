//! The client's cache through the binding, observed in the server's request
//! log: a fresh hit sends nothing (blocking and async), refresh bypasses,
//! invalidate forgets, a disk listing outlives the server (served stale with
//! its age), offline mode fails with `NotCached` when nothing is cached,
//! stale-while-revalidate, and 16 threads sharing one request.
//!
//! Tests that queue a fault on `/v1/models` or stop the server use a server
//! of their own: the faults of a shared one would hit the other tests.

mod common;

use anthropic_models::{ClientBuilder, ErrorKind, ListParams, Page};
use common::{builder_for, server, MockServer};
use futures::executor::block_on;
use std::path::{Path, PathBuf};
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

/// A fresh empty directory, removed with its content afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("am-rust-cache-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn files(&self) -> usize {
        std::fs::read_dir(&self.0).unwrap().count()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ids(page: &Page) -> Vec<String> {
    page.iter().map(|m| m.id().to_string()).collect()
}

/// A client with a one-hour cache and no retries (a failed refresh fails at once).
fn cached(builder: ClientBuilder) -> ClientBuilder {
    builder.cache_ttl(HOUR).max_retries(0)
}

#[test]
fn a_fresh_hit_sends_no_request() {
    let server = server();
    let expected = server.model_ids();
    let client = cached(server.client_builder("hit")).build().unwrap();
    let first = client.list_all_page(&ListParams::default()).unwrap();
    assert!(!first.from_cache() && !first.is_stale());
    assert_eq!(first.age(), Duration::ZERO);
    assert_eq!(server.requests("hit").len(), 1);

    let second = client.list_all_page(&ListParams::default()).unwrap();
    assert!(second.from_cache(), "{second:?}");
    assert!(!second.is_stale());
    assert_eq!(ids(&second), expected);
    let all = client.list_all(&ListParams::default()).unwrap();
    assert_eq!(all.len(), expected.len());
    // A get of a listed id is answered by the fresh listing.
    assert_eq!(client.get("claude-opus-4-6").unwrap().id(), "claude-opus-4-6");
    assert_eq!(server.requests("hit").len(), 1, "hits send no request");

    // Another lifecycle filter is another answer; `list` is never cached.
    let retired = client.list_all_page(&ListParams::default().lifecycle("retired")).unwrap();
    assert!(!retired.from_cache());
    assert!(!client.list(&ListParams::default()).unwrap().from_cache());
    assert_eq!(server.requests("hit").len(), 3);
}

#[test]
fn refresh_bypasses_and_invalidate_forgets() {
    let server = server();
    let client = cached(server.client_builder("refresh")).build().unwrap();
    client.list_all_page(&ListParams::default()).unwrap();
    let refreshed = client.list_all_page(&ListParams::default().refresh(true)).unwrap();
    assert!(!refreshed.from_cache());
    assert_eq!(server.requests("refresh").len(), 2, "refresh sends a request despite the fresh entry");
    assert!(client.list_all_page(&ListParams::default()).unwrap().from_cache(), "and repopulates the cache");
    assert_eq!(server.requests("refresh").len(), 2);

    client.invalidate_cache();
    assert!(!client.list_all_page(&ListParams::default()).unwrap().from_cache());
    assert_eq!(server.requests("refresh").len(), 3);
}

#[test]
fn an_async_hit_completes_without_a_request() {
    let server = server();
    let client = cached(server.client_builder("async_hit")).build().unwrap();
    let first = block_on(client.list_all_page_async(&ListParams::default())).unwrap();
    assert!(!first.from_cache());
    let hit = block_on(client.list_all_page_async(&ListParams::default())).unwrap();
    assert!(hit.from_cache());
    assert_eq!(ids(&hit), ids(&first));
    let all = block_on(client.list_all_async(&ListParams::default())).unwrap();
    assert_eq!(all.len(), first.len());
    assert_eq!(block_on(client.get_async("claude-haiku-4-5-20251001")).unwrap().line(), Some("haiku"));
    assert_eq!(server.requests("async_hit").len(), 1, "the async hits sent nothing");
}

#[test]
fn the_disk_listing_is_served_stale_with_its_age_when_the_server_is_gone() {
    let dir = TempDir::new("stopped");
    let own = MockServer::start(&[]);
    let url = own.url();
    let expected = own.model_ids();
    {
        let writer = cached(builder_for(&url)).cache_dir(dir.path()).build().unwrap();
        assert!(!writer.list_all_page(&ListParams::default()).unwrap().from_cache());
    }
    assert_eq!(dir.files(), 1, "one listing on disk");
    drop(own); // the port is closed now
    let waited = Duration::from_millis(300);
    std::thread::sleep(waited);

    // A new client (a new process would read the same file): TTL 1 ms, so
    // the file is expired and the refresh meets a closed port.
    let reader = builder_for(&url).cache_ttl(Duration::from_millis(1)).max_retries(0).cache_dir(dir.path());
    let stale = reader.clone().build().unwrap().list_all_page(&ListParams::default()).unwrap();
    assert!(stale.is_stale() && stale.from_cache(), "{stale:?}");
    assert!(stale.age() >= waited, "{:?}", stale.age());
    assert!(stale.age() < waited + Duration::from_secs(20), "{:?}", stale.age());
    assert_eq!(ids(&stale), expected);
    // Selection keeps the marks.
    let opus = stale.select_line("opus").unwrap();
    assert!(opus.is_stale() && opus.from_cache() && opus.age() == stale.age());

    // Offline mode serves the same file without trying the network...
    let offline = reader.offline(true).build().unwrap().list_all_page(&ListParams::default()).unwrap();
    assert!(offline.from_cache() && offline.is_stale());
    assert_eq!(ids(&offline), expected);
    // ...but without a cache at all the server being gone is an error.
    let e = builder_for(&url).max_retries(0).build().unwrap().list_all_page(&ListParams::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
}

#[test]
fn offline_with_nothing_cached_is_not_cached_and_sends_nothing() {
    let server = server();
    let dir = TempDir::new("offline-empty");
    let client = server.client_builder("offline").offline(true).cache_dir(dir.path()).build().unwrap();
    let e = client.list_all_page(&ListParams::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotCached, "{e}");
    assert_eq!(e.kind().name(), "not_cached");
    assert!(e.to_string().starts_with("not_cached: "), "{e}");
    assert_eq!(client.get("claude-opus-4-6").unwrap_err().kind(), ErrorKind::NotCached);
    assert_eq!(client.list(&ListParams::default()).unwrap_err().kind(), ErrorKind::NotCached);
    let e = block_on(client.list_all_async(&ListParams::default())).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotCached);
    assert_eq!(server.requests("offline").len(), 0, "offline never touches the network");
    assert_eq!(dir.files(), 0);
}

#[test]
fn bad_cache_settings_are_clear_errors() {
    let server = server();
    let e = server.client_builder("bad").cache_dir("/tmp/am-cache\0dir").build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_eq!(e.message(), "cache directory contains a NUL byte");
    assert_eq!(server.client_builder("bad").cache_dir("").build().unwrap_err().kind(), ErrorKind::InvalidArgument);
    // A path that is a file cannot be the cache directory.
    let dir = TempDir::new("not-a-dir");
    let file = dir.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    let e = server.client_builder("bad").cache_dir(&file).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    // The TTL is 0 (off) to 30 days.
    let e = server.client_builder("bad").cache_ttl(Duration::from_secs(31 * 86_400)).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(server.client_builder("bad").cache_ttl(Duration::from_secs(30 * 86_400)).build().is_ok());
}

#[test]
fn stale_while_revalidate_answers_at_once_and_refreshes_behind() {
    let server = server();
    // Long enough that the refreshed entry is still fresh when the loop looks.
    let ttl = Duration::from_secs(1);
    let client = server.client_builder("swr").cache_ttl(ttl).stale_while_revalidate(true).build().unwrap();
    client.list_all_page(&ListParams::default()).unwrap();
    std::thread::sleep(ttl + Duration::from_millis(100));
    let stale = client.list_all_page(&ListParams::default()).unwrap();
    assert!(stale.from_cache() && stale.is_stale(), "the expired entry is served: {stale:?}");
    // The background refresh lands: the entry is fresh again, one request more.
    common::wait_until("the background refresh landed", || {
        let page = client.list_all_page(&ListParams::default()).unwrap();
        page.from_cache() && !page.is_stale()
    });
    assert_eq!(server.requests("swr").len(), 2);
}

#[test]
fn sixteen_threads_share_one_request() {
    let own = MockServer::start(&[]);
    let expected = own.model_ids();
    // The first request is slow, so the other threads' calls arrive meanwhile.
    own.add_fault(r#"{"path_prefix":"/v1/models","delay_ms":300,"pass_through":true}"#);
    let client = cached(own.client_builder("flight")).build().unwrap();
    let pages: Vec<Page> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..16).map(|_| scope.spawn(|| client.list_all_page(&ListParams::default()).unwrap())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(own.pending_faults(), 0, "the delayed request was sent");
    for page in &pages {
        assert_eq!(ids(page), expected);
    }
    assert_eq!(own.requests("flight").len(), 1, "16 concurrent identical calls, one request");
}
