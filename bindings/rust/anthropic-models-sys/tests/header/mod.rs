//! Reads the declarations out of `anthropic_models.h` and out of this crate's
//! `src/lib.rs`, into one comparable form: a signature is a list of canonical
//! Rust type names (`*const c_char`, `*mut *mut am_error`, `i32`, `()`).
//!
//! The parser knows the header's own style (one declaration per statement,
//! callback types behind typedefs), not C in general; anything it cannot read
//! makes the test fail rather than pass unchecked.

use std::collections::BTreeMap;

/// A function or function-pointer type: parameter types, then the return type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub params: Vec<String>,
    pub ret: String,
}

#[derive(Debug, Default)]
pub struct Declarations {
    /// Integer constants: enum members and numeric `#define AM_*` macros.
    pub int_constants: Vec<String>,
    /// `#define AM_*` string macros.
    pub string_constants: Vec<String>,
    /// `typedef <integer type> name;`
    pub int_typedefs: Vec<String>,
    /// `typedef ret (*name)(params);`
    pub fn_typedefs: BTreeMap<String, Signature>,
    pub functions: BTreeMap<String, Signature>,
}

/// Parses the C header.
pub fn parse_header(text: &str) -> Declarations {
    let text = strip_comments(&text.replace("\\\n", " ")).replace("extern \"C\" {", "");
    let mut decls = Declarations::default();
    let mut code = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(define) = line.strip_prefix("#define ") {
            parse_define(define, &mut decls);
        } else if !line.starts_with('#') {
            code.push_str(line);
            code.push(' ');
        }
    }
    for stmt in code.split(';') {
        let stmt = stmt.trim().trim_start_matches('}').trim();
        if stmt.is_empty() {
            continue;
        }
        if stmt.starts_with("enum ") {
            let body = between(stmt, '{', '}').unwrap_or_else(|| panic!("enum without a body: {stmt}"));
            for member in body.split(',').map(str::trim).filter(|m| !m.is_empty()) {
                decls.int_constants.push(member.split('=').next().unwrap().trim().to_string());
            }
        } else if let Some(rest) = stmt.strip_prefix("typedef ") {
            parse_typedef(rest, &mut decls);
        } else if let Some(rest) = stmt.strip_prefix("AM_API ") {
            let rest = rest.strip_suffix("AM_NOEXCEPT").unwrap_or(rest).trim();
            let (name, sig) = parse_c_function(rest);
            decls.functions.insert(name, sig);
        } else {
            panic!("declaration the checker cannot read: {stmt}");
        }
    }
    decls
}

/// Parses the `extern "C"` block and the callback types of `src/lib.rs`.
pub fn parse_rust(text: &str) -> (BTreeMap<String, Signature>, BTreeMap<String, Signature>) {
    let text = strip_comments(text);
    // One spelling whatever rustfmt did with line breaks.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("< ", "<").replace(" >", ">").replace("( ", "(").replace(" )", ")");
    let mut functions = BTreeMap::new();
    let mut fn_types = BTreeMap::new();
    let start = text.find("extern \"C\" {").expect("src/lib.rs has an extern \"C\" block");
    let block = &text[start..];
    let block = &block[..block.find('}').expect("the extern block ends")];
    for stmt in block.split(';') {
        if let Some(pos) = stmt.find("pub fn ") {
            let (name, sig) = parse_rust_fn(&stmt[pos + "pub fn ".len()..]);
            functions.insert(name, sig);
        }
    }
    for stmt in text.split(';') {
        let stmt = stmt.trim();
        if let Some(rest) = stmt.strip_prefix("pub type ") {
            if let Some((name, ty)) = rest.split_once('=') {
                if let Some(inner) = ty.trim().strip_prefix("Option<unsafe extern \"C\" fn") {
                    let inner = inner.strip_suffix('>').expect("Option<...> closes");
                    fn_types.insert(name.trim().to_string(), parse_rust_fn(&format!("f{inner}")).1);
                }
            }
        }
    }
    (functions, fn_types)
}

fn parse_define(define: &str, decls: &mut Declarations) {
    let (name, value) = define.split_once(char::is_whitespace).unwrap_or((define, ""));
    let value = value.trim();
    // Only value macros: not AM_API, AM_NOEXCEPT, AM_DEPRECATED(msg) or the include guard.
    if !name.starts_with("AM_") || name.contains('(') || value.is_empty() {
        return;
    }
    if value.starts_with('"') {
        decls.string_constants.push(name.to_string());
    } else if value.starts_with(|c: char| c.is_ascii_digit() || c == '(') || value.starts_with("AM_") {
        decls.int_constants.push(name.to_string());
    }
}

