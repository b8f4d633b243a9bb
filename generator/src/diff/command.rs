//! `cargo xtask diff OLD [NEW]`, as a library function so that tests run exactly what the
//! command runs. The xtask only passes its arguments and the workspace root, prints and exits.

use std::path::Path;

use super::render::{self, Sides};
use super::rules::Severity;
use super::source::{Side, SourceError, SpecSource};
use super::versioning::VersionCheck;

pub const USAGE: &str = "\
usage: cargo xtask diff OLD [NEW] [--format markdown|json|github] [--fail-on warning|breaking|never] [--check-version]

OLD and NEW are spec files or git revisions as REV:PATH (origin/main:spec/verycloud.yaml);
NEW defaults to spec/verycloud.yaml in the working tree.
Exit status: 0 nothing at or above the --fail-on threshold (default: breaking), 1 something is
(or, with --check-version, info.version was not bumped enough), 2 error.";

/// The spec NEW defaults to, relative to the repository's root.
pub const DEFAULT_SPEC: &str = "spec/verycloud.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Github,
}

/// The least severe change that fails the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Warning,
    Breaking,
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub old: String,
    /// `None`: the working tree's `spec/verycloud.yaml`.
    pub new: Option<String>,
    pub format: Format,
    pub fail_on: FailOn,
    pub check_version: bool,
}

impl Options {
    /// Parses the command's arguments (after `diff`). Options take their value as the next
    /// argument or after `=`.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut positional = Vec::new();
        let (mut format, mut fail_on, mut check_version) =
            (Format::Markdown, FailOn::Breaking, false);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
                _ => (arg.as_str(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next().cloned())
                    .ok_or(format!("{name} needs a value"))
            };
            match name {
                "--format" => {
                    format = match value()?.as_str() {
                        "markdown" => Format::Markdown,
                        "json" => Format::Json,
                        "github" => Format::Github,
                        other => return Err(format!("unknown format `{other}`")),
                    }
                }
                "--fail-on" => {
                    fail_on = match value()?.as_str() {
                        "warning" => FailOn::Warning,
                        "breaking" => FailOn::Breaking,
                        "never" => FailOn::Never,
                        other => return Err(format!("unknown --fail-on threshold `{other}`")),
                    }
                }
                "--check-version" if inline.is_none() => check_version = true,
                option if option.starts_with("--") => {
                    return Err(format!("unknown option `{arg}`"));
                }
                _ => positional.push(arg.clone()),
            }
        }
        let mut positional = positional.into_iter();
        let old = positional.next().ok_or("OLD is missing")?;
        let new = positional.next();
        if let Some(extra) = positional.next() {
            return Err(format!("unexpected argument `{extra}`"));
        }
        Ok(Options {
            old,
            new,
            format,
            fail_on,
            check_version,
        })
    }
}

/// What the command prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The report, for standard output.
    pub output: String,
    /// Lines for standard error (a failed version check).
    pub notes: Vec<String>,
    /// 0, 1 or 2, as [`USAGE`] says.
    pub exit_code: u8,
}

/// Runs the command. `repo` is the repository's root: git runs there, NEW defaults to its
/// `spec/verycloud.yaml`, and annotations name files relative to it. A side that cannot be
/// read or is invalid is an error (exit 2 for the caller).
pub fn run(options: &Options, repo: &Path) -> Result<Outcome, SourceError> {
    let old_source = SpecSource::parse(&options.old);
    let new_source = match &options.new {
        Some(argument) => SpecSource::parse(argument),
        None => SpecSource::File(repo.join(DEFAULT_SPEC)),
    };
    let old = old_source.load(Side::Old, repo)?;
    let new = new_source.load(Side::New, repo)?;
    let report = super::diff(&old.api, &new.api);

    let (old_label, new_label) = (old_source.label(), new_label(&new_source, options, repo));
    let sides = Sides {
        old: &old_label,
        new: &new_label,
    };
    let file = annotation_file(&new_source, repo);
    let line_of = |path: &str| new.source_map.position(path).map(|position| position.line);
    let mut output = match options.format {
        Format::Markdown => render::markdown::render(&report, sides),
        Format::Json => render::json::render(&report, sides),
        Format::Github => render::github::render(&report, &file, &line_of),
    };

    let mut notes = Vec::new();
    let mut failed = match options.fail_on {
        FailOn::Never => false,
        FailOn::Breaking => report.worst() == Some(Severity::Breaking),
        FailOn::Warning => report
            .worst()
            .is_some_and(|worst| worst <= Severity::Warning),
    };
    let mut exit_code = 0;
    if options.check_version {
        let needed = report.needed_bump().as_str();
        match report.version_check() {
            VersionCheck::Enough { .. } => {}
            VersionCheck::NotEnough { minimum } => {
                failed = true;
                let note = format!(
                    "info.version {} → {}: the changes need a {needed} bump, so at least {minimum}",
                    report.old_version, report.new_version
                );
                if options.format == Format::Github {
                    output.push_str(&render::github::annotation(
                        "error",
                        &file,
                        line_of("info.version"),
                        &note,
                    ));
                }
                notes.push(note);
            }
            VersionCheck::Unreadable {
                side,
                version,
                error,
            } => {
                notes.push(format!(
                    "{side}'s info.version `{version}` is not semver: {error}"
                ));
                exit_code = 2;
            }
        }
    }
    if exit_code == 0 && failed {
        exit_code = 1;
    }
    Ok(Outcome {
        output,
        notes,
        exit_code,
    })
}

/// NEW's label: the default spec is named relative to the repository, as a user writes it.
fn new_label(source: &SpecSource, options: &Options, repo: &Path) -> String {
    match (&options.new, source) {
        (None, SpecSource::File(path)) => path
            .strip_prefix(repo)
            .unwrap_or(path)
            .display()
            .to_string(),
        _ => source.label(),
    }
}

/// The file annotations name: NEW's path relative to the repository's root.
fn annotation_file(source: &SpecSource, repo: &Path) -> String {
    match source {
        SpecSource::Revision { path, .. } => path.trim_start_matches("./").to_owned(),
        SpecSource::File(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let repo = std::path::absolute(repo).unwrap_or_else(|_| repo.to_path_buf());
            absolute
                .strip_prefix(&repo)
                .unwrap_or(path)
                .display()
                .to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_positionals_and_options() {
        let options = parse(&[
            "a.yaml",
            "--format",
            "json",
            "b.yaml",
            "--fail-on=warning",
            "--check-version",
        ])
        .expect("valid");
        assert_eq!(
            options,
            Options {
                old: "a.yaml".into(),
                new: Some("b.yaml".into()),
                format: Format::Json,
                fail_on: FailOn::Warning,
                check_version: true
            }
        );
        let defaults = parse(&["HEAD:spec/verycloud.yaml"]).expect("valid");
        assert_eq!(
            (defaults.new, defaults.format, defaults.fail_on),
            (None, Format::Markdown, FailOn::Breaking)
        );
    }

    #[test]
    fn rejects_bad_arguments() {
        assert_eq!(parse(&[]), Err("OLD is missing".into()));
        assert!(parse(&["a", "b", "c"]).is_err());
        assert!(parse(&["a", "--format", "xml"]).is_err());
        assert!(parse(&["a", "--fail-on"]).is_err());
        assert!(parse(&["a", "--colour"]).is_err());
    }
}
