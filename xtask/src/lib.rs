//! The developer commands behind `cargo xtask`, one module a command.
//!
//! Each command takes its options as a struct that the binary's one `clap` parser fills (see
//! `main.rs`), does its work through the generator's crates, and returns the process's exit
//! code. Only this layer touches the command line, the working tree and `git`; the
//! generator's crates stay pure.

#![warn(missing_docs)]

pub mod bench;
pub mod codegen;
pub mod compile_check;
pub mod diff;
pub mod diff_agreement;
pub mod drift;
pub mod fuzz_codegen;
pub mod openapi_clients;
pub mod validate;

use std::path::{Path, PathBuf};

/// The workspace root, so that commands work from any directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The spec file, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "spec/verycloud.yaml";

/// The generated client's folder, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated-client";

/// The default spec file.
pub fn default_spec() -> PathBuf {
    project_root().join(DEFAULT_SPEC)
}
