//! The hand-written declarations agree with the installed header: every
//! constant's value, `AM_ABI_VERSION`, every typedef's size and signedness,
//! and every function's and callback type's signature. A C program compiled
//! against the header prints what C sees; the header itself lists what must
//! exist, so a constant or function added to it and missing here fails too.

mod header;

use anthropic_models_sys as sys;
use std::collections::BTreeMap;
use std::mem::size_of;
use std::path::{Path, PathBuf};
use std::process::Command;

const INCLUDE_DIR: &str = env!("ANTHROPIC_MODELS_SYS_INCLUDE");

macro_rules! int_constants {
    ($($name:ident),* $(,)?) => { BTreeMap::from([$((stringify!($name), sys::$name as i64)),*]) };
}
macro_rules! int_typedefs {
    ($($name:ident),* $(,)?) => {
        BTreeMap::from([$((stringify!($name), (size_of::<sys::$name>(), <sys::$name>::MIN != 0))),*])
    };
}
macro_rules! fn_typedef_sizes {
    ($($name:ident),* $(,)?) => { BTreeMap::from([$((stringify!($name), size_of::<sys::$name>())),*]) };
}

fn rust_int_constants() -> BTreeMap<&'static str, i64> {
    int_constants![
        AM_VERSION_MAJOR,
        AM_VERSION_MINOR,
        AM_VERSION_PATCH,
        AM_VERSION_NUMBER,
        AM_ABI_VERSION,
        AM_OK,
        AM_ERR_INVALID_ARGUMENT,
        AM_ERR_BAD_REQUEST,
        AM_ERR_AUTHENTICATION,
        AM_ERR_PERMISSION,
        AM_ERR_NOT_FOUND,
        AM_ERR_CONFLICT,
        AM_ERR_REQUEST_TOO_LARGE,
        AM_ERR_RATE_LIMITED,
        AM_ERR_OVERLOADED,
        AM_ERR_SERVER,
        AM_ERR_HTTP,
        AM_ERR_TIMEOUT,
        AM_ERR_CONNECTION,
        AM_ERR_TLS,
        AM_ERR_DECODE,
        AM_ERR_RESPONSE_TOO_LARGE,
        AM_ERR_CANCELLED,
        AM_ERR_OUT_OF_MEMORY,
        AM_ERR_INTERNAL,
        AM_ERR_PAGINATION,
        AM_ERR_NOT_CACHED,
        AM_LOG_DEBUG,
        AM_LOG_INFO,
        AM_LOG_WARN,
        AM_LOG_ERROR,
        AM_SUPPORT_NO,
        AM_SUPPORT_YES,
        AM_SUPPORT_UNKNOWN,
        AM_CAP_BATCH,
        AM_CAP_CITATIONS,
        AM_CAP_CODE_EXECUTION,
        AM_CAP_CONTEXT_MANAGEMENT,
        AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015,
        AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919,
        AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112,
        AM_CAP_EFFORT,
        AM_CAP_EFFORT_LOW,
        AM_CAP_EFFORT_MEDIUM,
        AM_CAP_EFFORT_HIGH,
        AM_CAP_EFFORT_MAX,
        AM_CAP_EFFORT_XHIGH,
        AM_CAP_IMAGE_INPUT,
        AM_CAP_PDF_INPUT,
        AM_CAP_STRUCTURED_OUTPUTS,
        AM_CAP_THINKING,
        AM_CAP_THINKING_TYPES_ADAPTIVE,
        AM_CAP_THINKING_TYPES_ENABLED,
        AM_CAP_THINKING_TYPES_DISABLED,
        AM_CAP_THINKING_TYPES_BETWEEN_TOOLS,
        AM_CAP_SERVER_TOOLS,
        AM_CAP_SERVER_TOOLS_CODE_EXECUTION,
        AM_CAP_SERVER_TOOLS_WEB_SEARCH,
        AM_CAP_COUNT,
        AM_CAP_COUNT_,
    ]
}

fn header_path() -> PathBuf {
    Path::new(INCLUDE_DIR).join("anthropic_models.h")
}

