//! The spec core: the spec file's format, its loader and validator, and the resolved model
//! every output is built from.
//!
//! The pipeline, each stage taking the previous stage's output and never reaching back:
//!
//! 1. [`load`]: read the file into [`format::RawSpec`] plus a [`source_map::SourceMap`] of
//!    where each YAML element stands.
//! 2. [`validate`]: every check beyond the YAML shape, all problems collected as [`Diagnostics`].
//! 3. [`build`]: the validated spec as the resolved [`model::Api`] (defined in [`model`]) that
//!    the emitters, the spec diff and the docs drift read.
//!
//! Beside the stages, the vocabulary they share: [`scalar`] (every fact about each scalar),
//! [`type_ref`] (resolved type expressions), [`names`] (every generated name) and
//! [`diagnostics`] (located errors with hints).

#![warn(missing_docs)]

pub mod build;
pub mod diagnostics;
pub mod format;
pub mod load;
pub mod model;
pub mod names;
pub mod scalar;
pub mod source_map;
pub mod type_ref;
pub mod validate;

pub use diagnostics::{Diagnostic, Diagnostics};

use std::path::Path;

/// Load, validate and build the model of the spec at `path`.
///
/// # Errors
/// Every problem found, located in the file, when the spec cannot be read or is invalid.
pub fn load_api(path: &Path) -> Result<model::Api, Diagnostics> {
    let document = load::load_file(path)?;
    let validated = validate::validate(&document)?;
    Ok(build::build(validated))
}

/// The same as [`load_api`] for a spec held in memory; `file` names it in diagnostics.
///
/// # Errors
/// As [`load_api`].
pub fn load_api_str(file: &str, text: &str) -> Result<model::Api, Diagnostics> {
    let document = load::load_str(file, text)?;
    let validated = validate::validate(&document)?;
    Ok(build::build(validated))
}
