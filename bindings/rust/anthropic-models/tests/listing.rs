//! Listing: one page, every page in both directions, the lazy iterator
//! (and that stopping it early sends nothing more), filters, and the page cap.
//! The expected ids come from the server directly, not through the binding.

mod common;

use anthropic_models::{ErrorKind, ListParams, Model};
use common::server;

fn ids<'a>(models: impl IntoIterator<Item = &'a Model>) -> Vec<String> {
    models.into_iter().map(|m| m.id().to_string()).collect()
}

/// A page size that does not divide the number of models, with at least three pages.
fn awkward_limit(total: usize) -> u32 {
    (2..total).find(|l| total % l != 0 && total / l >= 2).expect("a catalog of at least 5 models") as u32
}

#[test]
fn one_page() {
    let server = server();
    let expected = server.model_ids();
    let client = server.client("one_page");
    let page = client.list(&ListParams::default().limit(5)).unwrap();
    assert_eq!(page.len(), 5);
    assert!(page.has_more());
    let models: Vec<Model> = page.iter().collect();
    assert_eq!(ids(&models), expected[..5]);
    assert_eq!(page.first_id(), Some(expected[0].as_str()));
    assert_eq!(page.last_id(), Some(expected[4].as_str()));
    assert_eq!(page.get(2).unwrap().id(), expected[2]);
    assert!(page.get(5).is_none());
    let reversed: Vec<Model> = page.iter().rev().collect();
    assert_eq!(reversed[0].id(), expected[4]);

    let sent = server.requests("one_page");
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].method.as_str(), sent[0].path.as_str()), ("GET", "/v1/models"));
    assert!(sent[0].query.contains("limit=5"), "{}", sent[0].query);
}

#[test]
fn list_all_forwards_with_a_page_size_that_does_not_divide_the_total() {
    let server = server();
    let expected = server.model_ids();
    let limit = awkward_limit(expected.len());
    let client = server.client("all_forwards");
    let all = client.list_all(&ListParams::default().limit(limit)).unwrap();
    assert_eq!(ids(&all), expected);

    let sent = server.requests("all_forwards");
    let pages = expected.len().div_ceil(limit as usize);
    assert_eq!(sent.len(), pages, "one request per page");
    for (i, request) in sent.iter().enumerate().skip(1) {
        let cursor = &expected[i * limit as usize - 1];
        assert!(request.query.contains(&format!("after_id={cursor}")), "page {i}: {}", request.query);
    }
}

#[test]
fn list_all_backwards_from_a_before_id() {
    let server = server();
    let expected = server.model_ids();
    let limit = awkward_limit(expected.len() - 1);
    let oldest = expected.last().unwrap().clone();
    let client = server.client("all_backwards");
    let all = client.list_all(&ListParams::default().limit(limit).before_id(&oldest)).unwrap();
    // Every model newer than the cursor, newest first, the cursor excluded.
    assert_eq!(ids(&all), expected[..expected.len() - 1]);
    let sent = server.requests("all_backwards");
    assert_eq!(sent.len(), (expected.len() - 1).div_ceil(limit as usize));
    assert!(sent.iter().all(|r| r.query.contains("before_id=") && !r.query.contains("after_id=")));
}

#[test]
fn the_iterator_yields_every_model_fetching_pages_as_it_goes() {
    let server = server();
    let expected = server.model_ids();
    let limit = awkward_limit(expected.len());
    let client = server.client("lazy_all");
    let models: Vec<Model> = client.models(&ListParams::default().limit(limit)).collect::<Result<_, _>>().unwrap();
    assert_eq!(ids(&models), expected);
    assert_eq!(server.requests("lazy_all").len(), expected.len().div_ceil(limit as usize));
}

#[test]
fn the_iterator_stopped_early_sends_no_further_request() {
    let server = server();
    let expected = server.model_ids();
    let client = server.client("lazy_early");
    let mut models = client.models(&ListParams::default().limit(3));
    assert_eq!(server.requests("lazy_early").len(), 0, "nothing is sent before the first next()");
    let first = models.next().unwrap().unwrap();
    assert_eq!(first.id(), expected[0]);
    assert_eq!(server.requests("lazy_early").len(), 1);
    // The rest of the first page and the first model of the second.
    let more: Vec<Model> = models.by_ref().take(3).collect::<Result<_, _>>().unwrap();
    assert_eq!(ids(&more), expected[1..4]);
    drop(models);
    let sent = server.requests("lazy_early");
    assert_eq!(sent.len(), 2, "exactly the two pages used: {sent:?}");
    assert!(sent[1].query.contains(&format!("after_id={}", expected[2])));
}

#[test]
fn the_iterator_walks_backwards_oldest_first() {
    let server = server();
    let expected = server.model_ids();
    let oldest = expected.last().unwrap().clone();
    let client = server.client("lazy_backwards");
    let models: Vec<Model> =
        client.models(&ListParams::default().limit(4).before_id(&oldest)).collect::<Result<_, _>>().unwrap();
    let mut newer_first = expected[..expected.len() - 1].to_vec();
    newer_first.reverse();
    assert_eq!(ids(&models), newer_first);
}

#[test]
fn the_iterator_ends_after_an_error() {
    let server = server();
    let client = server.client("lazy_error");
    let mut models = client.models(&ListParams::default().after_id("a").before_id("b"));
    let e = models.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(models.next().is_none());
    assert!(server.requests("lazy_error").is_empty(), "nothing is sent for invalid parameters");
}

#[test]
fn the_page_cap_is_a_pagination_error_never_a_partial_list() {
    let server = server();
    let client = server.client("page_cap");
    let e = client.list_all(&ListParams::default().limit(2).max_pages(2)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Pagination, "{e}");
    let lazy: Vec<_> = client.models(&ListParams::default().limit(2).max_pages(2)).collect();
    assert_eq!(lazy.len(), 5, "two pages of two, then the error");
    assert!(lazy[..4].iter().all(Result::is_ok));
    assert_eq!(lazy[4].as_ref().unwrap_err().kind(), ErrorKind::Pagination);
}

#[test]
fn lifecycle_filter_and_beta_are_sent() {
    let server = server();
    let client = server.client("filters");
    let retired = client.list_all(&ListParams::default().lifecycle("retired").beta(true)).unwrap();
    assert!(!retired.is_empty());
    assert!(retired.iter().all(|m| m.lifecycle() == Some("retired")), "{retired:?}");
    let sent = server.requests("filters");
    assert!(sent[0].query.contains("beta=true"), "{}", sent[0].query);
    assert!(sent[0].query.contains("retired"), "{}", sent[0].query);
}

#[test]
fn models_outlive_their_page_and_client() {
    let server = server();
    let expected = server.model_ids();
    let client = server.client("outlive");
    let page = client.list(&ListParams::default().limit(3)).unwrap();
    let second = page.get(1).unwrap();
    let all = client.list_all(&ListParams::default()).unwrap();
    drop(page);
    drop(client);
    assert_eq!(second.id(), expected[1]);
    assert_eq!(ids(&all), expected);
    let copy = second.clone();
    drop(second);
    assert_eq!(copy.id(), expected[1]);
}