/// Compiles and runs a program printing what C sees for every declaration.
fn c_values(decls: &header::Declarations) -> String {
    let mut program = String::from("#include <stdio.h>\n#include \"anthropic_models.h\"\nint main(void) {\n");
    for name in &decls.int_constants {
        program += &format!("  printf(\"const {name} %lld\\n\", (long long)({name}));\n");
    }
    for name in &decls.string_constants {
        program += &format!("  printf(\"string {name} %s\\n\", {name});\n");
    }
    for name in &decls.int_typedefs {
        program +=
            &format!("  printf(\"int_typedef {name} %u %d\\n\", (unsigned)sizeof({name}), (int)(({name})-1 < 0));\n");
    }
    for name in decls.fn_typedefs.keys() {
        program += &format!("  printf(\"fn_typedef {name} %u\\n\", (unsigned)sizeof({name}));\n");
    }
    program += "  printf(\"size_t %u\\n\", (unsigned)sizeof(size_t));\n  return 0;\n}\n";

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("declarations");
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("print_declarations.c");
    let exe = dir.join("print_declarations");
    std::fs::write(&source, program).unwrap();
    let target = env!("ANTHROPIC_MODELS_SYS_TARGET");
    let compiler = cc::Build::new().target(target).host(target).opt_level(0).cargo_metadata(false).get_compiler();
    let out = compiler
        .to_command()
        .args(["-std=c99", "-pedantic", "-Wall", "-Werror", "-I", INCLUDE_DIR, "-o"])
        .arg(&exe)
        .arg(&source)
        .output()
        .expect("the C compiler runs");
    assert!(out.status.success(), "compiling the C side failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(&exe).output().expect("the C program runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn declarations_match_the_header() {
    let header_text = std::fs::read_to_string(header_path()).expect("the header is readable");
    let decls = header::parse_header(&header_text);
    assert!(decls.functions.len() > 90 && decls.int_constants.len() > 50, "parsed too little: {decls:?}");
    let printed = c_values(&decls);

    let mut problems = Vec::new();
    let rust_consts = rust_int_constants();
    let rust_int_typedefs = int_typedefs![am_status, am_log_level, am_support, am_capability];
    let rust_fn_sizes = fn_typedef_sizes![am_userdata_free, am_notify_fn, am_log_fn, am_request_callback];
    let mut seen = Vec::new();
    for line in printed.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        match fields.as_slice() {
            ["const", name, value] => {
                seen.push(name.to_string());
                let c: i64 = value.parse().unwrap();
                match rust_consts.get(name) {
                    None => problems.push(format!("{name} = {c} in the header, missing in Rust")),
                    Some(r) if *r != c => problems.push(format!("{name}: C {c}, Rust {r}")),
                    _ => {}
                }
            }
            ["string", "AM_VERSION_STRING", value] => {
                if *value != sys::AM_VERSION_STRING {
                    problems.push(format!("AM_VERSION_STRING: C {value}, Rust {}", sys::AM_VERSION_STRING));
                }
            }
            ["int_typedef", name, size, signed] => {
                let c = (size.parse::<usize>().unwrap(), *signed == "1");
                match rust_int_typedefs.get(name) {
                    None => problems.push(format!("typedef {name} missing in Rust")),
                    Some(r) if *r != c => problems.push(format!("{name}: C (size, signed) {c:?}, Rust {r:?}")),
                    _ => {}
                }
            }
            ["fn_typedef", name, size] => match rust_fn_sizes.get(name) {
                None => problems.push(format!("callback type {name} missing in Rust")),
                Some(r) if r.to_string() != *size => problems.push(format!("{name}: C size {size}, Rust {r}")),
                _ => {}
            },
            ["size_t", size] => {
                if size_of::<usize>().to_string() != *size {
                    problems.push(format!("size_t is {size} bytes, usize {}", size_of::<usize>()));
                }
            }
            _ => problems.push(format!("unexpected C output line {line:?}")),
        }
    }
    for name in rust_consts.keys() {
        if !seen.iter().any(|s| s == name) {
            problems.push(format!("{name} is declared in Rust but not in the header"));
        }
    }
    if decls.string_constants != ["AM_VERSION_STRING"] {
        problems.push(format!("string macros changed: {:?}", decls.string_constants));
    }

    let (rust_fns, rust_fn_types) = header::parse_rust(include_str!("../src/lib.rs"));
    compare_signatures("function", &decls.functions, &rust_fns, &mut problems);
    compare_signatures("callback type", &decls.fn_typedefs, &rust_fn_types, &mut problems);
    assert!(
        problems.is_empty(),
        "declarations disagree with {}:\n  {}",
        header_path().display(),
        problems.join("\n  ")
    );
}

fn compare_signatures(
    what: &str,
    c: &BTreeMap<String, header::Signature>,
    rust: &BTreeMap<String, header::Signature>,
    problems: &mut Vec<String>,
) {
    for (name, c_sig) in c {
        match rust.get(name) {
            None => problems.push(format!("{what} {name} is in the header, not in Rust")),
            Some(r) if r != c_sig => problems.push(format!("{what} {name}: C {c_sig:?}, Rust {r:?}")),
            _ => {}
        }
    }
    for name in rust.keys().filter(|n| !c.contains_key(*n)) {
        problems.push(format!("{what} {name} is declared in Rust but not in the header"));
    }
}
