//! `Client` and `ClientBuilder`.

use crate::args::{c_string, clamp_i32, clamp_i64, millis};
use crate::error::{Error, ErrorKind, Result};
use crate::future::{GetFuture, ListAllFuture, ListFuture, Slot};
use crate::model::Model;
use crate::page::Page;
use crate::pager::Models;
use crate::params::ListParams;
use crate::raw::{self, ClientHandle, Config};
use anthropic_models_sys as sys;
use std::fmt;
use std::path::{Path, PathBuf};
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
        let slot = Slot::new();
        let submitted = params.to_raw().and_then(|p| self.raw.list_async(&p, false, &slot));
        ListFuture::new(slot, submitted)
    }

    /// [`list_all`](Self::list_all) as a future.
    pub fn list_all_async(&self, params: &ListParams) -> ListAllFuture {
        let slot = Slot::new();
        let submitted = params.to_raw().and_then(|p| self.raw.list_async(&p, true, &slot));
        ListAllFuture::new(slot, submitted)
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
        if let Some(path) = &self.ca_bundle {
            let path = path
                .to_str()
                .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "the CA bundle path is not UTF-8"))?;
            o.set_str(sys::am_options_set_ca_bundle, &c_string("CA bundle path", path)?)?;
        }
        let durations = [
            (self.timeout, sys::am_options_set_timeout_ms as raw::SetI64<_>),
            (self.connect_timeout, sys::am_options_set_connect_timeout_ms),
            (self.deadline, sys::am_options_set_deadline_ms),
            (self.retry_after_cap, sys::am_options_set_retry_after_cap_ms),
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