fn parse_typedef(rest: &str, decls: &mut Declarations) {
    if rest.starts_with("struct ") {
        return; // opaque handle: no size to check
    }
    if let Some(open) = rest.find("(*") {
        let close = rest[open..].find(')').expect("(*name)") + open;
        let name = rest[open + 2..close].trim().to_string();
        let ret = c_type(&rest[..open]);
        let params = between(&rest[close + 1..], '(', ')').expect("fn pointer typedef has parameters");
        decls.fn_typedefs.insert(name, Signature { params: c_params(params), ret });
    } else {
        let name = rest.split_whitespace().last().expect("typedef name");
        decls.int_typedefs.push(name.to_string());
    }
}

/// `const char *am_version(void)` -> ("am_version", [] -> "*const c_char").
fn parse_c_function(decl: &str) -> (String, Signature) {
    let open = decl.find('(').unwrap_or_else(|| panic!("function without parameters: {decl}"));
    let head = &decl[..open];
    let name_start = head.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
    let name = head[name_start..].to_string();
    let ret = c_type(&head[..name_start]);
    let params = between(&decl[open..], '(', ')').expect("parameter list");
    (name, Signature { params: c_params(params), ret })
}

fn c_params(list: &str) -> Vec<String> {
    let list = list.trim();
    if list == "void" || list.is_empty() {
        return Vec::new();
    }
    list.split(',')
        .map(|param| {
            // Every parameter of the header is named: drop the name.
            let param = param.trim();
            let cut = param.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).expect("typed parameter");
            c_type(&param[..=cut])
        })
        .collect()
}

/// A C type (without a name) in its canonical Rust spelling.
///
/// A `const` before the first `*` qualifies the base type; one after the
/// k-th `*` qualifies that pointer itself, i.e. the pointee of pointer k+1
/// (`const char *const *` is `*const *const c_char`). Rust spells each
/// pointer by whether its pointee is const; the outermost pointer's own
/// qualifier has no Rust spelling (a parameter's own constness).
fn c_type(ty: &str) -> String {
    let segments: Vec<&str> = ty.split('*').collect();
    let pointers = segments.len() - 1;
    let has_const = |segment: &str| segment.split_whitespace().any(|w| w == "const");
    let words: Vec<&str> = segments[0].split_whitespace().collect();
    let base = words.iter().copied().find(|w| *w != "const").unwrap_or_else(|| panic!("no type in {ty:?}"));
    if let Some(word) = segments[1..].iter().flat_map(|s| s.split_whitespace()).find(|w| *w != "const") {
        panic!("unexpected {word:?} after a '*' in {ty:?}");
    }
    let mut out = match (base, pointers) {
        ("void", 0) => "()".to_string(),
        ("void", _) => "c_void".to_string(),
        ("char", _) => "c_char".to_string(),
        ("int32_t", _) => "i32".to_string(),
        ("int64_t", _) => "i64".to_string(),
        ("uint32_t", _) => "u32".to_string(),
        ("size_t", _) => "usize".to_string(),
        (other, _) => other.to_string(),
    };
    for segment in &segments[..pointers] {
        out = format!("{} {out}", if has_const(segment) { "*const" } else { "*mut" });
    }
    out
}

/// `name(a: T, b: U) -> R` -> ("name", [T, U] -> R).
fn parse_rust_fn(decl: &str) -> (String, Signature) {
    let decl = decl.split_whitespace().collect::<Vec<_>>().join(" ");
    let open = decl.find('(').unwrap_or_else(|| panic!("fn without parameters: {decl}"));
    let name = decl[..open].trim().to_string();
    let params = between(&decl[open..], '(', ')').expect("parameter list");
    let after = &decl[open + params.len() + 2..];
    let ret = after.trim().strip_prefix("->").map_or("()".to_string(), rust_type);
    let params = params
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| rust_type(p.split_once(':').map_or(p, |(_, ty)| ty)))
        .collect();
    (name, Signature { params, ret })
}

fn rust_type(ty: &str) -> String {
    ty.trim().replace("core::ffi::", "")
}

/// The text between the first `open` and its matching `close`.
fn between(text: &str, open: char, close: char) -> Option<&str> {
    let start = text.find(open)? + open.len_utf8();
    let mut depth = 1;
    for (i, c) in text[start..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(&text[start..start + i]);
            }
        }
    }
    None
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        match (block, line) {
            (Some(b), l) if l.map_or(true, |l| b < l) => {
                out.push_str(&rest[..b]);
                let end = rest[b..].find("*/").expect("comment closes") + b + 2;
                rest = &rest[end..];
            }
            (_, Some(l)) => {
                out.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |e| &rest[l + e..]);
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}
