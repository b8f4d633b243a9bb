//! `cargo xtask validate [SPEC]`: load and check a spec (default `spec/verycloud.yaml`).
//!
//! On success, one line of counts on stdout and exit 0; on failure, every diagnostic and their
//! count on stderr and exit 1. Diagnostics name the file as given, or relative to the current
//! directory when it lies below it, so they can be clicked in an editor's terminal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::model::{Api, TypeKind};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let spec = match args {
        [] => crate::default_spec(),
        [path] => PathBuf::from(path),
        _ => anyhow::bail!("usage: cargo xtask validate [SPEC]"),
    };
    let spec = shown_relative(&spec);
    match generator::load_api(&spec) {
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
    let mut objects = 0;
    let mut enums = 0;
    let mut fields = 0;
    for named in &api.types {
        match &named.kind {
            TypeKind::Object { fields: own } => {
                objects += 1;
                fields += own.len();
            }
            TypeKind::Enum { .. } => enums += 1,
        }
    }
    for endpoint in &api.endpoints {
        fields += endpoint.request.len()
            + endpoint.reply.fields.len()
            + usize::from(endpoint.reply.data.is_some());
    }
    format!(
        "{} endpoints, {} types ({objects} objects, {enums} enums), {fields} fields",
        api.endpoints.len(),
        api.types.len()
    )
}

/// `path` relative to the current directory when it lies below it, else as given.
fn shown_relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|current| path.strip_prefix(current).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
