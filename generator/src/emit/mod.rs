//! The writers: one module an output, all reading [`crate::model::Api`].

pub mod openapi;
pub mod rust;
pub mod tree;

/// One file of an output tree: a path relative to the tree's root (with `/` separators) and
/// its whole contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// The command that regenerates checked-in output; every generated file names it.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// Every file of `generated-client/`: the Rust crate `verycloud` and its OpenAPI document.
/// `cargo xtask codegen` writes these and the freshness test checks them.
pub fn generated_client(api: &crate::model::Api) -> Vec<GeneratedFile> {
    let mut files = rust::emit(api);
    files.push(openapi::emit(api));
    files
}
