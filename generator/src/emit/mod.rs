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
