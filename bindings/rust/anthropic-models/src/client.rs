//! `Client` and `ClientBuilder`.

use crate::args::{c_path, c_string, clamp_i32, clamp_i64, millis};
use crate::error::{Error, ErrorKind, Result};
use crate::future::{GetFuture, ListAllFuture, ListFuture, Slot};
use crate::model::Model;
use crate::page::Page;
use crate::pager::Models;
use crate::params::ListParams;
use crate::raw::{self, ClientHandle, Config, ListHandle, RequestHandle};
use anthropic_models_sys as sys;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A client of the Models API.
///
/// `Send + Sync`: the C client is thread-safe ("a client may be used from any
/// number of threads at once"), so share one (`Arc<Client>`, or scoped
/// threads) rather than making one per thread; its single worker thread runs
/// every request over kept-alive connections.
///
/// Blocking methods (`get`, `list`, `list_all`, `models`) wait on the calling
/// thread. The `*_async` methods return futures that work on any executor.
/// Dropping the client cancels the requests still in flight; their futures
/// then resolve to [`ErrorKind::Cancelled`].
pub struct Client {
    raw: ClientHandle,
}

impl Client {
    /// Every setting, each one optional; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured by the environment only: `ANTHROPIC_API_KEY`
    /// (or `ANTHROPIC_AUTH_TOKEN`), `ANTHROPIC_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().build()
    }

    /// `GET /v1/models/{id}`: a model by id or alias (the result carries the canonical id).
    pub fn get(&self, model_id_or_alias: &str) -> Result<Model> {
        let id = c_string("model id", model_id_or_alias)?;
        self.raw.get(&id).map(Model::from_handle)
    }

    /// One page of `GET /v1/models`.
    pub fn list(&self, params: &ListParams) -> Result<Page> {
        self.raw.list(&params.to_raw()?, false).map(Page::from_handle)
    }

    /// Every page, newest first; never a silently partial list (a malformed
    /// pagination is [`ErrorKind::Pagination`]).
    pub fn list_all(&self, params: &ListParams) -> Result<Vec<Model>> {
        let list = self.raw.list(&params.to_raw()?, true)?;
        Ok(Page::from_handle(list).into_iter().collect())
    }

    /// [`list_all`](Self::list_all) as one [`Page`] holding every model,
    /// which also tells where the answer came from
    /// ([`from_cache`](Page::from_cache), [`is_stale`](Page::is_stale),
    /// [`age`](Page::age)) and offers the selection methods
    /// ([`Page::select_supported`], [`Page::find`], ...).
    pub fn list_all_page(&self, params: &ListParams) -> Result<Page> {
        self.raw.list(&params.to_raw()?, true).map(Page::from_handle)
    }

    /// Forgets every cached answer of this client, so the next `list_all`
    /// and `get` send a request. Listings on disk stay (as the fallback of
    /// a failed refresh and for offline mode) but are no longer served as
    /// fresh. Without a cache it does nothing. Any thread, any time.
    pub fn invalidate_cache(&self) {
        self.raw.invalidate_cache();
    }

    /// Every model, lazily: a page is fetched only when the previous one is used up.
    pub fn models(&self, params: &ListParams) -> Models<'_> {
        Models::new(self, params)
    }

    /// [`get`](Self::get) as a future. The request starts now; dropping the
    /// future cancels it. The future does not borrow the client.
    pub fn get_async(&self, model_id_or_alias: &str) -> GetFuture {
        let slot = Slot::new();
        let submitted = c_string("model id", model_id_or_alias).and_then(|id| self.raw.get_async(&id, &slot));
        GetFuture::new(slot, submitted)
    }

    /// [`list`](Self::list) as a future.
    pub fn list_async(&self, params: &ListParams) -> ListFuture {
        let (slot, submitted) = self.submit_list(params, false);
        ListFuture::new(slot, submitted)
    }

    /// [`list_all`](Self::list_all) as a future.
    pub fn list_all_async(&self, params: &ListParams) -> ListAllFuture {
        let (slot, submitted) = self.submit_list(params, true);
        ListAllFuture::new(slot, submitted)
    }

    /// [`list_all_page`](Self::list_all_page) as a future. A fresh cache hit
    /// sends no request and completes without waiting for the network (the
    /// future is woken from the client's worker thread at once).
    pub fn list_all_page_async(&self, params: &ListParams) -> ListFuture {
        let (slot, submitted) = self.submit_list(params, true);
        ListFuture::new(slot, submitted)
    }

    /// Starts a `list` (`all == false`) or `list_all` request for a future.
    fn submit_list(&self, params: &ListParams, all: bool) -> (Arc<Slot<ListHandle>>, Result<RequestHandle>) {
        let slot = Slot::new();
        let submitted = params.to_raw().and_then(|p| self.raw.list_async(&p, all, &slot));
        (slot, submitted)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

/// Every setting of the C library's `am_options`. Unset settings fall back to
/// the environment (`ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`,
/// `ANTHROPIC_BASE_URL`; empty counts as unset), then to the defaults.
/// Values are checked by [`build`](Self::build).
#[derive(Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    auth_token: Option<String>,
    base_url: Option<String>,
    api_version: Option<String>,
    betas: Vec<String>,
    workspace_id: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_retries: Option<u32>,
    retry_after_cap: Option<Duration>,
    proxy: Option<String>,
    ca_bundle: Option<PathBuf>,
    max_response_bytes: Option<u64>,
    user_agent_suffix: Option<String>,
    ignore_env: bool,
    beta_variant: bool,
    curl_global_init: Option<bool>,
    cache_ttl: Option<Duration>,
    cache_dir: Option<PathBuf>,
    stale_while_revalidate: bool,
    offline: bool,
}

