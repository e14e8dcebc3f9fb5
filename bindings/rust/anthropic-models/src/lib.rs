//! A safe client for Anthropic's Models API (`GET /v1/models`,
//! `GET /v1/models/{id}`) on top of the C library `libanthropic_models`
//! (through `anthropic-models-sys`).
//!
//! ```no_run
//! use anthropic_models::{Capability, Client, ListParams, Support};
//!
//! # async fn demo() -> anthropic_models::Result<()> {
//! let client = Client::builder().api_key("sk-ant-...").max_retries(3).build()?; // or Client::from_env()?
//! let model = client.get("claude-sonnet-4-5")?;
//! if model.supports(Capability::ThinkingTypesAdaptive) == Support::Yes {
//!     println!("{} thinks adaptively", model.id());
//! }
//! for m in client.models(&ListParams::default()) {
//!     println!("{}", m?.id()); // pages are fetched as the loop goes
//! }
//! let all = client.list_all_async(&ListParams::default()).await?; // any executor
//! # Ok(()) }
//! ```
//!
//! With a cache ([`ClientBuilder::cache_ttl`], [`ClientBuilder::cache_dir`]),
//! a model picker neither refetches the catalogue on every window nor comes
//! up empty when the network is down:
//!
//! ```no_run
//! # use anthropic_models::{Client, ListParams};
//! # use std::time::Duration;
//! # fn demo() -> anthropic_models::Result<()> {
//! let client = Client::builder().cache_ttl(Duration::from_secs(3600)).cache_dir("/var/cache/my-app").build()?;
//! let all = client.list_all_page(&ListParams::default())?; // a hit sends nothing
//! if all.is_stale() {
//!     eprintln!("offline: the catalogue is {:?} old", all.age());
//! }
//! let picker = all.select_supported(["image_input", "thinking.types.adaptive"])?;
//! let opus = all.newest(Some("opus"));
//! # Ok(()) }
//! ```
//!
//! Threads: [`Client`] is `Send + Sync` — share one. [`Model`] and [`Page`]
//! are immutable, `Send + Sync`, cheap to clone, and outlive the client.
//! Futures are `Send`, woken from the client's worker thread, and dropping
//! one cancels its request. Retries, pagination of `list_all` and decoding
//! are the C library's; this crate converts types and errors and owns the
//! native handles.
//!
//! All `unsafe` code is in one private module (`raw`); everything else is
//! checked by `#![deny(unsafe_code)]`.
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

mod args;
mod capability;
mod client;
mod error;
mod future;
mod logging;
mod model;
mod page;
mod pager;
mod params;
#[allow(unsafe_code)]
mod raw;
mod selection;

pub use capability::{Capability, Support};
pub use client::{Client, ClientBuilder};
pub use error::{Error, ErrorKind, Result};
pub use future::{GetFuture, ListAllFuture, ListFuture};
pub use logging::LOG_TARGET;
pub use model::{Capabilities, Model, Strings};
pub use page::{Page, PageIter};
pub use pager::Models;
pub use params::ListParams;

/// The version of the linked C library, e.g. `"0.1.0"`.
pub fn library_version() -> &'static str {
    raw::version()
}

/// How many native handles (clients, lists, owned models, requests,
/// configuration and error handles) and callback contexts this crate holds
/// right now, across all threads. A diagnostic: once every value of this
/// crate is dropped and every request finished, it is back where it started.
pub fn live_handles() -> usize {
    raw::live_handles()
}
