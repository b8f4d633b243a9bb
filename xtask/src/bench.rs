//! `cargo xtask bench`: build the benchmark harness (`xtask/bench/`, a workspace of its own so
//! that progenitor stays out of the main one) in release mode into `target/bench/`, and run it.
//! The harness prints the table and writes `BENCHMARKS.md`.

use std::process::{Command, ExitCode};
use std::time::Instant;

/// The measurements `--only` can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    /// Generation speed and scaling of our generator.
    Generation,
    /// Our generator and progenitor side by side.
    Progenitor,
    /// Build cost of the generated crate.
    Build,
    /// Per-call cost of the client against a loopback server.
    Runtime,
    /// How the time to refuse hostile input (deep nesting, an alias bomb) grows with its size.
    Hostile,
}

/// `cargo xtask bench [--quick] [--only SECTION]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Fewer runs; the table goes to target/bench/BENCHMARKS.quick.md instead.
    #[arg(long)]
    pub quick: bool,
    /// Run one measurement only (written like --quick).
    #[arg(long, value_enum)]
    pub only: Option<Section>,
}

/// Builds and runs the harness with the same options.
///
/// # Errors
/// When cargo cannot be started.
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let root = crate::project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut args: Vec<String> = Vec::new();
    if options.quick {
        args.push("--quick".to_owned());
    }
    if let Some(section) = options.only {
        let name = clap::ValueEnum::to_possible_value(&section)
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default();
        args.extend(["--only".to_owned(), name]);
    }
    let started = Instant::now();
    let mut command = Command::new(cargo);
    command
        // Not `--locked`: the harness depends on the generator and the generated crate by
        // path, so a dependency they gain must be able to enter the harness's lock file.
        .args(["run", "--release", "--manifest-path"])
        .arg(root.join("xtask").join("bench").join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target").join("bench"));
    command.arg("--").args(&args);
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
