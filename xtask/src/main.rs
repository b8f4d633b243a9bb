//! `cargo xtask <command>`: the developer commands. `cargo xtask help` lists them and
//! `cargo xtask <command> --help` explains one.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Developer commands of the VeryCloud client generator.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check a spec; print a summary, or every problem with its place and a hint.
    Validate(xtask::validate::Options),
    /// Regenerate generated-client/ (the Rust crate and openapi.json) from the spec.
    Codegen(xtask::codegen::Options),
    /// What changed between two specs: wire and Rust verdicts, and the version bump it needs.
    Diff(xtask::diff::Options),
    /// The diff's Rust verdicts against cargo-semver-checks for every fixture pair; writes DIFF-AGREEMENT.md.
    DiffAgreement(xtask::diff_agreement::Options),
    /// Compare the vendor's docs with the spec; fail on any difference no departure explains.
    DocsDrift(xtask::drift::Options),
    /// The compile fuzzer: random hostile specs must be refused with located diagnostics, or
    /// generate a crate that builds, lints and documents clean.
    FuzzCodegen(xtask::fuzz_codegen::Options),
    /// Benchmarks (a release build of xtask/bench): print the table and write BENCHMARKS.md.
    Bench(xtask::bench::Options),
    /// Generate clients from openapi.json with six generators, decode every documented example
    /// with each; print the table and write OPENAPI-CLIENTS.md.
    OpenapiClients(xtask::openapi_clients::Options),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Validate(options) => xtask::validate::run(options),
        Command::Codegen(options) => xtask::codegen::run(options),
        Command::Diff(options) => xtask::diff::main(options),
        Command::DiffAgreement(options) => xtask::diff_agreement::run(options),
        Command::DocsDrift(options) => xtask::drift::run(options),
        Command::FuzzCodegen(options) => xtask::fuzz_codegen::run(options),
        Command::Bench(options) => xtask::bench::run(options),
        Command::OpenapiClients(options) => xtask::openapi_clients::run(options),
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_each_command_and_refuses_unknown_options() {
        let parse = |args: &[&str]| Cli::try_parse_from(["cargo xtask"].iter().chain(args));
        assert!(parse(&["codegen", "--check", "--spec", "s.yaml", "--out", "o"]).is_ok());
        assert!(parse(&["validate", "s.yaml"]).is_ok());
        assert!(
            parse(&[
                "diff",
                "a.yaml",
                "b.yaml",
                "--format",
                "json",
                "--fail-on=warning"
            ])
            .is_ok()
        );
        assert!(
            parse(&[
                "diff",
                "a.yaml",
                "b.yaml",
                "--verify-rust",
                "--check-version"
            ])
            .is_ok()
        );
        assert!(parse(&["diff-agreement", "--only", "type-renamed"]).is_ok());
        assert!(parse(&["docs-drift", "docs.txt", "--format", "json", "--skeleton"]).is_ok());
        assert!(parse(&["bench", "--quick", "--only", "generation"]).is_ok());
        assert!(
            parse(&[
                "fuzz-codegen",
                "--cases",
                "1000",
                "--seed",
                "7",
                "--first",
                "3",
                "--batch",
                "4",
                "--shrink",
                "0",
                "--keep",
                "dir"
            ])
            .is_ok()
        );
        assert!(parse(&["fuzz-codegen", "--cases", "many"]).is_err());
        assert!(
            parse(&[
                "openapi-clients",
                "--only",
                "progenitor",
                "--only",
                "oag-rust"
            ])
            .is_ok()
        );
        assert!(parse(&["openapi-clients", "--only", "swagger-codegen"]).is_err());
        assert!(parse(&["diff"]).is_err());
        assert!(parse(&["diff", "a", "--format", "xml"]).is_err());
        assert!(parse(&["docs-drift", "a.txt", "b.txt"]).is_err());
        assert!(parse(&["codegen", "--colour"]).is_err());
        assert!(parse(&["bench", "--only", "everything"]).is_err());
    }
}
