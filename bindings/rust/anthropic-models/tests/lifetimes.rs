//! Native handles are released: after the suite's representative calls, after
//! a future dropped mid-request (the server sees that request cut off), and
//! after a client dropped with calls in flight (their futures resolve as
//! cancelled). `live_handles()` counts what the crate holds across threads,
//! so these tests take turns.

mod common;

use anthropic_models::{live_handles, Client, ErrorKind, ListParams, Model};
use common::server;
use futures::executor::block_on;
use futures::FutureExt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    let waker = futures::task::noop_waker();
    Pin::new(future).poll(&mut Context::from_waker(&waker))
}

/// The library releases a request's callback context on its worker thread
/// just after the callback that completed the future: wait for the count to
/// come back (a leak never does).
fn assert_settles_at(expected: usize, what: &str) {
    common::wait_until(what, || live_handles() == expected);
}

/// Waits until the server has taken every queued fault (so the requests that
/// meet them have arrived).
fn wait_until_faults_taken(server: &common::MockServer) {
    common::wait_until("the server received the request", || server.pending_faults() == 0);
}

#[test]
fn representative_calls_release_every_handle() {
    let _turn = exclusive();
    let before = live_handles();
    {
        let server = server();
        let client = server.client("leaks");
        let model = client.get("claude-sonnet-4-5").unwrap();
        let page = client.list(&ListParams::default().limit(3)).unwrap();
        let first: Model = page.get(0).unwrap();
        let all = client.list_all(&ListParams::default().limit(5)).unwrap();
        let some: Vec<_> = client.models(&ListParams::default().limit(2)).take(3).collect();
        let unknown = client.get("claude-nonexistent").unwrap_err();
        let invalid = client.list(&ListParams::default().limit(0)).unwrap_err();
        let awaited = block_on(client.get_async("claude-opus-4-6")).unwrap();
        let awaited_all = block_on(client.list_all_async(&ListParams::default())).unwrap();
        let failed = block_on(client.get_async("claude-nonexistent")).unwrap_err();
        let clones: Vec<Model> = (0..10).map(|_| model.clone()).chain((0..10).map(|_| first.clone())).collect();
        assert!(live_handles() > before, "the crate counts what it holds");
        drop(client);
        // Everything read after the client is gone, then dropped in a scrambled order.
        assert_eq!(model.id(), "claude-sonnet-4-5-20250929");
        assert_eq!(first.id(), all[0].id());
        assert_eq!(awaited_all.len(), all.len());
        assert_eq!(
            (unknown.kind(), invalid.kind(), failed.kind()),
            (ErrorKind::NotFound, ErrorKind::InvalidArgument, ErrorKind::NotFound)
        );
        drop(page);
        drop((clones, some, awaited));
        drop((all, model, first, awaited_all));
    }
    assert_settles_at(before, "every native handle was released");
}

#[test]
fn a_dropped_future_cancels_its_request_and_releases_everything() {
    let _turn = exclusive();
    let server = server();
    let alias = "claude-opus-4-5";
    let client = server.client("dropped");
    assert!(client.get(alias).is_ok(), "a warm, kept-alive connection");
    let before = live_handles();
    // The server holds the next answer back for two seconds.
    const HELD_MS: u64 = 2000;
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{alias}","delay_ms":{HELD_MS},"pass_through":true}}"#));
    let mut future = client.get_async(alias);
    assert!(poll_once(&mut future).is_pending());
    wait_until_faults_taken(&server);
    assert_eq!(live_handles(), before + 2, "the request and its callback context");
    let held = server.requests("dropped").pop().unwrap();

    let started = Instant::now();
    drop(future);
    assert!(started.elapsed() < Duration::from_millis(HELD_MS / 2), "dropping does not wait for the server");
    assert_eq!(live_handles(), before, "request freed and its userdata released at once");

    // Had the transfer gone on, it would have finished by now and its
    // connection would be back in the client's pool for the next call. It
    // was cut instead: the next call needs a new connection.
    std::thread::sleep(Duration::from_millis(HELD_MS + 300));
    assert_eq!(client.get(alias).unwrap().id(), "claude-opus-4-5-20251101");
    let sent = server.requests("dropped");
    assert_eq!(sent.len(), 3, "warm-up, the dropped one (never retried), the next: {sent:?}");
    assert_ne!(sent[2].remote_port, held.remote_port, "the cancelled request's connection was closed");
    drop(client);
    assert_eq!(live_handles(), before - 1, "and the client's own handle");
}

#[test]
fn dropping_the_client_cancels_calls_in_flight() {
    let _turn = exclusive();
    let server = server();
    let alias = "claude-opus-4-1";
    let before = live_handles();
    let client = server.client("closed");
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{alias}","action":"never_answer","times":5}}"#));
    let mut futures: Vec<_> = (0..5).map(|_| client.get_async(alias)).collect();
    for f in &mut futures {
        assert!(poll_once(f).is_pending());
    }
    let list = client.list_all_async(&ListParams::default());
    wait_until_faults_taken(&server);

    let started = Instant::now();
    drop(client);
    assert!(started.elapsed() < Duration::from_secs(2), "in-flight calls are cancelled, not awaited");
    for f in futures {
        let e = f.now_or_never().expect("resolved when the client was dropped").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Cancelled, "{e}");
    }
    // One that may have finished before the drop, or been cancelled by it.
    match block_on(list) {
        Ok(models) => assert!(!models.is_empty()),
        Err(e) => assert_eq!(e.kind(), ErrorKind::Cancelled),
    }
    assert_eq!(live_handles(), before);
}

#[test]
fn completions_racing_with_drops_are_harmless() {
    let _turn = exclusive();
    let server = server();
    let before = live_handles();
    let client = server.client("races");
    for i in 0..200 {
        let mut future = client.get_async("claude-haiku-4-5");
        if i % 2 == 0 {
            let _ = poll_once(&mut future); // a waker is registered, and may be woken mid-drop
        }
        std::thread::sleep(Duration::from_micros((i % 7) * 150));
        drop(future);
    }
    drop(client);
    assert_eq!(live_handles(), before);
}

/// Holds the last handle of a client and drops it when woken, which happens
/// on that client's own worker thread.
struct DropsClientWhenWoken(Mutex<Option<Client>>);

impl Wake for DropsClientWhenWoken {
    fn wake(self: Arc<Self>) {
        self.0.lock().unwrap().take();
    }
}

#[test]
fn a_client_dropped_by_a_waker_on_its_worker_thread_is_freed_elsewhere() {
    let _turn = exclusive();
    let server = server();
    let alias = "claude-sonnet-4-0";
    let before = live_handles();
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{alias}","delay_ms":50,"pass_through":true}}"#));
    let client = server.client("dropped-in-wake");
    let mut future = client.get_async(alias);
    let waker = Arc::new(DropsClientWhenWoken(Mutex::new(Some(client))));
    let as_waker = Waker::from(Arc::clone(&waker));
    assert!(Pin::new(&mut future).poll(&mut Context::from_waker(&as_waker)).is_pending());

    common::wait_until("the waker dropped the client", || waker.0.lock().unwrap().is_none());
    let model = future.now_or_never().expect("complete once woken").unwrap();
    assert_eq!(model.id(), "claude-sonnet-4-20250514");
    drop(model);
    assert_settles_at(before, "the client was freed from another thread");
}
