//! Developer commands: `cargo xtask <command>`. Run `cargo xtask help` for the list.

mod bench;
mod codegen;
mod diff;
mod drift;
mod validate;

use std::path::{Path, PathBuf};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command> [options]

commands:
  validate [SPEC]     load and check the spec (default spec/verycloud.yaml)
  codegen [--spec PATH] [--out DIR] [--check]
                      regenerate generated-client/ (the Rust crate and openapi.json);
                      --check writes nothing and fails when it is stale
  diff OLD [NEW]      what changed between two specs (files or REV:PATH), its verdicts and version bump
  docs-drift DOCS [--spec PATH] [--format markdown|json] [--skeleton]
                      compare the vendor's docs with the spec; exit 1 on any difference the spec
                      does not explain; --skeleton drafts spec YAML for endpoints the spec lacks
  bench [--quick] [--only generation|progenitor|build|runtime]
                      benchmarks (release build of xtask/bench): print the table, write BENCHMARKS.md;
                      --quick (fewer runs) and --only write target/bench/BENCHMARKS.quick.md instead
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("validate") => validate::run(&rest),
        Some("codegen") => codegen::run(&rest),
        Some("diff") => diff::run(&rest),
        Some("docs-drift") => drift::run(&rest),
        Some("bench") => bench::run(&rest),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n\n{HELP}");
            Ok(ExitCode::from(2))
        }
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(2)
    })
}

/// The workspace root, so that commands work from any directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits one level below the workspace root")
        .to_path_buf()
}

/// The default spec file.
pub fn default_spec() -> PathBuf {
    project_root().join("spec").join("verycloud.yaml")
}
