//! Measurement 2: progenitor generating a client from our own `openapi.json`, the way its
//! docs show for a build script: parse the document, generate tokens, pretty-print them with
//! prettyplease (the printer our emitter uses too).

use std::panic::{AssertUnwindSafe, catch_unwind};

use anyhow::{Context, Result, anyhow};
use progenitor::{GenerationSettings, Generator};

/// progenitor's client for one OpenAPI document.
pub struct ProgenitorClient {
    /// The client's source, one file.
    pub code: String,
    /// `[dependencies]` lines the code needs, as progenitor's own CLI would list them.
    pub dependencies: Vec<String>,
}

/// Parses `openapi_json`, the first step of every progenitor run.
pub fn parse(openapi_json: &str) -> Result<openapiv3::OpenAPI> {
    serde_json::from_str(openapi_json).context("openapiv3 cannot read the document")
}

/// One full progenitor run with default settings (positional methods, one merged client).
///
/// progenitor answers some documents with a panic rather than an error; that is caught and
/// reported like an error, as either is a finding about the document or about progenitor.
pub fn generate(openapi_json: &str) -> Result<ProgenitorClient> {
    let spec = parse(openapi_json)?;
    let mut generator = Generator::new(&GenerationSettings::default());
    let tokens = catch_unwind(AssertUnwindSafe(|| generator.generate_tokens(&spec)))
        .map_err(|panic| anyhow!("progenitor panicked: {}", panic_message(&panic)))?
        .map_err(|error| anyhow!("progenitor rejects the document: {error}"))?;
    let file: syn::File =
        syn::parse2(tokens).context("progenitor's tokens do not parse as a Rust file")?;
    Ok(ProgenitorClient {
        code: prettyplease::unparse(&file),
        dependencies: dependencies(&generator),
    })
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// The crates progenitor's output refers to: always its runtime crate, reqwest, serde and
/// their helpers; the rest only when the type space uses them.
fn dependencies(generator: &Generator) -> Vec<String> {
    let types = generator.get_type_space();
    let mut lines = vec![
        r#"bytes = "1""#.to_owned(),
        r#"futures-core = "0.3""#.to_owned(),
        r#"progenitor-client = "0.15""#.to_owned(),
        r#"reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream"] }"#.to_owned(),
        r#"serde = { version = "1", features = ["derive"] }"#.to_owned(),
        r#"serde_urlencoded = "0.7""#.to_owned(),
    ];
    let optional = [
        (types.uses_serde_json(), r#"serde_json = "1""#),
        (types.uses_regress(), r#"regress = "0.10""#),
        (
            types.uses_uuid(),
            r#"uuid = { version = "1", features = ["serde", "v4"] }"#,
        ),
        (
            types.uses_chrono(),
            r#"chrono = { version = "0.4", default-features = false, features = ["serde"] }"#,
        ),
        (generator.uses_futures(), r#"futures = "0.3""#),
        (generator.uses_websockets(), r#"base64 = "0.22""#),
        (generator.uses_websockets(), r#"rand = "0.8""#),
    ];
    lines.extend(
        optional
            .into_iter()
            .filter(|(used, _)| *used)
            .map(|(_, line)| line.to_owned()),
    );
    lines.sort_unstable();
    lines
}
