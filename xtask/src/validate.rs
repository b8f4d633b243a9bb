//! `cargo xtask validate [SPEC]`: load and check a spec (default `spec/verycloud.yaml`).
//!
//! On success, one line of counts on stdout and exit 0; on failure, every diagnostic and their
//! count on stderr and exit 1. Diagnostics name the file as given, or relative to the current
//! directory when it lies below it, so they can be clicked in an editor's terminal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use spec::model::{Api, TypeKind};

/// `cargo xtask validate [SPEC]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The spec to check [default: spec/verycloud.yaml]
    pub spec: Option<PathBuf>,
}

/// Checks the spec and prints the outcome.
///
/// # Errors
/// Never; a spec with problems is exit code 1.
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let spec = options.spec.clone().unwrap_or_else(crate::default_spec);
    let spec = shown_relative(&spec);
    match spec::load_api(&spec) {
        Ok(api) => {
            println!("{}: ok: {}", spec.display(), summary(&api));
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            let count = diagnostics.0.len();
            eprintln!(
                "{}: {count} {}",
                spec.display(),
                if count == 1 { "error" } else { "errors" }
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `35 endpoints, 40 types (31 objects, 9 enums), 387 fields`.
fn summary(api: &Api) -> String {
    let (mut objects, mut enums) = (0, 0);
    for named in api.types() {
        match &named.kind {
            TypeKind::Object { .. } => objects += 1,
            TypeKind::Enum { .. } => enums += 1,
        }
    }
    format!(
        "{} endpoints, {} types ({objects} objects, {enums} enums), {} fields",
        api.endpoints.len(),
        api.types().len(),
        api.all_fields().count()
    )
}

/// `path` relative to the current directory when it lies below it, else as given.
pub(crate) fn shown_relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|current| path.strip_prefix(current).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
