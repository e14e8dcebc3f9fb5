//! `Model`: one model of the Models API, read straight from the C library's
//! immutable, reference-counted model (nothing is copied until you copy it).

use crate::capability::{Capability, Support};
use crate::raw::{GetCount, GetStrAt, ModelHandle};
use anthropic_models_sys as sys;
use std::ffi::CString;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A model (`ModelInfo`). Cheap to clone (a reference count), `Send + Sync`,
/// and independent of the client, page or list it came from: it keeps what
/// it borrows from alive. String accessors borrow from the model.
///
/// Absent fields are `None`, never a made-up default.
#[derive(Clone)]
pub struct Model {
    raw: ModelHandle,
}

impl Model {
    pub(crate) fn from_handle(raw: ModelHandle) -> Model {
        Model { raw }
    }

    /// The canonical model id (an alias given to `get` resolves to it).
    pub fn id(&self) -> &str {
        // The library refuses a model without an id, so this is never empty.
        self.raw.str(sys::am_model_id).unwrap_or_default()
    }
    pub fn display_name(&self) -> Option<&str> {
        self.raw.str(sys::am_model_display_name)
    }
    /// The object type, `"model"`.
    pub fn model_type(&self) -> Option<&str> {
        self.raw.str(sys::am_model_type)
    }
    /// When the model was released; `None` when the server did not say (or
    /// sent the epoch, the API's marker for an unknown date).
    pub fn created_at(&self) -> Option<SystemTime> {
        self.raw.i64(sys::am_model_created_at_unix).and_then(unix_time)
    }
    /// `created_at` as the server sent it (RFC 3339).
    pub fn created_at_rfc3339(&self) -> Option<&str> {
        self.raw.str(sys::am_model_created_at)
    }
    pub fn max_input_tokens(&self) -> Option<u64> {
        self.raw.i64(sys::am_model_max_input_tokens).and_then(|n| u64::try_from(n).ok())
    }
    pub fn max_tokens(&self) -> Option<u64> {
        self.raw.i64(sys::am_model_max_tokens).and_then(|n| u64::try_from(n).ok())
    }
    /// `"active"`, `"deprecated"`, `"retired"`, or a newer stage.
    pub fn lifecycle(&self) -> Option<&str> {
        self.raw.str(sys::am_model_lifecycle)
    }
    /// The model line: `"haiku"`, `"sonnet"`, `"opus"`, ...
    pub fn line(&self) -> Option<&str> {
        self.raw.str(sys::am_model_line)
    }
    pub fn deprecated_at(&self) -> Option<SystemTime> {
        self.raw.i64(sys::am_model_deprecated_at_unix).and_then(unix_time)
    }
    pub fn deprecated_at_rfc3339(&self) -> Option<&str> {
        self.raw.str(sys::am_model_deprecated_at)
    }
    pub fn retires_at(&self) -> Option<SystemTime> {
        self.raw.i64(sys::am_model_retires_at_unix).and_then(unix_time)
    }
    pub fn retires_at_rfc3339(&self) -> Option<&str> {
        self.raw.str(sys::am_model_retires_at)
    }

    /// Support of a capability this release knows by name.
    pub fn supports(&self, capability: Capability) -> Support {
        Support::from_raw(self.raw.supports(capability.code()))
    }
    /// Support of any capability by dotted path below `capabilities`
    /// (`"effort.xhigh"`, `"thinking.types.adaptive"`), including ones added
    /// to the API after this release.
    pub fn supports_path(&self, path: &str) -> Support {
        match CString::new(path) {
            Ok(path) => Support::from_raw(self.raw.supports_path(&path)),
            Err(_) => Support::Unknown, // no capability path holds a NUL byte
        }
    }
    /// Every capability the server reported, with its support: groups before
    /// their members, in the server's order, unknown capabilities included.
    pub fn capabilities(&self) -> Capabilities<'_> {
        Capabilities { model: &self.raw, next: 0, len: self.raw.count(sys::am_model_capability_count) }
    }
    /// Supported effort levels (`"low"`, `"medium"`, `"high"`, `"max"`, `"xhigh"`, then newer ones).
    pub fn effort_levels(&self) -> Strings<'_> {
        Strings::new(&self.raw, sys::am_model_effort_level_count, sys::am_model_effort_level_at)
    }
    /// Supported thinking types (`"adaptive"`, `"enabled"`, `"disabled"`, `"between_tools"`, then newer ones).
    pub fn thinking_types(&self) -> Strings<'_> {
        Strings::new(&self.raw, sys::am_model_thinking_type_count, sys::am_model_thinking_type_at)
    }
    /// The model object as JSON, with every field the server sent (unknown ones too).
    pub fn json(&self) -> &str {
        self.raw.str(sys::am_model_json).unwrap_or("{}")
    }
}

fn unix_time(seconds: i64) -> Option<SystemTime> {
    match u64::try_from(seconds) {
        Ok(after) => UNIX_EPOCH.checked_add(Duration::from_secs(after)),
        Err(_) => UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs())),
    }
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id())
            .field("display_name", &self.display_name())
            .field("lifecycle", &self.lifecycle())
            .finish_non_exhaustive()
    }
}

/// The iterator of [`Model::capabilities`]: `(dotted path, support)`.
#[derive(Clone)]
pub struct Capabilities<'a> {
    model: &'a ModelHandle,
    next: usize,
    len: usize,
}

impl<'a> Iterator for Capabilities<'a> {
    type Item = (&'a str, Support);
    fn next(&mut self) -> Option<Self::Item> {
        while self.next < self.len {
            let i = self.next;
            self.next += 1;
            if let Some(path) = self.model.str_at(sys::am_model_capability_path_at, i) {
                return Some((path, Support::from_raw(self.model.capability_support_at(i))));
            }
        }
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.len - self.next))
    }
}

/// The iterator of [`Model::effort_levels`] and [`Model::thinking_types`].
#[derive(Clone)]
pub struct Strings<'a> {
    model: &'a ModelHandle,
    at: GetStrAt,
    next: usize,
    len: usize,
}

impl<'a> Strings<'a> {
    fn new(model: &'a ModelHandle, count: GetCount, at: GetStrAt) -> Self {
        Strings { model, at, next: 0, len: model.count(count) }
    }
}

impl<'a> Iterator for Strings<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        while self.next < self.len {
            self.next += 1;
            if let Some(s) = self.model.str_at(self.at, self.next - 1) {
                return Some(s);
            }
        }
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.len - self.next))
    }
}

impl fmt::Debug for Capabilities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl fmt::Debug for Strings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
