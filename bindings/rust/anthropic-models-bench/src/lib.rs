//! The C baseline of the benchmarks (`c/baseline.c`), declared for Rust.

use anthropic_models_sys::{am_client, am_model_list};
use std::ffi::c_char;

extern "C" {
    /// Reads every field of every model of `list`; returns a checksum.
    pub fn am_bench_c_read_fields(list: *const am_model_list) -> u64;
    /// `times` warm gets of `id`; returns how many failed.
    pub fn am_bench_c_get(client: *mut am_client, id: *const c_char, times: i32) -> i32;
}
