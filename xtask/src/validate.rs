//! `cargo xtask validate [SPEC]`: load and check a spec, print a summary or every diagnostic.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let spec = match args {
        [] => crate::default_spec(),
        [path] => PathBuf::from(path),
        _ => anyhow::bail!("usage: cargo xtask validate [SPEC]"),
    };
    match generator::load_api(&spec) {
        Ok(api) => {
            let fields: usize = api
                .endpoints
                .iter()
                .map(|e| e.request.len() + e.reply.fields.len() + usize::from(e.reply.data.is_some()))
                .sum::<usize>()
                + api
                    .types
                    .iter()
                    .map(|t| match &t.kind {
                        generator::model::TypeKind::Object { fields } => fields.len(),
                        generator::model::TypeKind::Enum { .. } => 0,
                    })
                    .sum::<usize>();
            println!(
                "{}: ok: {} endpoints, {} types, {} fields",
                spec.display(),
                api.endpoints.len(),
                api.types.len(),
                fields
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{}: {} error(s)", spec.display(), diagnostics.0.len());
            Ok(ExitCode::FAILURE)
        }
    }
}
