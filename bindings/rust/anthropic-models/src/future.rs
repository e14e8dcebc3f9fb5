//! Futures of the asynchronous calls, for any executor.
//!
//! A call submits its C request at once. The request's completion callback
//! runs on the client's worker thread and fills a `Slot` shared with the
//! future; the waker is taken out under the slot's lock and woken after it is
//! released, so a waker that polls at once never meets a held lock. Dropping
//! the future frees the C request, which cancels it; the library then never
//! runs the callback, and a completion racing with the drop lands in a slot
//! nobody reads.

use crate::error::{Error, ErrorKind, Result};
use crate::model::Model;
use crate::page::Page;
use crate::raw::{ListHandle, ModelHandle, RequestHandle};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

enum State<T> {
    Waiting(Option<Waker>),
    Ready(Result<T>),
    Taken,
}

/// Where a request's outcome meets its future.
pub(crate) struct Slot<T> {
    state: Mutex<State<T>>,
}

impl<T> Slot<T> {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Slot { state: Mutex::new(State::Waiting(None)) })
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // Nothing panics while holding it, but a poisoned slot is still consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The request finished (on the worker thread). Only the first outcome counts.
    pub(crate) fn complete(&self, outcome: Result<T>) {
        let waker = {
            let mut state = self.lock();
            match &mut *state {
                State::Waiting(waker) => {
                    let waker = waker.take();
                    *state = State::Ready(outcome);
                    waker
                }
                State::Ready(_) | State::Taken => None,
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// The library released the request's userdata. After a completion this
    /// changes nothing; without one, the client was dropped with the request
    /// in flight (or the future itself is gone and nobody will look).
    pub(crate) fn close(&self) {
        self.complete(Err(Error::new(
            ErrorKind::Cancelled,
            "the request was cancelled: its client was dropped before it finished",
        )));
    }

    fn poll(&self, cx: &mut Context<'_>) -> Poll<Result<T>> {
        let mut state = self.lock();
        match std::mem::replace(&mut *state, State::Taken) {
            State::Ready(outcome) => Poll::Ready(outcome),
            State::Waiting(waker) => {
                let waker = match waker {
                    Some(w) if w.will_wake(cx.waker()) => w,
                    _ => cx.waker().clone(),
                };
                *state = State::Waiting(Some(waker));
                Poll::Pending
            }
            State::Taken => panic!("an anthropic_models future was polled after it completed"),
        }
    }
}

/// A request in flight (or a call that failed before anything was sent).
enum Pending<T> {
    InFlight { slot: Arc<Slot<T>>, request: Option<RequestHandle> },
    Failed(Option<Error>),
}

impl<T> Pending<T> {
    fn new(slot: Arc<Slot<T>>, submitted: Result<RequestHandle>) -> Self {
        match submitted {
            Ok(request) => Pending::InFlight { slot, request: Some(request) },
            Err(e) => Pending::Failed(Some(e)),
        }
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Result<T>> {
        match self {
            Pending::InFlight { slot, request } => {
                let outcome = slot.poll(cx);
                if outcome.is_ready() {
                    // Finished: free the C request now rather than with the future.
                    request.take();
                }
                outcome
            }
            Pending::Failed(error) => {
                Poll::Ready(Err(error.take().expect("an anthropic_models future was polled after it completed")))
            }
        }
    }
}

macro_rules! request_future {
    ($(#[$doc:meta])* $name:ident, $handle:ty, $output:ty, $convert:expr) => {
        $(#[$doc])*
        ///
        /// The request started when the future was created; dropping the
        /// future cancels it. `Send`, `Unpin`, and woken from the client's
        /// worker thread: it works on any executor.
        #[must_use = "the request runs anyway; dropping the future cancels it"]
        pub struct $name(Pending<$handle>);

        impl $name {
            pub(crate) fn new(slot: Arc<Slot<$handle>>, submitted: Result<RequestHandle>) -> Self {
                $name(Pending::new(slot, submitted))
            }
        }

        impl Future for $name {
            type Output = Result<$output>;
            fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                self.get_mut().0.poll(cx).map(|outcome| outcome.map($convert))
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }
    };
}

request_future!(
    /// The future of [`Client::get_async`](crate::Client::get_async).
    GetFuture, ModelHandle, Model, Model::from_handle
);
request_future!(
    /// The future of [`Client::list_async`](crate::Client::list_async).
    ListFuture, ListHandle, Page, Page::from_handle
);
request_future!(
    /// The future of [`Client::list_all_async`](crate::Client::list_all_async).
    ListAllFuture, ListHandle, Vec<Model>, |list| Page::from_handle(list).into_iter().collect()
);
