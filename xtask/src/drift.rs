//! `cargo xtask docs-drift DOCS [--spec PATH] [--source KEY] [--format markdown|json]
//! [--skeleton]`: what the vendor's docs say that the spec does not explain.
//!
//! Exit status: 0 when the spec accounts for the docs (every difference explained, every line
//! read, no stale departure), 1 when it does not, 2 when the docs cannot be read or the spec is
//! invalid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use docs_drift::{Scope, SpecFile, compare_in, read_docs, report, skeleton_in};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Markdown,
    /// For tools.
    Json,
}

/// `cargo xtask docs-drift DOCS [--spec PATH] [--source KEY] [--format markdown|json] [--skeleton]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The vendor's docs as a text file (the repository's CI uses ../shared/verycloud-api-docs.txt).
    pub docs: PathBuf,
    /// The spec to compare [default: spec/verycloud.yaml]
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// Which of the spec's `sources` the docs are [default: the spec's only `docs` source]:
    /// endpoints whose provenance cites other sources are not expected in them.
    #[arg(long)]
    pub source: Option<String>,
    /// How to write the report.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Instead of comparing, draft spec YAML for the endpoints the docs have and the spec lacks.
    #[arg(long)]
    pub skeleton: bool,
}

/// Compares (or drafts) and prints the outcome.
///
/// # Errors
/// When the docs cannot be read.
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&options.docs)
        .with_context(|| format!("cannot read the docs `{}`", options.docs.display()))?;
    // Named as the user gave them (the default relative to the workspace), so reports do not
    // depend on where the workspace is checked out.
    let (spec_path, spec_name) = match &options.spec {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (crate::default_spec(), crate::DEFAULT_SPEC.to_owned()),
    };
    let spec = match SpecFile::load(&spec_path) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "{spec_name}: the spec is invalid ({} error(s)); fix it before comparing",
                diagnostics.0.len()
            );
            return Ok(ExitCode::from(2));
        }
    };
    let api = &spec.api;
    let scope = match &options.source {
        None => Scope::of(api),
        Some(key) if api.source(key).is_some() => Scope::Source(key),
        Some(key) => {
            let known: Vec<&str> = api.sources.iter().map(|s| s.key.as_str()).collect();
            eprintln!(
                "--source {key}: the spec has no such source (its sources: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            );
            return Ok(ExitCode::from(2));
        }
    };
    let docs = read_docs(&text);
    let docs_name = options.docs.display().to_string();

    if options.skeleton {
        for problem in &docs.problems {
            eprintln!(
                "{docs_name}:{}: could not read: {}",
                problem.line, problem.message
            );
        }
        print!("{}", skeleton_in(&docs, api, &docs_name, scope));
        return Ok(ExitCode::SUCCESS);
    }
    let drift = compare_in(&docs, &spec, scope);
    let sources = report::Sources {
        docs: &docs_name,
        spec: &spec_name,
    };
    match options.format {
        Format::Markdown => print!("{}", report::markdown(&drift, sources)),
        Format::Json => print!("{}", report::json(&drift, sources)),
    }
    Ok(if drift.is_accounted_for() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
