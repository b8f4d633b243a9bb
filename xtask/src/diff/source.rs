//! The two sides of a comparison: a spec file, or a spec at a git revision (`REV:PATH`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use spec::Diagnostics;
use spec::load::{self, SpecDocument};
use spec::model::Api;
use spec::source_map::SourceMap;
use spec::validate;

/// Which side of the comparison a spec is; errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The spec before the change.
    Old,
    /// The spec after the change.
    New,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Old => "OLD",
            Side::New => "NEW",
        })
    }
}

/// Where a spec is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecSource {
    /// A file, relative to the current directory.
    File(PathBuf),
    /// `git show REV:PATH` in the repository; `path` is relative to the repository's root.
    Revision {
        /// A git revision (`origin/main`).
        rev: String,
        /// The file's path in that revision.
        path: String,
    },
}

impl SpecSource {
    /// A command-line argument: an existing file, else `REV:PATH` when it has a colon, else a
    /// file (which will fail to read, with the file's name in the error).
    pub fn parse(argument: &str) -> SpecSource {
        if !Path::new(argument).exists()
            && let Some((rev, path)) = argument.split_once(':')
        {
            return SpecSource::Revision {
                rev: rev.to_owned(),
                path: path.to_owned(),
            };
        }
        SpecSource::File(PathBuf::from(argument))
    }

    /// How reports and errors name this side.
    pub fn label(&self) -> String {
        match self {
            SpecSource::File(path) => path.display().to_string(),
            SpecSource::Revision { rev, path } => format!("{rev}:{path}"),
        }
    }

    /// Reads, validates and models the spec; git runs in `repo`.
    ///
    /// # Errors
    /// [`SourceError::Unreadable`] when the revision cannot be shown, and
    /// [`SourceError::Invalid`] when the file cannot be read or the spec is invalid.
    pub fn load(&self, side: Side, repo: &Path) -> Result<LoadedSpec, SourceError> {
        let label = self.label();
        let document = match self {
            SpecSource::File(path) => load::load_file(path),
            SpecSource::Revision { rev, path } => {
                let text =
                    git_show(rev, path, repo).map_err(|message| SourceError::Unreadable {
                        side,
                        label: label.clone(),
                        message,
                    })?;
                load::load_str(&label, &text)
            }
        };
        let invalid = |diagnostics| SourceError::Invalid {
            side,
            label: label.clone(),
            diagnostics,
        };
        let document = document.map_err(invalid)?;
        model_of(document).map_err(invalid)
    }
}

/// A spec that loaded and validated, with where its elements stand.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The model.
    pub api: Api,
    /// Where its elements stand, for annotations.
    pub source_map: SourceMap,
}

fn model_of(document: SpecDocument) -> Result<LoadedSpec, Diagnostics> {
    let validated = validate::validate(&document)?;
    Ok(LoadedSpec {
        api: spec::build::build(validated),
        source_map: document.source_map,
    })
}

/// The file `PATH` as it was at `REV`.
fn git_show(rev: &str, path: &str, repo: &Path) -> Result<String, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let output = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .current_dir(repo)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("`git show {rev}:{path}` failed: {}", stderr.trim()));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{rev}:{path} is not UTF-8"))
}

/// Why a side could not be compared.
#[derive(Debug, Clone)]
pub enum SourceError {
    /// The file or revision could not be read.
    Unreadable {
        /// Which side.
        side: Side,
        /// The side as the user named it.
        label: String,
        /// Why.
        message: String,
    },
    /// A tool the command runs (cargo-semver-checks, cargo) failed.
    Tool {
        /// What went wrong.
        message: String,
    },
    /// The spec is invalid.
    Invalid {
        /// Which side.
        side: Side,
        /// The side as the user named it.
        label: String,
        /// Its problems.
        diagnostics: Diagnostics,
    },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Unreadable {
                side,
                label,
                message,
            } => write!(f, "{side} ({label}) cannot be read: {message}"),
            SourceError::Invalid {
                side,
                label,
                diagnostics,
            } => write!(f, "{side} ({label}) is invalid:\n{diagnostics}"),
            SourceError::Tool { message } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_revisions_and_files() {
        assert_eq!(
            SpecSource::parse("origin/main:spec/verycloud.yaml"),
            SpecSource::Revision {
                rev: "origin/main".into(),
                path: "spec/verycloud.yaml".into()
            }
        );
        assert_eq!(
            SpecSource::parse("spec/none.yaml"),
            SpecSource::File("spec/none.yaml".into())
        );
        let existing = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        assert_eq!(
            SpecSource::parse(existing),
            SpecSource::File(existing.into())
        );
    }

    #[test]
    fn a_bad_revision_is_an_error_naming_the_side() {
        let source = SpecSource::Revision {
            rev: "--output=x".into(),
            path: "spec.yaml".into(),
        };
        let error = source
            .load(Side::Old, Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect_err("not a revision");
        assert!(
            error
                .to_string()
                .starts_with("OLD (--output=x:spec.yaml) cannot be read"),
            "{error}"
        );
    }
}
