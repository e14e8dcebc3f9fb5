//! Lists every model and which of them support extended thinking.
//!
//! Configuration comes from the environment: `ANTHROPIC_API_KEY` (or
//! `ANTHROPIC_AUTH_TOKEN`) and, optionally, `ANTHROPIC_BASE_URL`.
//!
//! Run: `cargo run -p anthropic-models-example` (bindings/rust/demo.sh does it
//! against the local API server).

use anthropic_models::{Capability, Client, ListParams, Model, Support};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(id) = e.request_id() {
                eprintln!("  request-id: {id}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> anthropic_models::Result<()> {
    let client = Client::from_env()?;
    let (mut thinking, mut total) = (0, 0);
    // Pages are fetched as the loop goes.
    for model in client.models(&ListParams::default().limit(20)) {
        let model = model?;
        total += 1;
        let support = model.supports(Capability::Thinking);
        if support == Support::Yes {
            thinking += 1;
        }
        let line = format!(
            "{:<28} {:<24} extended thinking: {:<7} {}",
            model.id(),
            name(&model),
            support,
            details(&model)
        );
        println!("{}", line.trim_end());
    }
    println!("\n{thinking} of {total} models support extended thinking");
    Ok(())
}

fn name(model: &Model) -> &str {
    model.display_name().unwrap_or("-")
}

/// The thinking types a model accepts, e.g. `[adaptive, enabled]`.
fn details(model: &Model) -> String {
    let types: Vec<&str> = model.thinking_types().collect();
    if types.is_empty() {
        String::new()
    } else {
        format!("[{}]", types.join(", "))
    }
}
