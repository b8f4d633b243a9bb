//! `cargo xtask bench [--quick] [--only SECTION]`: build the benchmark harness (`xtask/bench/`,
//! a workspace of its own so that progenitor stays out of the main one) in release mode into
//! `target/bench/`, and run it. The harness prints the table and writes `BENCHMARKS.md`.

use std::process::{Command, ExitCode};
use std::time::Instant;

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    // The harness checks its own arguments (`--quick`, `--only SECTION`).
    let root = crate::project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let started = Instant::now();
    let mut command = Command::new(cargo);
    command
        // Not `--locked`: the harness depends on the generator and the generated crate by
        // path, so a dependency they gain must be able to enter the harness's lock file.
        .args(["run", "--release", "--manifest-path"])
        .arg(root.join("xtask").join("bench").join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target").join("bench"));
    command.arg("--").args(args);
    let status = command
        .status()
        .map_err(|error| anyhow::anyhow!("cannot run cargo: {error}"))?;
    let seconds = started.elapsed().as_secs();
    eprintln!(
        "cargo xtask bench{}: {} min {} s in all, the harness's release build included",
        args.iter().map(|arg| format!(" {arg}")).collect::<String>(),
        seconds / 60,
        seconds % 60
    );
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
