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
const GET_SAMPLES: usize = 51;
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

/// A C client and one page of `limit` models from it, through the C API.
struct CSide {
    client: *mut sys::am_client,
    list: *mut sys::am_model_list,
}

impl CSide {
    fn new(url: &str, limit: i32) -> CSide {
        let url = CString::new(url).unwrap();
        let key = CString::new(common::API_KEY).unwrap();
        // SAFETY: the C API used as documented; every handle is freed in Drop.
        unsafe {
            let opts = sys::am_options_new();
            assert_eq!(sys::am_options_set_base_url(opts, url.as_ptr(), ptr::null_mut()), sys::AM_OK);
            assert_eq!(sys::am_options_set_api_key(opts, key.as_ptr(), ptr::null_mut()), sys::AM_OK);
            sys::am_options_set_ignore_env(opts, 1);
            let mut client = ptr::null_mut();
            assert_eq!(sys::am_client_new(opts, &mut client, ptr::null_mut()), sys::AM_OK);
            sys::am_options_free(opts);
            let params = sys::am_list_params_new();
            assert_eq!(sys::am_list_params_set_limit(params, limit, ptr::null_mut()), sys::AM_OK);
            let mut list = ptr::null_mut();
            assert_eq!(sys::am_models_list(client, params, &mut list, ptr::null_mut()), sys::AM_OK);
            sys::am_list_params_free(params);
            CSide { client, list }
        }
    }
    fn read_fields(&self) -> u64 {
        // SAFETY: a live list.
        unsafe { am_bench_c_read_fields(self.list) }
    }
    fn gets(&self, id: &CStr, times: i32) -> i32 {
        // SAFETY: a live client, used from this thread only.
        unsafe { am_bench_c_get(self.client, id.as_ptr(), times) }
    }
}

impl Drop for CSide {
    fn drop(&mut self) {
        // SAFETY: owned handles, freed once.
        unsafe {
            sys::am_model_list_free(self.list);
            sys::am_client_free(self.client);
        }
    }
}

/// Sorted sample times of one side.
struct Samples(Vec<Duration>);

impl Samples {
    fn median(&self) -> Duration {
        self.0[self.0.len() / 2]
    }
    fn min(&self) -> Duration {
        self.0[0]
    }
    fn per(&self, n: u32) -> Samples {
        Samples(self.0.iter().map(|d| *d / n).collect())
    }
}

/// Runs `c` and `rust` alternately `n` times (so load from elsewhere hits
/// both alike); the sample times of each.
fn compare(n: usize, mut c: impl FnMut(), mut rust: impl FnMut()) -> (Samples, Samples) {
    let (mut cs, mut rs) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        c();
        cs.push(t.elapsed());
        let t = Instant::now();
        rust();
        rs.push(t.elapsed());
    }
    cs.sort();
    rs.sort();
    (Samples(cs), Samples(rs))
}

/// One line: the medians and their ratio against the target, then the
/// fastest samples' ratio (less sensitive to a busy machine).
fn report(name: &str, (c, rust): &(Samples, Samples), target: f64) {
    let ratio = |r: Duration, c: Duration| r.as_secs_f64() / c.as_secs_f64();
    let median_ratio = ratio(rust.median(), c.median());
    let verdict = if median_ratio <= target { "ok" } else { "ABOVE TARGET" };
    println!(
        "{name}\n  median: C {:>10.3?}  Rust {:>10.3?}  ratio {median_ratio:.3} (target <= {target}: {verdict})\n  \
         min:    C {:>10.3?}  Rust {:>10.3?}  ratio {:.3}",
        c.median(),
        rust.median(),
        c.min(),
        rust.min(),
        ratio(rust.min(), c.min())
    );
}

fn main() {
    let server = common::MockServer::start(&["--synthetic", &MODELS.to_string()]);
    let client: Client = server.client("bench");
    let c_side = CSide::new(&server.url(), MODELS as i32);
    let page = client.list(&ListParams::default().limit(MODELS)).unwrap();
    assert_eq!(page.len(), MODELS as usize);

    // Warm both (the C library builds each model's JSON text on first use),
    // and check that both sides read the same values.
    let (c_sum, rust_sum) = (c_side.read_fields(), rust_read_fields(&page));
    assert_eq!(c_sum, rust_sum, "the C and Rust readers must read the same fields");
    let fields = compare(
        FIELD_SAMPLES,
        || {
            black_box(c_side.read_fields());
        },
        || {
            black_box(rust_read_fields(black_box(&page)));
        },
    );
    report(&format!("read every field of {MODELS} models ({FIELD_SAMPLES} samples)"), &fields, 1.5);

    let id = CString::new(GET_ID).unwrap();
    assert_eq!(c_side.gets(&id, 5), 0);
    for _ in 0..5 {
        client.get(GET_ID).unwrap();
    }
    let gets = compare(
        GET_SAMPLES,
        || assert_eq!(c_side.gets(&id, GETS_PER_SAMPLE), 0),
        || {
            for _ in 0..GETS_PER_SAMPLE {
                black_box(client.get(GET_ID).unwrap());
            }
        },
    );
    let per_get = (gets.0.per(GETS_PER_SAMPLE as u32), gets.1.per(GETS_PER_SAMPLE as u32));
    report(&format!("warm get, per call ({GET_SAMPLES} samples of {GETS_PER_SAMPLE} gets)"), &per_get, 1.1);
}
