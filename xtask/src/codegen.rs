//! `cargo xtask codegen [--spec PATH] [--out DIR] [--check]`: regenerate `generated-client/`
//! (the `verycloud` crate and `openapi.json`) from the spec, or check that it is fresh.

use std::path::PathBuf;
use std::process::ExitCode;

use emit::{REGENERATE_COMMAND, output};

/// The command that regenerates what `options` checked, with the same spec and folder.
fn regenerate_command(options: &Options) -> String {
    let mut command = REGENERATE_COMMAND.to_owned();
    for (flag, value) in [("--spec", &options.spec), ("--out", &options.out)] {
        if let Some(value) = value {
            command.push_str(&format!(
                " {flag} {}",
                shell_word(&value.display().to_string())
            ));
        }
    }
    command
}

/// `word` as one shell word: quoted when it holds anything but plain path characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `cargo xtask codegen [--spec PATH] [--out DIR] [--check]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The spec to generate from [default: spec/verycloud.yaml]
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// The folder to write [default: generated-client]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write nothing; list every stale, missing or extra file and fail if there is one.
    #[arg(long)]
    pub check: bool,
}

/// Generates, or checks, the output folder.
///
/// # Errors
/// When the folder cannot be read or written (the previous tree is then left as it was).
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let spec = options.spec.clone().unwrap_or_else(crate::default_spec);
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| crate::project_root().join(crate::DEFAULT_OUT));
    let api = match spec::load_api(&spec) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "{}: {} error(s); nothing written",
                spec.display(),
                diagnostics.0.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let files = emit::generated_client(&api);
    let shown = out.display();
    if options.check {
        let staleness = output::check(&out, &files)?;
        if staleness.is_fresh() {
            println!("{shown}: up to date ({} files)", staleness.files);
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{shown} is stale:\n{staleness}run `{}` to regenerate",
            regenerate_command(options)
        );
        return Ok(ExitCode::FAILURE);
    }
    let summary = output::write(&out, &files)?;
    for path in &summary.written {
        println!("  wrote   {path}");
    }
    for path in &summary.removed {
        println!("  removed {path}");
    }
    println!(
        "{shown}: {} written, {} removed, {} unchanged (`{REGENERATE_COMMAND} --check` verifies)",
        summary.written.len(),
        summary.removed.len(),
        summary.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(spec: Option<&str>, out: Option<&str>) -> Options {
        Options {
            spec: spec.map(PathBuf::from),
            out: out.map(PathBuf::from),
            check: true,
        }
    }

    #[test]
    fn the_hint_regenerates_what_was_checked() {
        assert_eq!(
            regenerate_command(&options(None, None)),
            "cargo xtask codegen"
        );
        assert_eq!(
            regenerate_command(&options(Some("specs/next.yaml"), Some("out dir"))),
            "cargo xtask codegen --spec specs/next.yaml --out 'out dir'"
        );
        assert_eq!(
            regenerate_command(&options(None, Some("it's"))),
            r"cargo xtask codegen --out 'it'\''s'"
        );
    }
}
