//! Measurement 3b: the cold debug build of the generated crate, as a user's first
//! `cargo build` sees it: the crate and every dependency compiled from nothing.
//!
//! Each configuration builds in a scratch workspace of its own under
//! `target/bench/build-cost/cold/` (a copy of `generated-client/`, the project's `Cargo.lock`)
//! with a target folder emptied first, so nothing is shared between them but cargo's download
//! cache. Wall time depends on what else the machine runs; the CPU time (user + system of
//! cargo and every compiler it ran, from `/proc/self/stat`) much less, so both are reported.
//! `VERYCLOUD_BENCH_BASELINE=DIR` adds a build of another copy of the crate (say, the
//! `generated-client/` of an earlier commit) with default features, for a before/after;
//! `VERYCLOUD_BENCH_BASELINE_LABEL` says in the report what that copy is.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::stats::timed;

/// The variable naming a baseline copy of the generated crate to build too.
pub const BASELINE_VARIABLE: &str = "VERYCLOUD_BENCH_BASELINE";

/// The variable saying what the baseline is, for the report.
pub const BASELINE_LABEL_VARIABLE: &str = "VERYCLOUD_BENCH_BASELINE_LABEL";

/// One cold build.
#[derive(Debug)]
pub struct ColdBuild {
    /// What was built (`default features`, `--no-default-features`, …).
    pub label: String,
    pub wall: Duration,
    /// User + system time of cargo and its compilers.
    pub cpu: Duration,
    /// Crates compiled (the target folder's `.d` files in `deps/`).
    pub crates: usize,
    /// The target folder's size afterwards, in bytes.
    pub target_bytes: u64,
}

/// The configurations measured: the crate with its default features, without them (no
/// `tracing`), with the `mock` feature a test build enables, and the baseline if one is given.
pub fn measure(root: &Path, scratch: &Path) -> Result<Vec<ColdBuild>> {
    let source = root.join("generated-client");
    let mut builds = Vec::new();
    if let Ok(baseline) = std::env::var(BASELINE_VARIABLE) {
        let baseline = PathBuf::from(baseline);
        eprintln!("  cold build of the baseline {} (default features)…", baseline.display());
        let what = std::env::var(BASELINE_LABEL_VARIABLE)
            .unwrap_or_else(|_| format!("`{}`", baseline.display()));
        builds.push(build(
            root,
            &baseline,
            &scratch.join("baseline"),
            &[],
            format!("baseline: {what}, default features"),
        )?);
    }
    for (name, args, label) in [
        ("default", &[][..], "default features (`tracing`)"),
        (
            "no-default",
            &["--no-default-features"][..],
            "`--no-default-features` (no `tracing`)",
        ),
        ("mock", &["--features", "mock"][..], "default features and `mock`"),
    ] {
        eprintln!("  cold build, {label}…");
        builds.push(build(root, &source, &scratch.join(name), args, label.to_owned())?);
    }
    Ok(builds)
}

/// Copies the crate at `source` into a workspace at `dir` and builds it there from nothing.
fn build(
    root: &Path,
    source: &Path,
    dir: &Path,
    args: &[&str],
    label: String,
) -> Result<ColdBuild> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    copy_tree(source, &dir.join("verycloud"))?;
    fs::write(
        dir.join("Cargo.toml"),
        "# Written by `cargo xtask bench`: a cold build of the generated crate. Not part of the project.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\"verycloud\"]\n\n\
         # As in the project's own workspace.\n[profile.dev.package.\"*\"]\ndebug = false\n",
    )
    .context("writing the cold build's workspace")?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).context("copying Cargo.lock")?;
    let target = dir.join("target");
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args(["build", "--quiet", "--package", "verycloud", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(args)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("CARGO_INCREMENTAL");
    let cpu_before = children_cpu()?;
    let (output, wall) = timed(|| command.output());
    let output = output.context("running cargo build")?;
    let cpu = children_cpu()?.saturating_sub(cpu_before);
    if !output.status.success() {
        bail!(
            "cold build ({label}) failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let crates = fs::read_dir(target.join("debug").join("deps"))
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "d"))
                .count()
        })
        .unwrap_or(0);
    let target_bytes = size(&target);
    // The copies are large and of no further use.
    fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    Ok(ColdBuild {
        label,
        wall,
        cpu,
        crates,
        target_bytes,
    })
}

/// User + system time of this process's waited-for children and theirs (`cutime` and
/// `cstime` of `/proc/self/stat`, in ticks of 1/100 s, Linux's `USER_HZ`).
fn children_cpu() -> Result<Duration> {
    let stat = fs::read_to_string("/proc/self/stat").context("reading /proc/self/stat")?;
    // Fields after the command name, which is in parentheses and may hold spaces: the
    // state is field 3, so `cutime` (16) and `cstime` (17) are the 14th and 15th here.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| -> Result<u64> {
        fields
            .get(index)
            .and_then(|field| field.parse().ok())
            .with_context(|| format!("field {} of /proc/self/stat", index + 3))
    };
    let total = ticks(13)? + ticks(14)?;
    Ok(Duration::from_millis(total * 10))
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        // A copy made by hand may hold its own build output.
        if entry.file_name() == "target" {
            continue;
        }
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()))?;
        } else {
            fs::copy(&path, to.join(entry.file_name()))
                .with_context(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}

/// The size of every file below `dir`, in bytes.
fn size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|entry| entry.ok())
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => size(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_cpu_grows_after_a_child_works() {
        let before = children_cpu().expect("readable");
        let status = Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"])
            .status()
            .expect("sh runs");
        assert!(status.success());
        assert!(children_cpu().expect("readable") > before);
    }
}
