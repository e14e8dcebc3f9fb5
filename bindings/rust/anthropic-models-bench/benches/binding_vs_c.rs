//! The binding's overhead, measured against the same work in C in the same run:
//! 1. reading every field of 1000 models from one list (target <= 1.5x C);
//! 2. a warm `get` against C's `am_model_get` (target <= 1.1x C).
//!
//! Prints the median of each side and their ratio. Needs AM_MOCK_SERVER
//! (bindings/rust/bench.sh sets it).

#[path = "../../anthropic-models/tests/common/mod.rs"]
mod common;

use anthropic_models::{Capability, Client, ListParams, Model, Page};
use anthropic_models_bench::{am_bench_c_get, am_bench_c_read_fields};
use anthropic_models_sys as sys;
use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::ptr;
use std::time::{Duration, Instant};

const MODELS: u32 = 1000;
const FIELD_SAMPLES: usize = 41;
const GET_SAMPLES: usize = 60;
const GET_ROUNDS: usize = 6;
const GETS_PER_SAMPLE: i32 = 20;
const GET_ID: &str = "claude-sonnet-4-5";

fn support(s: anthropic_models::Support) -> u64 {
    match s {
        anthropic_models::Support::No => 1,
        anthropic_models::Support::Yes => 2,
        _ => 0,
    }
}

fn len(s: Option<&str>) -> u64 {
    s.map_or(0, |s| s.len() as u64)
}

fn unix(t: Option<std::time::SystemTime>) -> u64 {
    t.map_or(0, |t| t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// The Rust twin of `am_bench_c_read_fields`: the same fields, the same checksum.
fn rust_read_fields(page: &Page) -> u64 {
    let mut sum = 0;
    for m in page {
        sum += read_model(&m);
    }
    sum
}

fn read_model(m: &Model) -> u64 {
    let mut sum = m.id().len() as u64 + len(m.display_name()) + len(m.model_type());
    sum += len(m.created_at_rfc3339()) + len(m.deprecated_at_rfc3339()) + len(m.retires_at_rfc3339());
    sum += unix(m.created_at()) + unix(m.deprecated_at()) + unix(m.retires_at());
    sum += m.max_input_tokens().unwrap_or(0) + m.max_tokens().unwrap_or(0);
    sum += len(m.lifecycle()) + len(m.line()) + m.json().len() as u64;
    sum += Capability::ALL.iter().map(|c| support(m.supports(*c))).sum::<u64>();
    sum += m.capabilities().map(|(path, s)| path.len() as u64 + support(s)).sum::<u64>();
    sum += m.effort_levels().map(|s| s.len() as u64).sum::<u64>();
    sum += m.thinking_types().map(|s| s.len() as u64).sum::<u64>();
    sum
}

/// A client made through the C API, configured like the Rust one.
struct CClient(*mut sys::am_client);

impl CClient {
    fn new(url: &str) -> CClient {
        let url = CString::new(url).unwrap();
        let key = CString::new(common::API_KEY).unwrap();
        // SAFETY: the C API used as documented; the client is freed in Drop.
        unsafe {
            let opts = sys::am_options_new();
            assert_eq!(sys::am_options_set_base_url(opts, url.as_ptr(), ptr::null_mut()), sys::AM_OK);
            assert_eq!(sys::am_options_set_api_key(opts, key.as_ptr(), ptr::null_mut()), sys::AM_OK);
            sys::am_options_set_ignore_env(opts, 1);
            let mut client = ptr::null_mut();
            assert_eq!(sys::am_client_new(opts, &mut client, ptr::null_mut()), sys::AM_OK);
            sys::am_options_free(opts);
            CClient(client)
        }
    }
    fn list(&self, limit: i32) -> CList {
        // SAFETY: a live client; the list is freed in Drop.
        unsafe {
            let params = sys::am_list_params_new();
            assert_eq!(sys::am_list_params_set_limit(params, limit, ptr::null_mut()), sys::AM_OK);
            let mut list = ptr::null_mut();
            assert_eq!(sys::am_models_list(self.0, params, &mut list, ptr::null_mut()), sys::AM_OK);
            sys::am_list_params_free(params);
            CList(list)
        }
    }
    fn gets(&self, id: &CStr, times: i32) -> i32 {
        // SAFETY: a live client, used from this thread only.
        unsafe { am_bench_c_get(self.0, id.as_ptr(), times) }
    }
}

impl Drop for CClient {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { sys::am_client_free(self.0) }
    }
}

struct CList(*mut sys::am_model_list);

impl CList {
    fn read_fields(&self) -> u64 {
        // SAFETY: a live list.
        unsafe { am_bench_c_read_fields(self.0) }
    }
}

impl Drop for CList {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { sys::am_model_list_free(self.0) }
    }
}

