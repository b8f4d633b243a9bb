//! Shared helpers for the workspace's cross-crate tests (under `tests/tests/`).

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The checked-in spec.
pub fn spec_path() -> PathBuf {
    project_root().join("spec").join("verycloud.yaml")
}
