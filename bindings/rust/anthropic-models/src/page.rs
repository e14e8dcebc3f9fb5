//! `Page`: one page of `GET /v1/models`, the whole listing of
//! `list_all_page`, or a list selected from one of those (`selection.rs`);
//! and where its answer came from (the client's cache, how old).

use crate::model::Model;
use crate::raw::ListHandle;
use std::fmt;
use std::iter::FusedIterator;
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

/// A list of models: one page (newest first), every page
/// ([`Client::list_all_page`](crate::Client::list_all_page)), or a list the
/// selection methods ([`select_supported`](Self::select_supported), ...)
/// made from one. Cheap to clone; models taken from it keep it alive, so they
/// may outlive the page value itself.
#[derive(Clone)]
pub struct Page {
    pub(crate) list: Arc<ListHandle>,
}

impl Page {
    pub(crate) fn from_handle(list: ListHandle) -> Page {
        Page { list: Arc::new(list) }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Model `i` (0 is the newest).
    pub fn get(&self, i: usize) -> Option<Model> {
        ListHandle::model(&self.list, i).map(Model::from_handle)
    }
    /// Whether more models follow in the direction of the request.
    pub fn has_more(&self) -> bool {
        self.list.has_more()
    }
    /// Id of the first model of the page (the cursor for `before_id`).
    pub fn first_id(&self) -> Option<&str> {
        self.list.first_id()
    }
    /// Id of the last model of the page (the cursor for `after_id`).
    pub fn last_id(&self) -> Option<&str> {
        self.list.last_id()
    }
    /// Whether the client's cache (memory or disk) answered, rather than a
    /// request made for this call. Always `false` for `list`, which is
    /// never cached; a selected list keeps the mark of its source.
    // A question, not a constructor: the name of the C function and of the
    // other bindings' accessor, which users search for.
    #[allow(clippy::wrong_self_convention)]
    pub fn from_cache(&self) -> bool {
        self.list.from_cache()
    }
    /// Whether a cached answer is past the client's cache TTL: served
    /// because a refresh failed, while revalidating, or offline.
    pub fn is_stale(&self) -> bool {
        self.list.is_stale()
    }
    /// How old the data is: the time since the server sent it, as it was
    /// when the call was answered. `Duration::ZERO` for an answer fetched
    /// for the call.
    pub fn age(&self) -> Duration {
        Duration::from_millis(u64::try_from(self.list.age_ms()).unwrap_or(0))
    }
    pub fn iter(&self) -> PageIter {
        PageIter { list: Arc::clone(&self.list), range: 0..self.len() }
    }
}

impl IntoIterator for Page {
    type Item = Model;
    type IntoIter = PageIter;
    fn into_iter(self) -> PageIter {
        let range = 0..self.len();
        PageIter { list: self.list, range }
    }
}

impl IntoIterator for &Page {
    type Item = Model;
    type IntoIter = PageIter;
    fn into_iter(self) -> PageIter {
        self.iter()
    }
}

impl fmt::Debug for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("len", &self.len())
            .field("first_id", &self.first_id())
            .field("last_id", &self.last_id())
            .field("has_more", &self.has_more())
            .field("from_cache", &self.from_cache())
            .field("is_stale", &self.is_stale())
            .field("age", &self.age())
            .finish()
    }
}

/// The models of a page, in order; each one shares the page's storage.
#[derive(Clone)]
pub struct PageIter {
    list: Arc<ListHandle>,
    range: Range<usize>,
}

impl Iterator for PageIter {
    type Item = Model;
    fn next(&mut self) -> Option<Model> {
        let i = self.range.next()?;
        ListHandle::model(&self.list, i).map(Model::from_handle)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for PageIter {
    fn next_back(&mut self) -> Option<Model> {
        let i = self.range.next_back()?;
        ListHandle::model(&self.list, i).map(Model::from_handle)
    }
}

impl ExactSizeIterator for PageIter {}
impl FusedIterator for PageIter {}

impl fmt::Debug for PageIter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageIter").field("remaining", &self.range.len()).finish()
    }
}
