//! An independent check of the spec diff's Rust verdicts: generate the `verycloud` crate from
//! both sides and ask cargo-semver-checks which version bump the change between them needs.
//!
//! Both crates are generated into one scratch folder under `target/diff-agreement/` (the
//! second overwriting the first; `emit::output` removes the files the other side does not
//! have), each documented as rustdoc JSON with the flags cargo-semver-checks itself uses, into
//! one shared target folder, so that the crate's dependencies compile once for every pair.
//! cargo-semver-checks then compares the two JSON files with every lint set to fail
//! (`--release-type patch`), so its summary names the largest bump any lint calls for.
//!
//! The tool is installed with `cargo install` under `target/tools/` at the pinned
//! [`VERSION`] the first time it is needed.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use emit::GeneratedFile;
use spec::model::Api;
use spec_diff::Bump;

/// The cargo-semver-checks release this check is pinned to.
pub const VERSION: &str = "0.51.0";

/// The flags cargo-semver-checks passes rustdoc when it builds the JSON itself.
const RUSTDOCFLAGS: &str = "-Z unstable-options --document-private-items --document-hidden-items --output-format=json --cap-lints=allow";

/// A verdict on cargo-semver-checks' scale: the bump the change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing needs a bump (or only a patch).
    None,
    /// A minor bump.
    Minor,
    /// A major bump.
    Major,
}

impl Level {
    /// Our Rust bump on this scale: a patch is `none`, since cargo-semver-checks says
    /// "no semver update required" for what needs at most a patch.
    pub fn of_bump(bump: Bump) -> Level {
        match bump {
            Bump::None | Bump::Patch => Level::None,
            Bump::Minor => Level::Minor,
            Bump::Major => Level::Major,
        }
    }

    /// `none`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// What cargo-semver-checks said about one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The bump its failing lints call for.
    pub level: Level,
    /// The lints that failed, by id, sorted and without repeats.
    pub lints: Vec<String>,
}

/// How a witness program fared against the two crates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    /// Whether it compiled against OLD's crate.
    pub compiles_against_old: bool,
    /// Whether it compiled against NEW's crate.
    pub compiles_against_new: bool,
    /// The compiler's errors against NEW's crate.
    pub new_errors: Vec<String>,
}

impl Witness {
    /// Whether it proves a breaking change: it compiles against OLD's crate, not NEW's.
    pub fn proves_a_break(&self) -> bool {
        self.compiles_against_old && !self.compiles_against_new
    }
}

/// The scratch folder and the installed tool.
#[derive(Debug, Clone)]
pub struct Checker {
    tool: PathBuf,
    scratch: PathBuf,
    lock: PathBuf,
}

impl Checker {
    /// Finds cargo-semver-checks under `target/tools/`, installing the pinned version there
    /// first when it is missing or another version, and prepares `target/diff-agreement/`.
    ///
    /// # Errors
    /// When the tool cannot be installed or the folder cannot be made.
    pub fn new(repo: &Path) -> anyhow::Result<Checker> {
        let target = target_dir(repo);
        let tools = target.join("tools");
        let tool = tools.join("bin").join("cargo-semver-checks");
        let installed = Command::new(&tool)
            .args(["semver-checks", "--version"])
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
        if !installed.is_some_and(|text| text.contains(VERSION)) {
            eprintln!(
                "installing cargo-semver-checks {VERSION} under {}",
                tools.display()
            );
            let status = Command::new(cargo())
                .args(["install", "--locked", "--root"])
                .arg(&tools)
                .args(["cargo-semver-checks", "--version", VERSION])
                .env("CARGO_TARGET_DIR", target.join("tools-build"))
                .status()
                .context("cannot run cargo install")?;
            if !status.success() {
                bail!("cargo install cargo-semver-checks {VERSION} failed");
            }
        }
        let scratch = target.join("diff-agreement");
        std::fs::create_dir_all(&scratch)
            .with_context(|| format!("cannot create {}", scratch.display()))?;
        Ok(Checker {
            tool,
            scratch,
            lock: repo.join("Cargo.lock"),
        })
    }

    /// The folder the crates are generated in and documented from.
    pub fn scratch(&self) -> &Path {
        &self.scratch
    }

    /// Runs cargo-semver-checks on the crates generated from `old` and `new`.
    ///
    /// # Errors
    /// When a crate does not document or the tool fails to run or to give a verdict.
    pub fn check(&self, old: &Api, new: &Api) -> anyhow::Result<Verdict> {
        Ok(self.check_with_witness(old, new, None)?.0)
    }

    /// Like [`Checker::check`], and also compiles `witness` (a program's `main.rs`) against
    /// each crate: the witness of a breaking change compiles against OLD's and not NEW's.
    /// Returns whether it compiled against each, with NEW's errors.
    ///
    /// # Errors
    /// As [`Checker::check`], or when cargo cannot run.
    pub fn check_with_witness(
        &self,
        old: &Api,
        new: &Api,
        witness: Option<&str>,
    ) -> anyhow::Result<(Verdict, Option<Witness>)> {
        let old_json = self.rustdoc(old, "old.json")?;
        let old_compiles = witness.map(|code| self.compiles(code)).transpose()?;
        let new_json = self.rustdoc(new, "new.json")?;
        let new_compiles = witness.map(|code| self.compiles(code)).transpose()?;
        let witness = old_compiles.zip(new_compiles).map(|(old, new)| Witness {
            compiles_against_old: old.is_ok(),
            compiles_against_new: new.is_ok(),
            new_errors: new.err().unwrap_or_default(),
        });
        let output = Command::new(&self.tool)
            .args(["semver-checks", "check-release", "--color", "never"])
            .args(["--release-type", "patch", "--baseline-rustdoc"])
            .arg(&old_json)
            .arg("--current-rustdoc")
            .arg(&new_json)
            .output()
            .context("cannot run cargo-semver-checks")?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let verdict = parse(&text)
            .with_context(|| format!("cargo-semver-checks gave no verdict:\n{text}"))?;
        Ok((verdict, witness))
    }

