//! JSON for tools. Keys come in a fixed order (struct order), so the output is stable.

use serde::Serialize;

use super::Sides;
use crate::report::Report;
use crate::rules::{Severity, Verdict};
use crate::versioning::{Bump, VersionCheck};

#[derive(Serialize)]
struct JsonReport<'a> {
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    summary: Summary,
    changes: Vec<JsonChange<'a>>,
    versioning: Versioning,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    source: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary {
    breaking: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    rule: &'static str,
    severity: Severity,
    wire: Verdict,
    rust: Verdict,
    yaml_path: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct Versioning {
    rust_bump: Bump,
    wire_bump: Bump,
    needed_bump: Bump,
    /// The lowest acceptable NEW version; `null` when a version is not semver.
    minimum_version: Option<String>,
    /// Whether NEW's version is at least `minimum_version`; `null` when unknown.
    version_ok: Option<bool>,
}

/// The report as one pretty-printed JSON object: both sides, a count per severity, every change
/// with its rule and verdicts, and the version bumps.
pub fn render(report: &Report, sides: Sides<'_>) -> String {
    let check = report.version_check();
    let json = JsonReport {
        old: JsonSide {
            source: sides.old,
            version: &report.old_version,
        },
        new: JsonSide {
            source: sides.new,
            version: &report.new_version,
        },
        summary: Summary {
            breaking: report.count(Severity::Breaking),
            warning: report.count(Severity::Warning),
            info: report.count(Severity::Info),
        },
        changes: report
            .changes
            .iter()
            .map(|change| {
                let rule = change.rule.rule();
                JsonChange {
                    rule: rule.name,
                    severity: rule.severity,
                    wire: rule.wire,
                    rust: rule.rust,
                    yaml_path: &change.yaml_path,
                    old: change.old.as_deref(),
                    new: change.new.as_deref(),
                    message: &change.message,
                }
            })
            .collect(),
        versioning: Versioning {
            rust_bump: report.rust_bump(),
            wire_bump: report.wire_bump(),
            needed_bump: report.needed_bump(),
            minimum_version: check.minimum().map(ToString::to_string),
            version_ok: (!matches!(check, VersionCheck::Unreadable { .. })).then(|| check.passed()),
        },
    };
    // Serialising plain structs of strings, numbers and enums cannot fail.
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
