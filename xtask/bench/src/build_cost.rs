//! Measurement 3: the debug build cost of the generated crate against progenitor's client.
//!
//! Both crates live in one scratch workspace under `target/bench/build-cost/`: a copy of
//! `generated-client/` (so no tracked file is ever touched) and a crate holding progenitor's
//! client for the same `openapi.json`. Their dependencies are built once; then each crate's
//! `src/lib.rs` has its modification time set to now and the crate alone is rebuilt, timed.
//! Two ways: with the dev profile's incremental compilation (what an edit-build loop sees),
//! and with `CARGO_INCREMENTAL=0` (the whole crate compiled again, as CI or a fresh checkout
//! sees it).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};

use crate::progenitor_gen::ProgenitorClient;
use crate::stats::{Samples, timed};

pub const OURS: &str = "verycloud";
pub const THEIRS: &str = "verycloud-progenitor";

/// Rebuild times and sizes of both crates.
#[derive(Debug, Default)]
pub struct BuildCost {
    pub ours_incremental: Samples,
    pub theirs_incremental: Samples,
    pub ours_full: Samples,
    pub theirs_full: Samples,
    pub ours_lines: CrateLines,
    pub theirs_lines: CrateLines,
    /// How long building both crates' dependencies took (untimed otherwise).
    pub priming: Duration,
    /// Why progenitor's client did not build, if it did not.
    pub theirs_failure: Option<String>,
}

/// Lines of Rust in a crate's `src/`, split by where they come from.
#[derive(Debug, Default, Clone, Copy)]
pub struct CrateLines {
    /// Generated from the API description.
    pub generated: usize,
    /// Copied in verbatim (our hand-written runtime); progenitor's lives in a dependency.
    pub runtime: usize,
}

impl CrateLines {
    pub fn total(&self) -> usize {
        self.generated + self.runtime
    }
}

pub fn measure(
    root: &Path,
    scratch: &Path,
    progenitor: &ProgenitorClient,
    reps: usize,
) -> Result<BuildCost> {
    let workspace = Workspace::write(root, scratch, progenitor)?;
    let mut cost = BuildCost {
        ours_lines: count_lines(&workspace.member(OURS).join("src"))?,
        theirs_lines: count_lines(&workspace.member(THEIRS).join("src"))?,
        ..BuildCost::default()
    };

    eprintln!("  building the dependencies of both crates once (debug; not timed)…");
    let (primed, priming) = timed(|| workspace.cargo_build(None, false));
    cost.priming = priming;
    if let Err(error) = primed {
        // Most likely progenitor's client failing to compile: ours must still be measured.
        workspace.cargo_build(Some(OURS), false)?;
        cost.theirs_failure = Some(format!("{error:#}"));
    }

    // One mode at a time, each opened by an untimed rebuild of both crates: the first rebuild
    // after switching `CARGO_INCREMENTAL` redoes more than a steady edit-build loop does.
    for full in [false, true] {
        let mode = if full {
            "CARGO_INCREMENTAL=0"
        } else {
            "incremental"
        };
        eprintln!("  rebuilds, {mode}: 1 untimed + {reps} timed each, taking turns");
        let mut members = vec![OURS];
        if cost.theirs_failure.is_none() {
            members.push(THEIRS);
        }
        for member in &members {
            workspace.rebuild(member, full)?;
        }
        for _ in 0..reps {
            for member in &members {
                cost.push(full, member, workspace.rebuild(member, full)?);
            }
        }
    }
    Ok(cost)
}

impl BuildCost {
    fn push(&mut self, full: bool, member: &str, time: Duration) {
        let samples = match (full, member == OURS) {
            (false, true) => &mut self.ours_incremental,
            (false, false) => &mut self.theirs_incremental,
            (true, true) => &mut self.ours_full,
            (true, false) => &mut self.theirs_full,
        };
        samples.push(time);
    }
}

struct Workspace {
    dir: PathBuf,
    cargo: String,
}

impl Workspace {
    /// Writes the scratch workspace, leaving files whose contents are unchanged alone.
    fn write(root: &Path, dir: &Path, progenitor: &ProgenitorClient) -> Result<Workspace> {
        write_if_changed(
            &dir.join("Cargo.toml"),
            &format!(
                "# Written by `cargo xtask bench`: the generated client and progenitor's client for the\n\
                 # same OpenAPI document, built side by side. Not part of the project.\n\
                 [workspace]\n\
                 resolver = \"3\"\n\
                 members = [\"{OURS}\", \"{THEIRS}\"]\n\
                 \n\
                 # As in the project's own workspace.\n\
                 [profile.dev.package.\"*\"]\n\
                 debug = false\n"
            ),
        )?;
        // Start from the project's lock file, so our crate builds against the versions the
        // project tests; cargo adds what progenitor's client needs.
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            fs::copy(root.join("Cargo.lock"), &lock).context("copying Cargo.lock")?;
        }

