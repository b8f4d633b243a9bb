//! The emitters: each output built from the spec model ([`spec::model::Api`]), and the writer
//! of the output folder.
//!
//! [`rust`] builds the `verycloud` crate (its generated modules around the hand-written
//! runtime of `generator/runtime/`), [`cli`] the command-line tool beside it (around the CLI
//! runtime of `generator/cli-runtime/`), [`openapi`] the OpenAPI document, and [`output`]
//! writes or checks the folder that holds them. Emitters are pure: a model in, files (paths and
//! contents) out, the same bytes for the same model on any machine; only [`output`] touches
//! the file system.

#![warn(missing_docs)]

pub mod cli;
pub mod openapi;
pub mod output;
pub mod rust;
mod sources;

/// One file of an output tree: a path relative to the tree's root (with `/` separators) and
/// its whole contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative, `/`-separated, never leaving the tree.
    pub path: String,
    /// The whole file.
    pub contents: String,
}

/// The license of everything the generator writes (the generated crate's `license`, the
/// OpenAPI document's `info.license`), an SPDX expression.
pub const LICENSE: &str = "MIT OR Apache-2.0";

/// The command that regenerates checked-in output; every generated file names it.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// Every file of `generated-client/`: the Rust crate `verycloud`, its OpenAPI document, and
/// the command-line tool's crate in `cli/`. `cargo xtask codegen` writes these and the
/// freshness test checks them.
pub fn generated_client(api: &spec::model::Api) -> Vec<GeneratedFile> {
    let mut files = rust::emit(api);
    files.push(openapi::emit(api));
    files.extend(cli::emit(api).into_iter().map(|file| GeneratedFile {
        path: format!("{}/{}", cli::FOLDER, file.path),
        contents: file.contents,
    }));
    files
}
