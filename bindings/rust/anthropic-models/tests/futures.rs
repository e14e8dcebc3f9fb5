//! The futures: awaited under tokio (multi-thread and current-thread) and
//! `futures::executor::block_on`, 200 in flight on one client, woken from
//! the client's worker thread without a lock held, `Send + 'static`.

mod common;

use anthropic_models::{ErrorKind, GetFuture, ListAllFuture, ListFuture, ListParams, Model};
use common::server;
use futures::executor::block_on;
use futures::future::join_all;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::ThreadId;
use std::time::Duration;

#[test]
fn futures_are_send_unpin_and_static() {
    fn check<F: Future + Send + Unpin + 'static>() {}
    check::<GetFuture>();
    check::<ListFuture>();
    check::<ListAllFuture>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn awaited_under_tokio_multi_thread() {
    let server = server();
    let client = server.client("tokio_mt");
    let model = client.get_async("claude-haiku-4-5").await.unwrap();
    assert_eq!(model.id(), "claude-haiku-4-5-20251001");
    let all = client.list_all_async(&ListParams::default().limit(4)).await.unwrap();
    assert_eq!(all.iter().map(Model::id).collect::<Vec<_>>(), server.model_ids());
    // Spawned tasks need Send + 'static futures: they do not borrow the client.
    let tasks: Vec<_> = ["claude-opus-4-6", "claude-sonnet-4-5"].map(|id| tokio::spawn(client.get_async(id))).into();
    for task in tasks {
        assert!(task.await.unwrap().unwrap().id().starts_with("claude-"));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn awaited_under_tokio_current_thread() {
    let server = server();
    let client = server.client("tokio_ct");
    let page = client.list_async(&ListParams::default().limit(3)).await.unwrap();
    assert_eq!(page.len(), 3);
    let e = client.get_async("claude-nonexistent").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    // Tokio's own timer still runs alongside: the runtime was never blocked.
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[test]
fn awaited_under_futures_block_on() {
    let server = server();
    let client = server.client("block_on");
    let model = block_on(client.get_async("claude-opus-4-6")).unwrap();
    assert_eq!(model.id(), "claude-opus-4-6");
    let page = block_on(client.list_async(&ListParams::default().limit(2))).unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(server.requests("block_on").len(), 2);
}

#[test]
fn a_call_that_cannot_be_sent_fails_at_once() {
    let server = server();
    let client = server.client("async_invalid");
    let e = block_on(client.get_async("nul\0byte")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = block_on(client.list_all_async(&ListParams::default().limit(0))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(server.requests("async_invalid").is_empty());
}

#[test]
fn two_hundred_futures_in_flight_on_one_client() {
    let server = server();
    let alias = "claude-3-opus-latest";
    // Each answer is held back a little, so the requests overlap on the server.
    server.add_fault(&format!(
        r#"{{"path_prefix":"/v1/models/{alias}","delay_ms":100,"pass_through":true,"times":200}}"#
    ));
    let client = server.client("two_hundred");
    let futures: Vec<GetFuture> = (0..200).map(|_| client.get_async(alias)).collect();
    let results = block_on(join_all(futures));
    assert_eq!(results.len(), 200);
    for r in results {
        assert_eq!(r.unwrap().id(), "claude-3-opus-20240229");
    }
    assert_eq!(server.requests("two_hundred").len(), 200);
    assert_eq!(server.pending_faults(), 0);
}

/// Records where it was woken, and polls the future from inside `wake`: a
/// lock held while waking would deadlock right there.
struct PollingWaker {
    future: Mutex<Option<GetFuture>>,
    woken_on: Mutex<Vec<ThreadId>>,
    outcome: Mutex<Option<Result<String, ErrorKind>>>,
    wakes: AtomicUsize,
}

impl Wake for PollingWaker {
    fn wake(self: Arc<Self>) {
        self.woken_on.lock().unwrap().push(std::thread::current().id());
        self.wakes.fetch_add(1, Ordering::SeqCst);
        let mut future = self.future.lock().unwrap();
        if let Some(f) = future.as_mut() {
            let waker = Waker::from(Arc::clone(&self));
            if let Poll::Ready(r) = Pin::new(f).poll(&mut Context::from_waker(&waker)) {
                *self.outcome.lock().unwrap() = Some(r.map(|m| m.id().to_string()).map_err(|e| e.kind()));
                *future = None;
            }
        }
    }
}

#[test]
fn woken_from_the_worker_thread_with_no_lock_held() {
    let server = server();
    let alias = "claude-opus-4-0";
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{alias}","delay_ms":100,"pass_through":true}}"#));
    let client = server.client("woken");
    let waker = Arc::new(PollingWaker {
        future: Mutex::new(Some(client.get_async(alias))),
        woken_on: Mutex::new(Vec::new()),
        outcome: Mutex::new(None),
        wakes: AtomicUsize::new(0),
    });
    {
        let mut future = waker.future.lock().unwrap();
        let w = Waker::from(Arc::clone(&waker));
        let first = Pin::new(future.as_mut().unwrap()).poll(&mut Context::from_waker(&w));
        assert!(first.is_pending(), "the server holds the answer for 100 ms");
    }
    common::wait_until("the waker polled the future to completion", || waker.outcome.lock().unwrap().is_some());
    assert_eq!(*waker.outcome.lock().unwrap(), Some(Ok("claude-opus-4-20250514".to_string())));
    assert_eq!(waker.wakes.load(Ordering::SeqCst), 1, "woken exactly once");
    let woken_on = waker.woken_on.lock().unwrap();
    assert_ne!(woken_on[0], std::thread::current().id(), "woken from the client's worker thread");
}

/// Panics when woken, which happens inside the C completion callback.
struct PanickingWaker(AtomicUsize);

impl Wake for PanickingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
        panic!("expected: a waker that panics");
    }
}

#[test]
fn a_panicking_waker_does_not_unwind_into_c() {
    common::silence_expected_panics("expected: a waker that panics");
    let server = server();
    let alias = "claude-3-5-haiku-latest";
    server.add_fault(&format!(r#"{{"path_prefix":"/v1/models/{alias}","delay_ms":100,"pass_through":true}}"#));
    let client = server.client("panicking_waker");
    let mut future = client.get_async(alias);
    let waker = Arc::new(PanickingWaker(AtomicUsize::new(0)));
    let as_waker = Waker::from(Arc::clone(&waker));
    assert!(Pin::new(&mut future).poll(&mut Context::from_waker(&as_waker)).is_pending());
    common::wait_until("the waker was woken", || waker.0.load(Ordering::SeqCst) > 0);
    // The process is still here, and so is the result.
    assert_eq!(block_on(future).unwrap().id(), "claude-3-5-haiku-20241022");
    assert_eq!(client.get(alias).unwrap().id(), "claude-3-5-haiku-20241022", "the client still works");
}