impl ClientBuilder {
    /// Sent as `x-api-key`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }
    /// Sent as `Authorization: Bearer <token>` (used when no API key is set).
    pub fn auth_token(mut self, token: impl Into<String>) -> Self {
        self.auth_token = Some(token.into());
        self
    }
    /// `http://` or `https://` URL; default `https://api.anthropic.com`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// `anthropic-version`; default `2023-06-01`.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }
    /// Adds a beta; all go out as one `anthropic-beta: a,b` header.
    pub fn beta(mut self, name: impl Into<String>) -> Self {
        self.betas.push(name.into());
        self
    }
    /// `anthropic-workspace-id`.
    pub fn workspace_id(mut self, id: impl Into<String>) -> Self {
        self.workspace_id = Some(id.into());
        self
    }
    /// An extra request header. Credentials and the headers the library
    /// manages are refused (use their setters).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Per-attempt timeout (default 60 s; `Duration::ZERO`: none).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// Connect timeout (default 10 s; `Duration::ZERO`: libcurl's default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
    /// Overall deadline of one call, retries and backoff included (default: none).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
    /// Retries after the first attempt, 0..=100 (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }
    /// Longest server-requested delay that is honoured (default 60 s). A
    /// longer one stops retrying at once; the error carries it (`retry_after`).
    pub fn retry_after_cap(mut self, cap: Duration) -> Self {
        self.retry_after_cap = Some(cap);
        self
    }
    /// Proxy URL; `""` disables proxies even when proxy variables are set.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }
    /// A PEM CA bundle to verify servers with (verification is always on).
    pub fn ca_bundle(mut self, path: impl AsRef<Path>) -> Self {
        self.ca_bundle = Some(path.as_ref().to_path_buf());
        self
    }
    /// Largest response body accepted (default 32 MiB, minimum 1024).
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }
    /// Appended to the `User-Agent` header.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }
    /// Ignore the `ANTHROPIC_*` environment variables.
    pub fn ignore_env(mut self, ignore: bool) -> Self {
        self.ignore_env = ignore;
        self
    }
    /// Every request uses the beta variant of the endpoints (`?beta=true`).
    pub fn beta_variant(mut self, beta: bool) -> Self {
        self.beta_variant = beta;
        self
    }
    /// `false`: the client leaves libcurl's global state alone, for hosts that
    /// manage it themselves (default `true`).
    pub fn curl_global_init(mut self, enabled: bool) -> Self {
        self.curl_global_init = Some(enabled);
        self
    }

    /// Turns on the in-memory cache of `list_all` and `get` answers: while
    /// an answer is younger than `ttl` it is served without a request (a
    /// `get` may be answered from a fresh full listing). At most 30 days;
    /// the API's guide suggests an hour. Default: `Duration::ZERO`, no
    /// memory cache.
    ///
    /// The cache key holds everything that changes an answer (base URL, a
    /// digest of the credential — never the credential —, version, betas,
    /// workspace, headers, lifecycle filter, beta variant). Calls with a
    /// cursor, and `list`/`models`, are never cached. With any cache setting
    /// on (this, [`cache_dir`](Self::cache_dir) or
    /// [`offline`](Self::offline)), concurrent identical `list_all` / `get`
    /// calls, blocking or async, share one HTTP request.
    pub fn cache_ttl(mut self, ttl: Duration) -> Self {
        self.cache_ttl = Some(ttl);
        self
    }
    /// Turns on the disk cache: the last good full listing of each cache key
    /// is kept in this directory (created with mode 0700; no secret is
    /// written), so a new process starts with it. When a refresh fails
    /// (connection, timeout, HTTP 5xx / 529, 429) the last good listing is
    /// returned marked stale ([`Page::is_stale`], [`Page::age`]) instead of
    /// the error. A path with a NUL byte, or that is not UTF-8, is
    /// [`ErrorKind::InvalidArgument`] from [`build`](Self::build), as is a
    /// directory that cannot be created or used.
    pub fn cache_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cache_dir = Some(dir.as_ref().to_path_buf());
        self
    }
    /// Stale-while-revalidate: once the TTL has passed, a cached answer is
    /// still served at once (marked stale) while one background request
    /// refreshes it; an async call then completes immediately. Needs a
    /// [`cache_ttl`](Self::cache_ttl). Default `false`.
    pub fn stale_while_revalidate(mut self, enabled: bool) -> Self {
        self.stale_while_revalidate = enabled;
        self
    }
    /// Offline mode: `list_all` and `get` are answered from the cache only
    /// (memory, then disk, however old; past the TTL it is marked stale) and
    /// no request is ever sent. When nothing cached answers, and for `list`
    /// and `models` always, the call fails with [`ErrorKind::NotCached`].
    /// Default `false`.
    pub fn offline(mut self, offline: bool) -> Self {
        self.offline = offline;
        self
    }

    /// Checks the linked library's ABI and every setting, then starts the client.
    pub fn build(self) -> Result<Client> {
        check_abi(raw::abi_version())?;
        Ok(Client { raw: ClientHandle::new(self.to_options()?)? })
    }

    fn to_options(&self) -> Result<Config<sys::am_options>> {
        let mut o = Config::new()?;
        let strings = [
            (&self.api_key, sys::am_options_set_api_key as raw::SetStr<_>, "api key"),
            (&self.auth_token, sys::am_options_set_auth_token, "auth token"),
            (&self.base_url, sys::am_options_set_base_url, "base url"),
            (&self.api_version, sys::am_options_set_api_version, "api version"),
            (&self.workspace_id, sys::am_options_set_workspace_id, "workspace id"),
            (&self.proxy, sys::am_options_set_proxy, "proxy"),
            (&self.user_agent_suffix, sys::am_options_set_user_agent_suffix, "user agent suffix"),
        ];
        for (value, setter, what) in strings {
            if let Some(value) = value {
                o.set_str(setter, &c_string(what, value)?)?;
            }
        }
        for beta in &self.betas {
            o.set_str(sys::am_options_add_beta, &c_string("beta", beta)?)?;
        }
        for (name, value) in &self.headers {
            o.add_header(&c_string("header name", name)?, &c_string("header value", value)?)?;
        }
        let paths = [
            (&self.ca_bundle, sys::am_options_set_ca_bundle as raw::SetStr<_>, "CA bundle path"),
            (&self.cache_dir, sys::am_options_set_cache_dir, "cache directory"),
        ];
        for (path, setter, what) in paths {
            if let Some(path) = path {
                o.set_str(setter, &c_path(what, path)?)?;
            }
        }
        let durations = [
            (self.timeout, sys::am_options_set_timeout_ms as raw::SetI64<_>),
            (self.connect_timeout, sys::am_options_set_connect_timeout_ms),
            (self.deadline, sys::am_options_set_deadline_ms),
            (self.retry_after_cap, sys::am_options_set_retry_after_cap_ms),
            (self.cache_ttl, sys::am_options_set_cache_ttl_ms),
        ];
        for (duration, setter) in durations {
            if let Some(duration) = duration {
                o.set_i64(setter, millis(duration))?;
            }
        }
        if let Some(retries) = self.max_retries {
            o.set_i32(sys::am_options_set_max_retries, clamp_i32(retries))?;
        }
        if let Some(bytes) = self.max_response_bytes {
            o.set_i64(sys::am_options_set_max_response_bytes, clamp_i64(bytes))?;
        }
        o.set_flag(sys::am_options_set_ignore_env, self.ignore_env);
        o.set_flag(sys::am_options_set_beta_variant, self.beta_variant);
        if let Some(enabled) = self.curl_global_init {
            o.set_flag(sys::am_options_set_curl_global_init, enabled);
        }
        o.set_flag(sys::am_options_set_cache_stale_while_revalidate, self.stale_while_revalidate);
        o.set_flag(sys::am_options_set_offline, self.offline);
        Ok(o)
    }
}