/// Sample times of both sides, in the order they were taken: sample `i` of
/// C and of Rust ran back to back.
struct Comparison {
    c: Vec<Duration>,
    rust: Vec<Duration>,
}

/// Runs `c` and `rust` alternately `n` times, so that load from elsewhere on
/// the machine hits both alike.
fn compare(n: usize, mut c: impl FnMut(), mut rust: impl FnMut()) -> Comparison {
    let (mut cs, mut rs) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        c();
        cs.push(t.elapsed());
        let t = Instant::now();
        rust();
        rs.push(t.elapsed());
    }
    Comparison { c: cs, rust: rs }
}

fn median<T: PartialOrd + Copy>(values: &[T]) -> T {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    sorted[sorted.len() / 2]
}

fn ratio(rust: Duration, c: Duration) -> f64 {
    rust.as_secs_f64() / c.as_secs_f64()
}

/// The medians and their ratio (against the target), then two views less
/// sensitive to a busy machine: the median of the back-to-back pairs' ratios,
/// and the ratio of the fastest samples. `per` divides each sample.
fn report(name: &str, cmp: &Comparison, per: u32, target: f64) {
    let c: Vec<Duration> = cmp.c.iter().map(|d| *d / per).collect();
    let rust: Vec<Duration> = cmp.rust.iter().map(|d| *d / per).collect();
    let (c_median, rust_median) = (median(&c), median(&rust));
    let headline = ratio(rust_median, c_median);
    let verdict = if headline <= target { "ok" } else { "ABOVE TARGET" };
    let pairs: Vec<f64> = c.iter().zip(&rust).map(|(c, r)| ratio(*r, *c)).collect();
    let (c_min, rust_min) = (*c.iter().min().unwrap(), *rust.iter().min().unwrap());
    println!("{name}");
    println!("  median   C {c_median:>10.3?}  Rust {rust_median:>10.3?}  ratio {headline:.3}  (target <= {target}: {verdict})");
    println!("  fastest  C {c_min:>10.3?}  Rust {rust_min:>10.3?}  ratio {:.3}", ratio(rust_min, c_min));
    println!("  median ratio of back-to-back pairs: {:.3}", median(&pairs));
}

fn main() {
    let server = common::MockServer::start(&["--synthetic", &MODELS.to_string()]);
    let client: Client = common::builder_for(&server.url()).build().unwrap();
    let c_list = CClient::new(&server.url()).list(MODELS as i32);
    let page = client.list(&ListParams::default().limit(MODELS)).unwrap();
    assert_eq!(page.len(), MODELS as usize);

    // Warm both (the C library builds each model's JSON text on first use),
    // and check that both sides read the same values.
    assert_eq!(c_list.read_fields(), rust_read_fields(&page), "the C and Rust readers must read the same fields");
    let fields = compare(
        FIELD_SAMPLES,
        || {
            black_box(c_list.read_fields());
        },
        || {
            black_box(rust_read_fields(black_box(&page)));
        },
    );
    report(&format!("read every field of {MODELS} models ({FIELD_SAMPLES} samples)"), &fields, 1, 1.5);

    // Gets: a pair of fresh clients (fresh connections) per round, as one
    // connection can be luckier than another on a busy machine.
    let id = CString::new(GET_ID).unwrap();
    let mut gets = Comparison { c: Vec::new(), rust: Vec::new() };
    for _ in 0..GET_ROUNDS {
        let c_client = CClient::new(&server.url());
        let client = common::builder_for(&server.url()).build().unwrap();
        assert_eq!(c_client.gets(&id, 5), 0);
        for _ in 0..5 {
            client.get(GET_ID).unwrap();
        }
        let round = compare(
            GET_SAMPLES / GET_ROUNDS,
            || assert_eq!(c_client.gets(&id, GETS_PER_SAMPLE), 0),
            || {
                for _ in 0..GETS_PER_SAMPLE {
                    black_box(client.get(GET_ID).unwrap());
                }
            },
        );
        gets.c.extend(round.c);
        gets.rust.extend(round.rust);
    }
    report(
        &format!("warm get, per call ({GET_SAMPLES} samples of {GETS_PER_SAMPLE} gets, {GET_ROUNDS} client pairs)"),
        &gets,
        GETS_PER_SAMPLE as u32,
        1.1,
    );
}
