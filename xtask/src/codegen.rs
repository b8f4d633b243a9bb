//! `cargo xtask codegen [--spec PATH] [--out DIR] [--check]`: regenerate `generated-client/`
//! (the `verycloud` crate and `openapi.json`) from the spec, or check that it is fresh.

use std::path::PathBuf;
use std::process::ExitCode;

use generator::emit::{REGENERATE_COMMAND, tree};

const USAGE: &str = "usage: cargo xtask codegen [--spec PATH] [--out DIR] [--check]";

struct Options {
    spec: PathBuf,
    out: PathBuf,
    check: bool,
}

fn parse(args: &[String]) -> anyhow::Result<Options> {
    let mut options = Options {
        spec: crate::default_spec(),
        out: crate::project_root().join("generated-client"),
        check: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => {
                options.spec = args
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| anyhow::anyhow!("--spec needs a path\n{USAGE}"))?
            }
            "--out" => {
                options.out = args
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| anyhow::anyhow!("--out needs a folder\n{USAGE}"))?
            }
            other => anyhow::bail!("unexpected argument `{other}`\n{USAGE}"),
        }
    }
    Ok(options)
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let options = parse(args)?;
    let api = match generator::load_api(&options.spec) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "{}: {} error(s); nothing written",
                options.spec.display(),
                diagnostics.0.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let files = generator::emit::generated_client(&api);
    let out = options.out.display();
    if options.check {
        let staleness = tree::check(&options.out, &files)?;
        if staleness.is_fresh() {
            println!("{out}: up to date ({} files)", files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{out} is stale:\n{staleness}");
        return Ok(ExitCode::FAILURE);
    }
    let summary = tree::write(&options.out, &files)?;
    for path in &summary.written {
        println!("  wrote   {path}");
    }
    for path in &summary.removed {
        println!("  removed {path}");
    }
    println!(
        "{out}: {} written, {} removed, {} unchanged (`{REGENERATE_COMMAND} --check` verifies)",
        summary.written.len(),
        summary.removed.len(),
        summary.unchanged
    );
    Ok(ExitCode::SUCCESS)
}