    /// Compiles a witness program against the crate now in the scratch folder: `Ok` when it
    /// compiles, else the compiler's error lines.
    fn compiles(&self, code: &str) -> anyhow::Result<Result<(), Vec<String>>> {
        let dir = self.scratch.join("witness");
        std::fs::create_dir_all(dir.join("src"))?;
        let manifest = "[package]\nname = \"witness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nverycloud = { path = \"../crate\" }\n\n[workspace]\n";
        write_if_changed(&dir.join("Cargo.toml"), manifest)?;
        write_if_changed(&dir.join("src/main.rs"), code)?;
        self.seed_lock(&dir)?;
        let output = self
            .cargo("check", &dir)
            .arg("--message-format=short")
            .output()
            .context("cannot run cargo check")?;
        if output.status.success() {
            return Ok(Ok(()));
        }
        let errors = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter(|line| line.contains("error[") || line.contains("error:"))
            .filter(|line| !line.starts_with("error: could not compile"))
            .map(|line| line.rsplit("src/main.rs").next().unwrap_or(line).to_owned())
            .collect();
        Ok(Err(errors))
    }

    /// Writes the crate generated from `api` into the scratch crate folder.
    ///
    /// # Errors
    /// When the folder cannot be written.
    pub fn write_crate(&self, api: &Api) -> anyhow::Result<PathBuf> {
        let dir = self.scratch.join("crate");
        let files: Vec<GeneratedFile> = emit::rust::emit(api)
            .into_iter()
            .map(|mut file| {
                if file.path == "Cargo.toml" {
                    // A workspace of its own, not a stray member of the repository's.
                    file.contents.push_str("\n[workspace]\n");
                }
                file
            })
            .collect();
        emit::output::write(&dir, &files)
            .with_context(|| format!("cannot write {}", dir.display()))?;
        self.seed_lock(&dir)?;
        Ok(dir)
    }

    /// The repository's lock file, so that the scratch crates build with the versions the
    /// generated client is tested with, offline.
    pub fn seed_lock(&self, dir: &Path) -> anyhow::Result<()> {
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            std::fs::copy(&self.lock, &lock)
                .with_context(|| format!("cannot copy {}", self.lock.display()))?;
        }
        Ok(())
    }

    /// A cargo command in the scratch folder's shared target folder, offline.
    pub fn cargo(&self, subcommand: &str, manifest_dir: &Path) -> Command {
        let mut command = Command::new(cargo());
        command
            .arg(subcommand)
            .arg("--offline")
            .arg("--manifest-path")
            .arg(manifest_dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(self.scratch.join("target"))
            // Set for every command, so that documenting and checking share compiled
            // dependencies (the variable is part of their fingerprints).
            .env("RUSTC_BOOTSTRAP", "1")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR");
        command
    }

    fn rustdoc(&self, api: &Api, name: &str) -> anyhow::Result<PathBuf> {
        let dir = self.write_crate(api)?;
        let output = self
            .cargo("doc", &dir)
            .args(["--no-deps", "--lib"])
            .env("RUSTDOCFLAGS", RUSTDOCFLAGS)
            .output()
            .context("cannot run cargo doc")?;
        if !output.status.success() {
            bail!(
                "cargo doc failed on the crate generated for {name}:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let json = self.scratch.join(name);
        std::fs::copy(self.scratch.join("target/doc/verycloud.json"), &json)
            .context("rustdoc wrote no verycloud.json")?;
        Ok(json)
    }
}

/// The bump in cargo-semver-checks' summary, and the lints that failed.
fn parse(output: &str) -> Option<Verdict> {
    let summary = output
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("Summary"))?
        .trim();
    let level = if summary.starts_with("no semver update required") {
        Level::None
    } else if summary.starts_with("semver requires new major version") {
        Level::Major
    } else if summary.starts_with("semver requires new minor version") {
        Level::Minor
    } else {
        return None;
    };
    let mut lints: Vec<String> = output
        .lines()
        .filter_map(|line| line.trim().strip_prefix("--- failure "))
        .filter_map(|rest| rest.split(':').next())
        .map(str::to_owned)
        .collect();
    lints.sort();
    lints.dedup();
    Some(Verdict { level, lints })
}

fn write_if_changed(path: &Path, contents: &str) -> anyhow::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The repository's target folder, as `CARGO_TARGET_DIR` or Cargo's default names it.
fn target_dir(repo: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_summary_and_the_failed_lints() {
        let major = "\n--- failure struct_missing: pub struct removed or renamed ---\n\nFailed in:\n  struct verycloud::types::SubaccountGroup\n\n--- failure inherent_method_missing: pub method removed or renamed ---\n     Summary semver requires new major version: 2 major and 0 minor checks failed\n";
        assert_eq!(
            parse(major),
            Some(Verdict {
                level: Level::Major,
                lints: vec!["inherent_method_missing".into(), "struct_missing".into()],
            })
        );
        let none = "     Checked [   0.010s] 120 checks: 120 pass, 0 skip\n     Summary no semver update required\n";
        assert_eq!(parse(none).map(|v| v.level), Some(Level::None));
        assert_eq!(parse("error: no such file"), None);
    }

    #[test]
    fn a_patch_is_no_update_on_cargo_semver_checks_scale() {
        assert_eq!(Level::of_bump(Bump::Patch), Level::None);
        assert_eq!(Level::of_bump(Bump::Minor), Level::Minor);
        assert_eq!(Level::of_bump(Bump::Major), Level::Major);
    }
}
