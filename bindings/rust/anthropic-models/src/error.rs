//! `Error` and `ErrorKind`: the C library's `am_error`, copied into Rust
//! values (so an error is `Send + Sync + 'static` and owns nothing native).

use crate::raw;
use anthropic_models_sys as sys;
use std::fmt;
use std::time::Duration;

/// What went wrong, one variant per C status (`am_status`), plus the two
/// failures only this crate can see.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Bad input from the caller (a NUL byte in a string, an out-of-range
    /// number, both cursors set, ...); nothing was sent.
    InvalidArgument,
    /// HTTP 400 or 422.
    BadRequest,
    /// HTTP 401, or no credential configured (then `http_status()` is `None`).
    Authentication,
    /// HTTP 403.
    Permission,
    /// HTTP 404, e.g. an unknown model id.
    NotFound,
    /// HTTP 409.
    Conflict,
    /// HTTP 413.
    RequestTooLarge,
    /// HTTP 429; see `retry_after()`.
    RateLimited,
    /// HTTP 529.
    Overloaded,
    /// Any other HTTP 5xx.
    Server,
    /// Any other HTTP status (3xx — redirects are never followed — 408, other 4xx).
    Http,
    /// The per-attempt timeout or the overall deadline.
    Timeout,
    /// Connecting failed, or the connection was reset or cut short.
    Connection,
    /// The TLS handshake or certificate verification failed.
    Tls,
    /// Malformed JSON, or a field of the wrong type (the message names it).
    Decode,
    /// The body exceeded the configured maximum response size.
    ResponseTooLarge,
    /// Cancelled: the request's client was dropped while it was in flight.
    Cancelled,
    /// The library ran out of memory.
    OutOfMemory,
    /// A bug in the C library.
    Internal,
    /// Listing every page met a repeated cursor, `has_more` without a cursor,
    /// or the page cap: never a silently partial list.
    Pagination,
    /// Offline mode ([`ClientBuilder::offline`](crate::ClientBuilder::offline))
    /// and nothing cached answers the call; nothing was sent.
    NotCached,
    /// The linked C library has another ABI version than this crate was written for.
    AbiMismatch,
    /// A status this crate does not know yet (from a newer library).
    Other,
}

impl ErrorKind {
    const BY_STATUS: [(sys::am_status, ErrorKind); 21] = [
        (sys::AM_ERR_INVALID_ARGUMENT, ErrorKind::InvalidArgument),
        (sys::AM_ERR_BAD_REQUEST, ErrorKind::BadRequest),
        (sys::AM_ERR_AUTHENTICATION, ErrorKind::Authentication),
        (sys::AM_ERR_PERMISSION, ErrorKind::Permission),
        (sys::AM_ERR_NOT_FOUND, ErrorKind::NotFound),
        (sys::AM_ERR_CONFLICT, ErrorKind::Conflict),
        (sys::AM_ERR_REQUEST_TOO_LARGE, ErrorKind::RequestTooLarge),
        (sys::AM_ERR_RATE_LIMITED, ErrorKind::RateLimited),
        (sys::AM_ERR_OVERLOADED, ErrorKind::Overloaded),
        (sys::AM_ERR_SERVER, ErrorKind::Server),
        (sys::AM_ERR_HTTP, ErrorKind::Http),
        (sys::AM_ERR_TIMEOUT, ErrorKind::Timeout),
        (sys::AM_ERR_CONNECTION, ErrorKind::Connection),
        (sys::AM_ERR_TLS, ErrorKind::Tls),
        (sys::AM_ERR_DECODE, ErrorKind::Decode),
        (sys::AM_ERR_RESPONSE_TOO_LARGE, ErrorKind::ResponseTooLarge),
        (sys::AM_ERR_CANCELLED, ErrorKind::Cancelled),
        (sys::AM_ERR_OUT_OF_MEMORY, ErrorKind::OutOfMemory),
        (sys::AM_ERR_INTERNAL, ErrorKind::Internal),
        (sys::AM_ERR_PAGINATION, ErrorKind::Pagination),
        (sys::AM_ERR_NOT_CACHED, ErrorKind::NotCached),
    ];

    pub(crate) fn from_status(status: sys::am_status) -> ErrorKind {
        Self::BY_STATUS.iter().find(|(s, _)| *s == status).map_or(ErrorKind::Other, |(_, kind)| *kind)
    }

    /// A short name: the C library's status name (`"rate_limited"`), or
    /// `"abi_mismatch"` / `"unknown"` for the kinds it has no status for.
    pub fn name(self) -> &'static str {
        match Self::BY_STATUS.iter().find(|(_, k)| *k == self) {
            Some((status, _)) => raw::status_name(*status),
            None if self == ErrorKind::AbiMismatch => "abi_mismatch",
            None => "unknown",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A failed call: what kind of failure, and everything the server said about it.
///
/// Messages never contain the API key or token (the C library scrubs them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub(crate) kind: ErrorKind,
    pub(crate) http_status: Option<u16>,
    pub(crate) error_type: Option<String>,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) retry_after: Option<Duration>,
}

impl Error {
    /// An error found before anything was sent.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            http_status: None,
            error_type: None,
            message: message.into(),
            request_id: None,
            attempts: 0,
            retry_after: None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The HTTP status of the failing response; `None` when there was none.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }
    /// The API's error type, e.g. `"rate_limit_error"`.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }
    /// A human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The `request-id` header of the failing response (quote it to support).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// HTTP attempts made, retries included (over every page for `list_all`);
    /// 0 when nothing was sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    /// The delay the server asked for (`retry-after-ms` / `retry-after`).
    /// When it was above the client's cap the call stopped retrying at once:
    /// schedule the retry yourself.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        let mut details = Vec::new();
        if let Some(status) = self.http_status {
            details.push(format!("HTTP {status}"));
        }
        if let Some(error_type) = &self.error_type {
            details.push(error_type.clone());
        }
        if let Some(id) = &self.request_id {
            details.push(format!("request-id {id}"));
        }
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's `Error`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
