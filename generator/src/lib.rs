//! Turns `spec/verycloud.yaml` into a typed Rust client and an OpenAPI document.
//!
//! The pipeline, one module a stage, each taking the previous stage's output:
//!
//! 1. [`load`]: read the file into [`spec::RawSpec`] plus a [`source_map::SourceMap`] of
//!    where each YAML element stands.
//! 2. [`validate`]: every check beyond the YAML shape, all errors collected as [`Diagnostics`].
//! 3. [`model`]: the resolved [`model::Api`] the emitters read.
//! 4. [`emit`]: one module an output (`emit::rust`, `emit::openapi`), and `emit::tree`,
//!    which writes or checks an output folder.

pub mod diagnostics;
pub mod diff;
pub mod drift;
pub mod emit;
pub mod ident;
pub mod load;
pub mod model;
pub mod source_map;
pub mod spec;
pub mod validate;

pub use diagnostics::{Diagnostic, Diagnostics};

use std::path::Path;

/// Load, validate and build the model of the spec at `path`.
pub fn load_api(path: &Path) -> Result<model::Api, Diagnostics> {
    let document = load::load_file(path)?;
    let validated = validate::validate(&document)?;
    Ok(model::build(validated))
}

/// The same as [`load_api`] for a spec held in memory; `file` names it in diagnostics.
pub fn load_api_str(file: &str, text: &str) -> Result<model::Api, Diagnostics> {
    let document = load::load_str(file, text)?;
    let validated = validate::validate(&document)?;
    Ok(model::build(validated))
}