        let ours = dir.join(OURS);
        let source = root.join("generated-client");
        for file in ["Cargo.toml", "README.md"] {
            copy_if_changed(&source.join(file), &ours.join(file))?;
        }
        // The examples too: the manifest declares them, so cargo looks for them.
        for folder in ["src", "examples"] {
            let mut copied = Vec::new();
            if source.join(folder).is_dir() {
                for entry in fs::read_dir(source.join(folder))
                    .with_context(|| format!("reading generated-client/{folder}"))?
                {
                    let entry = entry?;
                    copy_if_changed(&entry.path(), &ours.join(folder).join(entry.file_name()))?;
                    copied.push(entry.file_name());
                }
            }
            // A file the generator no longer writes must not linger in the copy.
            let Ok(entries) = fs::read_dir(ours.join(folder)) else {
                continue;
            };
            for entry in entries {
                let entry = entry?;
                if !copied.contains(&entry.file_name()) {
                    fs::remove_file(entry.path()).context("removing a stale copied file")?;
                }
            }
        }

        let theirs = dir.join(THEIRS);
        write_if_changed(
            &theirs.join("Cargo.toml"),
            &format!(
                "[package]\n\
                 name = \"{THEIRS}\"\n\
                 version = \"0.1.0\"\n\
                 edition = \"2024\"\n\
                 publish = false\n\
                 \n\
                 [dependencies]\n\
                 {}\n",
                progenitor.dependencies.join("\n")
            ),
        )?;
        write_if_changed(&theirs.join("src").join("lib.rs"), &progenitor.code)?;

        Ok(Workspace {
            dir: dir.to_owned(),
            cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
        })
    }

    fn member(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Marks the member's `src/lib.rs` as modified and rebuilds the member, timed.
    fn rebuild(&self, member: &str, full: bool) -> Result<Duration> {
        let lib = self.member(member).join("src").join("lib.rs");
        fs::File::options()
            .append(true)
            .open(&lib)
            .and_then(|file| file.set_modified(SystemTime::now()))
            .with_context(|| format!("touching {}", lib.display()))?;
        let (built, time) = timed(|| self.cargo_build(Some(member), full));
        built?;
        Ok(time)
    }

    /// `cargo build` of one member or of the whole scratch workspace (debug).
    fn cargo_build(&self, member: Option<&str>, full: bool) -> Result<()> {
        let mut command = Command::new(&self.cargo);
        command
            .arg("build")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", self.dir.join("target"));
        match member {
            Some(member) => command.args(["--package", member]),
            None => command.arg("--workspace"),
        };
        if full {
            command.env("CARGO_INCREMENTAL", "0");
        }
        let output = command.output().context("running cargo build")?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let errors: Vec<&str> = stderr
                .lines()
                .filter(|line| line.starts_with("error"))
                .take(10)
                .collect();
            bail!(
                "cargo build {} failed ({}):\n{}",
                member.unwrap_or("--workspace"),
                output.status,
                errors.join("\n")
            );
        }
        Ok(())
    }
}

fn write_if_changed(path: &Path, contents: &str) -> Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

fn copy_if_changed(from: &Path, to: &Path) -> Result<()> {
    let contents =
        fs::read_to_string(from).with_context(|| format!("reading {}", from.display()))?;
    write_if_changed(to, &contents)
}

/// Counts the lines of every `.rs` file in `src`; a file whose first line says it was copied
/// from `generator/runtime/` counts as runtime.
fn count_lines(src: &Path) -> Result<CrateLines> {
    let mut lines = CrateLines::default();
    for entry in fs::read_dir(src).with_context(|| format!("reading {}", src.display()))? {
        let path = entry?.path();
        if path.extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let count = text.lines().count();
        if is_runtime_copy(&text) {
            lines.runtime += count;
        } else {
            lines.generated += count;
        }
    }
    Ok(lines)
}

fn is_runtime_copy(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|first| first.contains("from generator/runtime/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_copies_are_told_by_their_header() {
        assert!(is_runtime_copy(
            "// @generated by `cargo xtask codegen` from generator/runtime/src/client.rs; edit that file, not this one.\nfn a() {}"
        ));
        assert!(!is_runtime_copy(
            "// @generated by `cargo xtask codegen` from spec/verycloud.yaml; do not edit.\n"
        ));
        assert!(!is_runtime_copy(""));
    }
}
