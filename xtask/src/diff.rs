//! `cargo xtask diff OLD [NEW]`: what changed between two specs, for Rust users and on the
//! wire, and the version bump it needs. The comparison and its reports are the
//! `verycloud-spec-diff` crate's; this reads the two sides (files or git revisions), picks the
//! report's format and decides the exit status.

pub mod semver_checks;
pub mod source;

use std::path::Path;
use std::process::ExitCode;

use spec_diff::render::{self, Sides};
use spec_diff::rules::Severity;
use spec_diff::versioning::VersionCheck;

use source::{Side, SourceError, SpecSource};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A pull-request comment.
    Markdown,
    /// For tools.
    Json,
    /// GitHub workflow annotations on the spec's lines.
    Github,
}

/// The least severe change that fails the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Warnings and breaking changes.
    Warning,
    /// Breaking changes only.
    Breaking,
    /// Nothing fails.
    Never,
}

/// `cargo xtask diff OLD [NEW] [--format ..] [--fail-on ..] [--check-version]`.
///
/// Exit status: 0 when nothing is at or above the `--fail-on` threshold, 1 when something is
/// (or, with `--check-version`, `info.version` was not bumped enough), 2 on an error.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Options {
    /// The spec before: a file, or REV:PATH for a git revision (origin/main:spec/verycloud.yaml).
    pub old: String,
    /// The spec after, the same way [default: spec/verycloud.yaml in the working tree]
    pub new: Option<String>,
    /// How to write the report.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// The least severe change that makes the command fail.
    #[arg(long, value_enum, default_value = "breaking")]
    pub fail_on: FailOn,
    /// Also fail when NEW's info.version is not bumped as much as the changes need (without
    /// this flag the report says "not enough" and the exit status ignores it).
    #[arg(long)]
    pub check_version: bool,
    /// Also generate both crates and check the Rust verdict with cargo-semver-checks
    /// (installed under target/tools on first use); fail when the two disagree on a break.
    #[arg(long)]
    pub verify_rust: bool,
}

/// Runs the command and prints its outcome.
///
/// # Errors
/// Never; a side that cannot be read or is invalid is exit code 2.
pub fn main(options: &Options) -> anyhow::Result<ExitCode> {
    match run(options, &crate::project_root()) {
        Ok(outcome) => {
            print!("{}", outcome.output);
            for note in &outcome.notes {
                eprintln!("{note}");
            }
            Ok(ExitCode::from(outcome.exit_code))
        }
        Err(error) => {
            eprintln!("error: {error}");
            Ok(ExitCode::from(2))
        }
    }
}

/// What the command prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The report, for standard output.
    pub output: String,
    /// Lines for standard error (a failed version check).
    pub notes: Vec<String>,
    /// 0, 1 or 2, as [`Options`] says.
    pub exit_code: u8,
}

/// Runs the command. `repo` is the repository's root: git runs there, NEW defaults to its
/// `spec/verycloud.yaml`, and annotations name files relative to it. A side that cannot be
/// read or is invalid is an error (exit 2 for the caller).
///
/// # Errors
/// When a side's file or revision cannot be read, or its spec is invalid.
pub fn run(options: &Options, repo: &Path) -> Result<Outcome, SourceError> {
    let old_source = SpecSource::parse(&options.old);
    let new_source = match &options.new {
        Some(argument) => SpecSource::parse(argument),
        None => SpecSource::File(repo.join(crate::DEFAULT_SPEC)),
    };
    let old = old_source.load(Side::Old, repo)?;
    let new = new_source.load(Side::New, repo)?;
    let report = spec_diff::diff(&old.api, &new.api);

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
    if options.verify_rust {
        let checker = semver_checks::Checker::new(repo).map_err(|error| SourceError::Tool {
            message: format!("{error:#}"),
        })?;
        let theirs = checker
            .check(&old.api, &new.api)
            .map_err(|error| SourceError::Tool {
                message: format!("{error:#}"),
            })?;
        let ours = semver_checks::Level::of_bump(report.rust_bump());
        let breaks = |level| level == semver_checks::Level::Major;
        let lints = if theirs.lints.is_empty() {
            String::new()
        } else {
            format!(" ({})", theirs.lints.join(", "))
        };
        let agree = if breaks(ours) == breaks(theirs.level) {
            "agree"
        } else {
            failed = true;
            "DISAGREE"
        };
        notes.push(format!(
            "Rust verdict checked by cargo-semver-checks {}: ours {}, cargo-semver-checks {}{lints}: {agree}",
            semver_checks::VERSION,
            ours.as_str(),
            theirs.level.as_str()
        ));
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
