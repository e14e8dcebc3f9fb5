//! Selection over a `Page` held in memory: filters and ordering that return
//! new pages, and lookups that return one of its models. None of them sends
//! a request; the C library does the work (`@defgroup am_selection`).

use crate::args::c_string;
use crate::error::Result;
use crate::model::Model;
use crate::page::Page;
use crate::raw::ListHandle;
use anthropic_models_sys as sys;
use std::ffi::CString;
use std::time::{SystemTime, UNIX_EPOCH};

/// Filters and ordering return a new [`Page`] that shares this page's
/// models (not its storage: either may be dropped first), keeps their order
/// unless it sorts, has `has_more() == false`, `first_id`/`last_id` of its
/// own models, and this page's `from_cache`, `is_stale` and `age`. Lookups
/// return a [`Model`] that keeps this page's models alive, like
/// [`get`](Page::get).
impl Page {
    /// The models that support every capability path given (`"image_input"`,
    /// `"thinking.types.adaptive"`, also paths newer than this release): a
    /// path counts only when [`Model::supports_path`] is
    /// [`Support::Yes`](crate::Support::Yes), so models listed without
    /// capabilities (`Unknown`) are never kept. No path keeps every model.
    ///
    /// An empty or malformed path (`".a"`, `"a..b"`, spaces, commas), or one
    /// with a NUL byte, is [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument).
    pub fn select_supported<I>(&self, paths: I) -> Result<Page>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let paths: Vec<CString> =
            paths.into_iter().map(|p| c_string("capability path", p.as_ref())).collect::<Result<_>>()?;
        self.list.select_supported(&paths).map(Page::from_handle)
    }

    /// The models in one lifecycle stage (`"active"`, `"deprecated"`, `"retired"`, ...).
    pub fn select_lifecycle(&self, stage: &str) -> Result<Page> {
        let stage = c_string("lifecycle stage", stage)?;
        self.list.select_str(sys::am_model_list_select_lifecycle, &stage).map(Page::from_handle)
    }

    /// The models of one line (`"opus"`, `"sonnet"`, `"haiku"`, ...).
    pub fn select_line(&self, line: &str) -> Result<Page> {
        let line = c_string("model line", line)?;
        self.list.select_str(sys::am_model_list_select_line, &line).map(Page::from_handle)
    }

    /// The models with a known retirement date strictly before `time`: the
    /// deprecation watch the API's guide asks for
    /// (`page.select_retiring_before(SystemTime::now() + Duration::from_secs(90 * 86_400))`).
    pub fn select_retiring_before(&self, time: SystemTime) -> Result<Page> {
        self.list.select_retiring_before(unix_seconds_ceil(time)).map(Page::from_handle)
    }

    /// The models ordered by `created_at`, newest or oldest first (stable;
    /// models without a known date last either way).
    pub fn sort_by_created(&self, newest_first: bool) -> Result<Page> {
        self.list.sort_by_created(newest_first).map(Page::from_handle)
    }

    /// The model with exactly this id, else the newest model whose id starts
    /// with `id_or_prefix` followed by `-`: `"claude-sonnet-4-5"` finds
    /// `"claude-sonnet-4-5-20250929"`, never `"claude-sonnet-4-50"`.
    /// `None` when nothing matches (an empty string, or one with a NUL byte,
    /// matches nothing).
    pub fn find(&self, id_or_prefix: &str) -> Option<Model> {
        let id = CString::new(id_or_prefix).ok()?;
        ListHandle::lookup(&self.list, sys::am_model_list_find, Some(&id)).map(Model::from_handle)
    }

    /// The newest model (latest `created_at`; ties keep the page's order) of
    /// a line (`Some("opus")`), or of any line (`None`). `None` when the
    /// page has no such model (a line with a NUL byte has none).
    pub fn newest(&self, line: Option<&str>) -> Option<Model> {
        let line = line.map(CString::new).transpose().ok()?;
        ListHandle::lookup(&self.list, sys::am_model_list_newest, line.as_deref()).map(Model::from_handle)
    }
}

/// `time` in whole Unix seconds, rounded up (towards the future, also before
/// 1970), saturating: retirement dates are whole seconds, so "before `time`"
/// and "before its rounded-up second" keep the same models.
fn unix_seconds_ceil(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => {
            let up = after.as_secs().saturating_add(u64::from(after.subsec_nanos() > 0));
            i64::try_from(up).unwrap_or(i64::MAX)
        }
        // Before the epoch: -(whole seconds back), the fraction dropped towards 0.
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn times_round_up_to_the_next_whole_second() {
        let at = |secs: u64, nanos: u32| UNIX_EPOCH + Duration::new(secs, nanos);
        assert_eq!(unix_seconds_ceil(at(1_772_323_200, 0)), 1_772_323_200);
        assert_eq!(unix_seconds_ceil(at(1_772_323_199, 1)), 1_772_323_200);
        assert_eq!(unix_seconds_ceil(UNIX_EPOCH), 0);
        assert_eq!(unix_seconds_ceil(UNIX_EPOCH - Duration::from_millis(10_500)), -10);
        assert_eq!(unix_seconds_ceil(UNIX_EPOCH - Duration::from_secs(10)), -10);
    }
}