/// The linked library must speak the ABI these bindings were written for.
pub(crate) fn check_abi(found: i32) -> Result<()> {
    if found == sys::AM_ABI_VERSION {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::AbiMismatch,
        format!(
            "libanthropic_models {} has ABI version {found}, but this crate was built for ABI {}: \
             link a 0.1.x library or update the crate",
            raw::version(),
            sys::AM_ABI_VERSION
        ),
    ))
}

impl fmt::Debug for ClientBuilder {
    /// Credentials are never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |s: &Option<String>| s.as_ref().map(|_| "<redacted>");
        f.debug_struct("ClientBuilder")
            .field("api_key", &redacted(&self.api_key))
            .field("auth_token", &redacted(&self.auth_token))
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("betas", &self.betas)
            .field("workspace_id", &self.workspace_id)
            .field("headers", &self.headers.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("deadline", &self.deadline)
            .field("max_retries", &self.max_retries)
            .field("retry_after_cap", &self.retry_after_cap)
            .field("proxy", &self.proxy.as_ref().map(|_| "<set>"))
            .field("ca_bundle", &self.ca_bundle)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("ignore_env", &self.ignore_env)
            .field("beta_variant", &self.beta_variant)
            .field("curl_global_init", &self.curl_global_init)
            .field("cache_ttl", &self.cache_ttl)
            .field("cache_dir", &self.cache_dir)
            .field("stale_while_revalidate", &self.stale_while_revalidate)
            .field("offline", &self.offline)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abi_mismatch_is_a_clear_error() {
        assert!(check_abi(sys::AM_ABI_VERSION).is_ok());
        let e = check_abi(sys::AM_ABI_VERSION + 1).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AbiMismatch);
        assert!(e.message().contains("ABI version 2"), "{e}");
        assert!(e.to_string().starts_with("abi_mismatch: "), "{e}");
    }

    #[test]
    fn debug_output_hides_credentials() {
        let b = Client::builder().api_key("sk-ant-secret-1").auth_token("tok-secret-2").header("x-a", "hv-secret-3");
        let shown = format!("{b:?}");
        for secret in ["sk-ant-secret-1", "tok-secret-2", "hv-secret-3"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
