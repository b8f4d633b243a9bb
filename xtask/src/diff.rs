//! `cargo xtask diff OLD [NEW]`: what changed between two specs, for Rust users and on the
//! wire, and the version bump it needs. The work is `generator::diff::command`, where tests
//! run it too; this prints its outcome and exits with its status.

use std::process::ExitCode;

use generator::diff::command::{self, Options, USAGE};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    match command::run(&options, &crate::project_root()) {
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
