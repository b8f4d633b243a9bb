//! What a comparison found: the changes, their verdicts and the version bump they need.

use super::rules::{RuleId, Severity};
use super::versioning::{self, Bump, VersionCheck};

/// One change between two specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that detected the change, which fixes its verdicts and severity.
    pub rule: RuleId,
    /// YAML path of the element that changed: in NEW, or in OLD for what NEW no longer has.
    pub yaml_path: String,
    /// The element's value before, shortened to one line; `None` where it did not exist.
    pub old: Option<String>,
    /// The element's value after, shortened to one line; `None` where it no longer exists.
    pub new: Option<String>,
    /// One sentence for a reviewer.
    pub message: String,
}

impl Change {
    pub(super) fn new(
        rule: RuleId,
        yaml_path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Change {
            rule,
            yaml_path: yaml_path.into(),
            old: None,
            new: None,
            message: message.into(),
        }
    }

    pub(super) fn values(
        mut self,
        old: Option<impl AsRef<str>>,
        new: Option<impl AsRef<str>>,
    ) -> Self {
        self.old = old.map(|value| short(value.as_ref()));
        self.new = new.map(|value| short(value.as_ref()));
        self
    }

    pub(super) fn old_new(self, old: impl AsRef<str>, new: impl AsRef<str>) -> Self {
        self.values(Some(old), Some(new))
    }
}

/// Everything a comparison found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// OLD's `info.version`, as written.
    pub old_version: String,
    /// NEW's `info.version`, as written.
    pub new_version: String,
    /// Breaking changes first, then warnings, then information; in spec order within each.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether the comparison found no change.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|change| change.rule.severity() == severity)
            .count()
    }

    /// The most severe change, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.changes
            .iter()
            .map(|change| change.rule.severity())
            .min()
    }

    /// The bump the generated crate needs: from the Rust verdicts.
    pub fn rust_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|change| change.rule.rule().bump(change.rule.rust()))
            .max()
            .unwrap_or(Bump::None)
    }

    /// The bump the OpenAPI document needs: from the wire verdicts.
    pub fn wire_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|change| change.rule.rule().bump(change.rule.wire()))
            .max()
            .unwrap_or(Bump::None)
    }

    /// The bump `info.version` needs, which versions both outputs.
    pub fn needed_bump(&self) -> Bump {
        self.rust_bump().max(self.wire_bump())
    }

    /// Whether NEW's `info.version` carries [`Report::needed_bump`] over OLD's.
    pub fn version_check(&self) -> VersionCheck {
        versioning::check(&self.old_version, &self.new_version, self.needed_bump())
    }
}

/// Values in a report are one short line: whitespace runs become one space and long text is
/// cut at a character boundary.
pub(super) fn short(text: &str) -> String {
    const LIMIT: usize = 80;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= LIMIT {
        return line;
    }
    let mut cut: String = line.chars().take(LIMIT - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_to_one_line() {
        assert_eq!(short("a\n  b\tc"), "a b c");
        let long = "字".repeat(100);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn bumps_follow_the_worst_verdict_on_each_axis() {
        let report = Report {
            old_version: "1.0.0".into(),
            new_version: "1.1.0".into(),
            changes: vec![
                Change::new(RuleId::EnumValueAddedToReply, "types.S.enum.values[2]", "m"),
                Change::new(RuleId::DocChanged, "types.S.en", "m"),
            ],
        };
        assert_eq!(report.rust_bump(), Bump::Minor);
        assert_eq!(report.wire_bump(), Bump::Major);
        assert_eq!(report.needed_bump(), Bump::Major);
        assert!(!report.version_check().passed());
        assert_eq!(report.worst(), Some(Severity::Breaking));
        assert_eq!(report.count(Severity::Info), 1);
    }
}
