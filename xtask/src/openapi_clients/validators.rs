//! The validators and linters people run on a document before generating from it: each one's
//! verdict and summary line, for the report.

use std::path::Path;
use std::process::Command;

use super::tools::{harness_dir, pinned, run};

/// One tool's verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The tool and its version.
    pub tool: String,
    /// Whether it exited successfully.
    pub passed: bool,
    /// Its summary (last lines of its output), or why it could not run.
    pub summary: String,
}

/// Runs every validator on `document`, logs under `work/logs`.
pub fn run_all(
    root: &Path,
    work: &Path,
    document: &Path,
    python_bin: &Path,
    node_bin: &Path,
) -> Vec<Verdict> {
    let version =
        |file: &str, package: &str| pinned(root, file, package).unwrap_or_else(|_| "?".to_owned());
    let node = |tool: &str| node_bin.join(tool);
    let spectral_ruleset = harness_dir(root).join("spectral.yaml");
    let tools: Vec<(String, Command)> = vec![
        (
            format!(
                "openapi-spec-validator {}",
                version("requirements.txt", "openapi-spec-validator")
            ),
            command(
                python_bin.join("openapi-spec-validator"),
                &["--validation-errors", "all"],
                document,
                &[],
            ),
        ),
        (
            format!(
                "openapi-generator `validate` {}",
                version("requirements.txt", "openapi-generator-cli")
            ),
            command(
                python_bin.join("openapi-generator-cli"),
                &["validate", "--recommend", "-i"],
                document,
                &[],
            ),
        ),
        (
            format!(
                "Redocly CLI `lint` {}",
                version("package.json", "@redocly/cli")
            ),
            command(
                node("redocly"),
                &["lint", "--format", "stylish"],
                document,
                &[],
            ),
        ),
        (
            format!(
                "Spectral `spectral:oas` {}",
                version("package.json", "@stoplight/spectral-cli")
            ),
            command(
                node("spectral"),
                &["lint", "--fail-severity", "warn", "--ruleset"],
                &spectral_ruleset,
                &[document],
            ),
        ),
        (
            format!(
                "swagger-cli `validate` {}",
                version("package.json", "@apidevtools/swagger-cli")
            ),
            command(node("swagger-cli"), &["validate"], document, &[]),
        ),
        (
            format!(
                "@seriousme/openapi-schema-validator {}",
                version("package.json", "@seriousme/openapi-schema-validator")
            ),
            command(node("validate-api"), &[], document, &[]),
        ),
    ];
    tools
        .into_iter()
        .enumerate()
        .map(|(index, (tool, mut command))| {
            let log = work.join("logs").join(format!("validator-{index}.log"));
            let result = run(&mut command, &log);
            // The report names no folder of this machine and no timing, so that it reads the
            // same on every run.
            let output = std::fs::read_to_string(&log)
                .unwrap_or_default()
                .replace(&format!("{}/", root.display()), "");
            Verdict {
                tool,
                passed: result.is_ok(),
                summary: summary(&output),
            }
        })
        .collect()
}

fn command(program: impl AsRef<Path>, args: &[&str], path: &Path, more: &[&Path]) -> Command {
    let mut command = Command::new(program.as_ref());
    command.args(args).arg(path).args(more);
    command.env("NO_COLOR", "1").env("REDOCLY_TELEMETRY", "off");
    command.env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    command
}

/// The lines worth a reader's eye: warnings, errors and verdicts, or the last lines.
fn summary(output: &str) -> String {
    let telling: Vec<&str> = output
        .lines()
        .map(str::trim)
        // Boxed notices (Redocly's Node.js deprecation banner) are not verdicts.
        .filter(|line| !line.starts_with(['║', '╔', '╚']))
        .filter(|line| !line.contains("validated in"))
        .filter(|line| {
            let lower = line.to_lowercase();
            [
                "warn",
                "error",
                "valid",
                "problem",
                "recommend",
                "issue",
                "✖",
                "no results",
            ]
            .iter()
            .any(|word| lower.contains(word))
        })
        .collect();
    let chosen = if telling.is_empty() {
        output.lines().filter(|l| !l.trim().is_empty()).collect()
    } else {
        telling
    };
    let start = chosen.len().saturating_sub(6);
    chosen[start..].join(" / ").replace('|', "\\|")
}
