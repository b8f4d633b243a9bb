//! Markdown for a pull request comment: a summary line, one table row a change (breaking
//! changes first), then the version bump.

use std::fmt::Write;

use super::Sides;
use crate::report::Report;
use crate::rules::Severity;
use crate::versioning::VersionCheck;

/// The report as a markdown section headed `## Spec changes`, for a pull request comment.
pub fn render(report: &Report, sides: Sides<'_>) -> String {
    let mut out = String::new();
    out.push_str("## Spec changes\n\n");
    let _ = writeln!(
        out,
        "{} ({}) → {} ({})\n",
        code(sides.old),
        report.old_version,
        code(sides.new),
        report.new_version
    );
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let breaking = report.count(Severity::Breaking);
    let breaking = if breaking > 0 {
        format!("**{breaking} breaking**")
    } else {
        "0 breaking".to_owned()
    };
    let warnings = report.count(Severity::Warning);
    let plural = if warnings == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "{breaking}, {warnings} warning{plural}, {} info.\n",
        report.count(Severity::Info)
    );
    out.push_str("| Severity | Rule | Wire | Rust | YAML path | Change | Old | New |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for change in &report.changes {
        let rule = change.rule.rule();
        let severity = match rule.severity {
            Severity::Breaking => "**breaking**",
            other => other.as_str(),
        };
        let _ = writeln!(
            out,
            "| {severity} | {} | {} | {} | {} | {} | {} | {} |",
            code(rule.name),
            rule.wire.as_str(),
            rule.rust.as_str(),
            code(&change.yaml_path),
            cell(&change.message),
            change.old.as_deref().map(code).unwrap_or_default(),
            change.new.as_deref().map(code).unwrap_or_default(),
        );
    }
    out.push('\n');
    versioning(report, &mut out);
    out
}

fn versioning(report: &Report, out: &mut String) {
    out.push_str("### Versioning\n\n");
    let _ = writeln!(
        out,
        "- Rust crate `verycloud` (from the Rust verdicts): **{}**",
        report.rust_bump().as_str()
    );
    let _ = writeln!(
        out,
        "- OpenAPI document (from the wire verdicts): **{}**",
        report.wire_bump().as_str()
    );
    let (old, new) = (&report.old_version, &report.new_version);
    let verdict = match report.version_check() {
        VersionCheck::Enough { minimum } => format!("at least {minimum}; {old} → {new} is enough"),
        VersionCheck::NotEnough { minimum } => {
            format!(
                "at least {minimum}; {old} → {new} is **not enough** (`cargo xtask diff` fails on this only with `--check-version`)"
            )
        }
        VersionCheck::Unreadable {
            side,
            version,
            error,
        } => format!("{side}'s `{version}` is not semver ({error})"),
    };
    let _ = writeln!(
        out,
        "- `info.version`, which versions both: **{}**, so {verdict}",
        report.needed_bump().as_str()
    );
    if report.old_version.starts_with("0.") {
        out.push_str("\nBelow 1.0.0, Cargo reads 0.MINOR as the major version: a breaking change bumps MINOR and anything else PATCH.\n");
    }
}

/// A code span, safe inside a table cell.
fn code(text: &str) -> String {
    let text = text.replace('|', "\\|");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Prose in a table cell: the messages mark names with backticks themselves.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
