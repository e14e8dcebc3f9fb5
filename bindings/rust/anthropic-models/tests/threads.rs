//! One client shared by 16 threads (blocking calls, the lazy iterator and
//! futures), and the values crossing threads.

mod common;

use anthropic_models::{Client, Error, ListParams, Model, Page};
use common::server;
use futures::executor::block_on;
use std::sync::Arc;

#[test]
fn the_types_that_cross_threads_say_so() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Client>();
    send_sync::<Model>();
    send_sync::<Page>();
    send_sync::<Error>();
}

#[test]
fn sixteen_threads_share_one_client() {
    let server = server();
    let expected = server.model_ids();
    let client = server.client("sixteen");
    const ROUNDS: usize = 4;
    std::thread::scope(|scope| {
        for t in 0..16 {
            let (client, expected) = (&client, &expected);
            scope.spawn(move || {
                for round in 0..ROUNDS {
                    let id = &expected[(t + round) % expected.len()];
                    assert_eq!(client.get(id).unwrap().id(), *id);
                    let limit = 1 + (t % 5) as u32;
                    let page = client.list(&ListParams::default().limit(limit)).unwrap();
                    assert_eq!(page.iter().map(|m| m.id().to_string()).collect::<Vec<_>>(), expected[..limit as usize]);
                    let lazy: Vec<String> = client
                        .models(&ListParams::default().limit(limit + 2))
                        .map(|m| m.unwrap().id().to_string())
                        .collect();
                    assert_eq!(lazy, *expected);
                    let all = block_on(client.list_all_async(&ListParams::default())).unwrap();
                    assert_eq!(all.len(), expected.len());
                }
            });
        }
    });
    let pages_per_walk = |limit: usize| expected.len().div_ceil(limit);
    let lazy_pages: usize = (0..16).map(|t| pages_per_walk(1 + t % 5 + 2)).sum();
    assert_eq!(server.requests("sixteen").len(), ROUNDS * (16 * 3 + lazy_pages), "every call reached the server once");
}

#[test]
fn a_client_in_an_arc_and_models_moved_between_threads() {
    let server = server();
    let client = Arc::new(server.client("arc"));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let client = Arc::clone(&client);
            std::thread::spawn(move || client.get("claude-haiku-4-5").unwrap())
        })
        .collect();
    let models: Vec<Model> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    drop(client);
    // Read on yet another thread, after the client is gone.
    let ids = std::thread::spawn(move || models.iter().map(|m| m.id().to_string()).collect::<Vec<_>>()).join().unwrap();
    assert_eq!(ids, vec!["claude-haiku-4-5-20251001"; 4]);
}
