//! `cargo xtask docs-drift DOCS [--spec PATH] [--format markdown|json] [--skeleton]`: what the
//! vendor's docs say that the spec does not explain.
//!
//! Exit status: 0 when the spec accounts for the docs (every difference explained, every line
//! read), 1 when it does not, 2 when the docs cannot be read or the spec is invalid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use generator::drift::{compare, read_docs, report, skeleton};

const USAGE: &str =
    "usage: cargo xtask docs-drift DOCS [--spec PATH] [--format markdown|json] [--skeleton]";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug, PartialEq, Eq)]
struct Options {
    docs: PathBuf,
    /// `None`: the checked-in spec.
    spec: Option<PathBuf>,
    format: Format,
    skeleton: bool,
}

impl Options {
    fn parse(args: &[String]) -> anyhow::Result<Options> {
        let mut docs = None;
        let mut spec = None;
        let mut format = Format::Markdown;
        let mut skeleton = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--spec" => spec = Some(PathBuf::from(args.next().context(USAGE)?)),
                "--format" => {
                    format = match args.next().map(String::as_str) {
                        Some("markdown") => Format::Markdown,
                        Some("json") => Format::Json,
                        _ => bail!("--format takes `markdown` or `json`\n{USAGE}"),
                    }
                }
                "--skeleton" => skeleton = true,
                option if option.starts_with("--") => bail!("unknown option `{option}`\n{USAGE}"),
                path if docs.is_none() => docs = Some(PathBuf::from(path)),
                _ => bail!("{USAGE}"),
            }
        }
        let Some(docs) = docs else {
            bail!("{USAGE}");
        };
        Ok(Options {
            docs,
            spec,
            format,
            skeleton,
        })
    }
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let options = Options::parse(args)?;
    let text = std::fs::read_to_string(&options.docs)
        .with_context(|| format!("cannot read the docs `{}`", options.docs.display()))?;
    // Named as the user gave them (the default relative to the workspace), so reports do not
    // depend on where the workspace is checked out.
    let (spec_path, spec_name) = match &options.spec {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (crate::default_spec(), "spec/verycloud.yaml".to_owned()),
    };
    let api = match generator::load_api(&spec_path) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "{spec_name}: the spec is invalid ({} error(s)); fix it before comparing",
                diagnostics.0.len()
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
        print!("{}", skeleton(&docs, &api, &docs_name));
        return Ok(ExitCode::SUCCESS);
    }
    let drift = compare(&docs, &api);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Options> {
        Options::parse(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn reads_the_docs_path_and_options_in_any_order() {
        let options = parse(&[
            "--format",
            "json",
            "docs.txt",
            "--spec",
            "s.yaml",
            "--skeleton",
        ])
        .unwrap();
        assert_eq!(
            options,
            Options {
                docs: PathBuf::from("docs.txt"),
                spec: Some(PathBuf::from("s.yaml")),
                format: Format::Json,
                skeleton: true,
            }
        );
        let defaults = parse(&["docs.txt"]).unwrap();
        assert_eq!(
            (defaults.spec, defaults.format, defaults.skeleton),
            (None, Format::Markdown, false)
        );
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert!(parse(&[]).is_err());
        assert!(parse(&["a.txt", "b.txt"]).is_err());
        assert!(parse(&["a.txt", "--format", "html"]).is_err());
        assert!(parse(&["a.txt", "--spec"]).is_err());
        assert!(parse(&["a.txt", "--verbose"]).is_err());
    }
}
