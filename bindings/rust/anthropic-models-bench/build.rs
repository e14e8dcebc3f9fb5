//! Compiles the C baseline against the header the -sys crate found.

fn main() {
    let include = std::env::var("DEP_ANTHROPIC_MODELS_INCLUDE").expect("anthropic-models-sys exports its include dir");
    println!("cargo:rerun-if-changed=c/baseline.c");
    cc::Build::new()
        .file("c/baseline.c")
        .include(include)
        .flag("-std=c99")
        .warnings_into_errors(true)
        .compile("am_bench_c");
}
