//! `Models`: every model, one page at a time, fetched only when the previous
//! page is used up (so stopping early sends no further request).
//!
//! The C library has no page cursor of its own to wrap, so this follows the
//! API's rule (`after_id = last_id`, or `before_id = first_id` backwards) and
//! refuses the same malformed answers `list_all` refuses: a repeated cursor,
//! `has_more` without a cursor, or more pages than `max_pages`.

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Model;
use crate::page::PageIter;
use crate::params::ListParams;
use std::collections::HashSet;
use std::iter::FusedIterator;

/// The C library's default page cap of `list_all`.
const DEFAULT_MAX_PAGES: u32 = 1000;

/// The iterator of [`Client::models`]. Forwards (the default, or `after_id`)
/// it yields newest first; backwards (`before_id`) it walks towards newer
/// models and yields them oldest first, in the direction of travel.
/// After an error it yields nothing more.
pub struct Models<'c> {
    client: &'c Client,
    params: ListParams,
    backwards: bool,
    page: Option<PageIter>,
    pages_fetched: u32,
    cursors: HashSet<String>,
    /// No page follows; `failure` (if any) comes once the current page is used up.
    finished: bool,
    failure: Option<Error>,
}

impl<'c> Models<'c> {
    pub(crate) fn new(client: &'c Client, params: &ListParams) -> Self {
        Models {
            client,
            backwards: params.before_id.is_some(),
            params: params.clone(),
            page: None,
            pages_fetched: 0,
            cursors: HashSet::new(),
            finished: false,
            failure: None,
        }
    }

    fn fetch_next_page(&mut self) {
        if self.pages_fetched >= self.params.max_pages.unwrap_or(DEFAULT_MAX_PAGES) {
            self.stop(Some(pagination("the page cap (max_pages) was reached")));
            return;
        }
        let page = match self.client.list(&self.params) {
            Ok(page) => page,
            Err(e) => return self.stop(Some(e)),
        };
        self.pages_fetched += 1;
        if page.has_more() {
            let cursor = if self.backwards { page.first_id() } else { page.last_id() };
            match cursor {
                None => self.stop(Some(pagination("the server said has_more but sent no cursor"))),
                Some(cursor) if !self.cursors.insert(cursor.to_owned()) => {
                    self.stop(Some(pagination("the server repeated a page cursor")))
                }
                Some(cursor) => {
                    if self.backwards {
                        self.params.before_id = Some(cursor.to_owned());
                    } else {
                        self.params.after_id = Some(cursor.to_owned());
                    }
                }
            }
        } else {
            self.stop(None);
        }
        self.page = Some(page.into_iter());
    }

    fn stop(&mut self, failure: Option<Error>) {
        self.finished = true;
        self.failure = failure;
    }
}

fn pagination(message: &str) -> Error {
    Error::new(ErrorKind::Pagination, message)
}

impl Iterator for Models<'_> {
    type Item = Result<Model>;

    fn next(&mut self) -> Option<Result<Model>> {
        loop {
            if let Some(page) = &mut self.page {
                let model = if self.backwards { page.next_back() } else { page.next() };
                if let Some(model) = model {
                    return Some(Ok(model));
                }
                self.page = None;
            }
            if self.finished {
                return self.failure.take().map(Err);
            }
            self.fetch_next_page();
        }
    }
}

impl FusedIterator for Models<'_> {}

impl std::fmt::Debug for Models<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Models")
            .field("params", &self.params)
            .field("pages_fetched", &self.pages_fetched)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}
