//! GitHub workflow annotations, one line a change:
//! `::error file=spec/verycloud.yaml,line=12::[request-field-removed] endpoints.x.request.y: message`.
//!
//! Annotations are drawn on the pull request's new file, so the line is the YAML path's in
//! NEW; for an element NEW no longer has, it is the line of its nearest ancestor that NEW
//! still has (the endpoint a removed field belonged to), not the element's line in OLD, which
//! in the new file points at whatever stands there now.

use std::fmt::Write;

use crate::report::Report;
use crate::rules::Severity;

/// `file` is the path annotations name, relative to the repository's root; `line_of` gives a
/// YAML path's line in NEW (with the nearest-ancestor fallback), or `None` to leave it out.
pub fn render(report: &Report, file: &str, line_of: &dyn Fn(&str) -> Option<usize>) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let rule = change.rule.rule();
        let command = match rule.severity {
            Severity::Breaking => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = format!("[{}] {}: {}", rule.name, change.yaml_path, change.message);
        match (&change.old, &change.new) {
            (Some(old), Some(new)) => {
                let _ = write!(message, " ({old} → {new})");
            }
            (Some(old), None) => {
                let _ = write!(message, " (was {old})");
            }
            (None, Some(new)) => {
                let _ = write!(message, " ({new})");
            }
            (None, None) => {}
        }
        out.push_str(&annotation(
            command,
            file,
            line_of(&change.yaml_path),
            &message,
        ));
    }
    out
}

/// One workflow command line: `::error file=F,line=N::message`.
pub fn annotation(command: &str, file: &str, line: Option<usize>, message: &str) -> String {
    let mut properties = format!("file={}", property(file));
    if let Some(line) = line {
        let _ = write!(properties, ",line={line}");
    }
    format!("::{command} {properties}::{}\n", data(message))
}

/// Escapes a command's message, as the runner's command parser expects.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Change;
    use crate::rules::RuleId;

    #[test]
    fn writes_one_escaped_line_a_change() {
        let report = Report {
            old_version: "1.0.0".into(),
            new_version: "1.0.0".into(),
            changes: vec![
                Change::new(
                    RuleId::RequestFieldRemoved,
                    "endpoints.a.request.b",
                    "100% gone\nreally",
                )
                .old_new("x", "y"),
                Change::new(RuleId::DocChanged, "endpoints.a.en", "English text changed"),
            ],
        };
        let lines = |path: &str| (path == "endpoints.a.request.b").then_some(7);
        let text = render(&report, "spec/a,b.yaml", &lines);
        assert_eq!(
            text,
            "::error file=spec/a%2Cb.yaml,line=7::[request-field-removed] endpoints.a.request.b: 100%25 gone%0Areally (x → y)\n\
             ::notice file=spec/a%2Cb.yaml::[doc-changed] endpoints.a.en: English text changed\n"
        );
    }
}
