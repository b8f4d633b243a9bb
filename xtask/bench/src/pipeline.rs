//! Our generator, stage by stage, as `cargo xtask codegen` runs it: load → validate → model →
//! emit Rust (prettyplease included) → emit OpenAPI (pretty JSON included).

use std::time::Duration;

use anyhow::{Result, anyhow};
use emit::{GeneratedFile, openapi, rust};
use spec::{build, load, validate};

use crate::stats::timed;

/// Wall time of each stage of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    pub load: Duration,
    pub validate_and_model: Duration,
    pub emit_rust: Duration,
    pub emit_openapi: Duration,
}

impl StageTimes {
    pub fn total(&self) -> Duration {
        self.load + self.validate_and_model + self.emit_rust + self.emit_openapi
    }
}

/// One generation of the client from a spec held in memory. The loader's file-size bound is
/// skipped, as synthetic specs of 10,000 endpoints exceed it; at the real spec's size the
/// bound is one comparison.
pub fn generate(spec_text: &str) -> Result<(Vec<GeneratedFile>, StageTimes)> {
    let (document, load) = timed(|| load::load_str_unbounded("spec.yaml", spec_text));
    let document =
        document.map_err(|diagnostics| anyhow!("the spec does not load:\n{diagnostics}"))?;
    // The document (source map included) is dropped once the model is built, as
    // `spec::load_api` drops it, so that it does not count in the emitters' peak memory.
    let (api, validate_and_model) = timed(move || validate::validate(&document).map(build::build));
    let api = api.map_err(|diagnostics| anyhow!("the spec is not valid:\n{diagnostics}"))?;
    let (mut files, emit_rust) = timed(|| rust::emit(&api));
    let (openapi_file, emit_openapi) = timed(|| openapi::emit(&api));
    files.push(openapi_file);
    let times = StageTimes {
        load,
        validate_and_model,
        emit_rust,
        emit_openapi,
    };
    Ok((files, times))
}

/// The endpoints and named types a spec has, by loading it (untimed).
pub fn shape(spec_text: &str) -> Result<(usize, usize)> {
    let document = load::load_str_unbounded("spec.yaml", spec_text)
        .map_err(|diagnostics| anyhow!("the spec does not load:\n{diagnostics}"))?;
    Ok((document.raw.endpoints.len(), document.raw.types.len()))
}
