//! `ListParams`: what to list. Plain Rust values, turned into a C
//! `am_list_params` for each call (the C library checks them).

use crate::args::{c_string, clamp_i32};
use crate::error::Result;
use crate::raw::Config;
use anthropic_models_sys as sys;

/// Parameters of `list`, `list_all` and `models`:
/// `ListParams::default().limit(50).lifecycle("deprecated")`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListParams {
    pub(crate) limit: Option<u32>,
    pub(crate) after_id: Option<String>,
    pub(crate) before_id: Option<String>,
    pub(crate) lifecycles: Vec<String>,
    pub(crate) beta: bool,
    pub(crate) max_pages: Option<u32>,
    pub(crate) refresh: bool,
}

impl ListParams {
    /// Page size, 1..=1000. Default: the server's (20) for `list` and
    /// `models`, 1000 for `list_all`.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// Start after this model id (exclusive): the next, older models.
    pub fn after_id(mut self, id: impl Into<String>) -> Self {
        self.after_id = Some(id.into());
        self
    }
    /// Start before this model id (exclusive): walk towards newer models.
    /// `list_all` then collects backwards; `models` yields oldest first.
    pub fn before_id(mut self, id: impl Into<String>) -> Self {
        self.before_id = Some(id.into());
        self
    }
    /// Adds a lifecycle stage filter (`"active"`, `"deprecated"`, `"retired"`).
    /// Without any, the API lists active and deprecated models.
    pub fn lifecycle(mut self, stage: impl Into<String>) -> Self {
        self.lifecycles.push(stage.into());
        self
    }
    /// Use the beta variant of the endpoint (`?beta=true`) for this call.
    pub fn beta(mut self, beta: bool) -> Self {
        self.beta = beta;
        self
    }
    /// `list_all` and `models` stop with [`ErrorKind::Pagination`](crate::ErrorKind::Pagination) after this
    /// many pages (default 1000).
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = Some(max_pages);
        self
    }

    /// `list_all` bypasses the client's cache for this call: the listing is
    /// fetched (sharing a request already in flight) and replaces the cached
    /// one. Without a cache, and in offline mode, it changes nothing.
    pub fn refresh(mut self, refresh: bool) -> Self {
        self.refresh = refresh;
        self
    }

    pub(crate) fn to_raw(&self) -> Result<Config<sys::am_list_params>> {
        let mut raw = Config::new()?;
        if let Some(limit) = self.limit {
            raw.set_i32(sys::am_list_params_set_limit, clamp_i32(limit))?;
        }
        if let Some(id) = &self.after_id {
            raw.set_str(sys::am_list_params_set_after_id, &c_string("after_id", id)?)?;
        }
        if let Some(id) = &self.before_id {
            raw.set_str(sys::am_list_params_set_before_id, &c_string("before_id", id)?)?;
        }
        for stage in &self.lifecycles {
            raw.set_str(sys::am_list_params_add_lifecycle, &c_string("lifecycle", stage)?)?;
        }
        raw.set_flag(sys::am_list_params_set_beta, self.beta);
        if let Some(max_pages) = self.max_pages {
            raw.set_i32(sys::am_list_params_set_max_pages, clamp_i32(max_pages))?;
        }
        raw.set_flag(sys::am_list_params_set_refresh, self.refresh);
        Ok(raw)
    }
}
