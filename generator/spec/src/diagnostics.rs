//! Errors a spec author reads: where (file, line, column, YAML path), what, and a hint.
//!
//! A leaf of the spec core: every stage that finds problems (loading, validation) collects
//! them in a [`Reporter`] and hands back [`Diagnostics`]; nothing here knows about stages.

use std::fmt;

use crate::source_map::{Position, SourceMap};

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file as the caller named it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column in characters (not bytes), where known.
    pub column: Option<usize>,
    /// YAML path of the offending element, for example `endpoints.subaccountAdd.request.cdnconfig`;
    /// empty for problems with the file as a whole.
    pub yaml_path: String,
    /// What is wrong, without the place (`` undefined group `billing` ``).
    pub message: String,
    /// One line on how to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": error")?;
        if !self.yaml_path.is_empty() {
            write!(f, " at `{}`", self.yaml_path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one spec, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Every diagnostic the loader and the validator find in one file.
pub struct Reporter<'a> {
    file: &'a str,
    map: &'a SourceMap,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    /// A reporter for `file`, placing problems by the YAML paths of `map`.
    pub fn new(file: &'a str, map: &'a SourceMap) -> Self {
        Self {
            file,
            map,
            diagnostics: Vec::new(),
        }
    }

    /// A problem with the element at `path`, placed where the source map has it.
    pub fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let position = self.map.position(path);
        self.error_at(position, path, message, hint);
    }

    /// A problem at a position the caller knows better than the path does.
    pub fn error_at(
        &mut self,
        position: Option<Position>,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics.push(located(
            self.file,
            position,
            path,
            message.into(),
            hint.into(),
        ));
    }

    /// A problem an earlier stage found and left for this one to report with the rest.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Where the elements of the file being reported on stand.
    pub fn map(&self) -> &SourceMap {
        self.map
    }

    /// Whether any problem has been reported so far.
    pub fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    /// The diagnostics in file order (problems with the file as a whole first); `None` when clean.
    pub fn finish(self) -> Option<Diagnostics> {
        if self.diagnostics.is_empty() {
            None
        } else {
            Some(sorted(self.diagnostics))
        }
    }
}

/// A diagnostic at `position` (none: the file as a whole) about the element at `path`.
pub fn located(
    file: &str,
    position: Option<Position>,
    path: &str,
    message: String,
    hint: String,
) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: position.map(|p| p.line),
        column: position.map(|p| p.column),
        yaml_path: path.to_owned(),
        message,
        hint: Some(hint),
    }
}

/// More diagnostics than this are cut to this many and a last one saying how many were left
/// out: past a hundred, an author fixes and reruns, and a hostile file (a million duplicate
/// keys) cannot flood the output.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Sorts by position (the sort is stable, so problems at one place keep the order found) and
/// applies [`MAX_DIAGNOSTICS`].
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Diagnostics {
    diagnostics.sort_by_key(|d| (d.line.is_some(), d.line, d.column));
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let left_out = diagnostics.split_off(MAX_DIAGNOSTICS);
        if let Some(first) = left_out.first() {
            diagnostics.push(Diagnostic {
                yaml_path: String::new(),
                message: format!("{} more errors not shown", left_out.len()),
                hint: Some("fix the errors above and run again".to_owned()),
                ..first.clone()
            });
        }
    }
    Diagnostics(diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_position_and_caps_the_count() {
        let at = |line| {
            located(
                "f",
                Some(Position { line, column: 1 }),
                "",
                format!("at {line}"),
                String::new(),
            )
        };
        let whole = located("f", None, "", "whole file".to_owned(), String::new());
        let mut found: Vec<Diagnostic> = (0..150).rev().map(|line| at(line + 1)).collect();
        found.push(whole);
        let Diagnostics(kept) = sorted(found);
        assert_eq!(kept.len(), MAX_DIAGNOSTICS + 1);
        assert_eq!(kept[0].message, "whole file");
        assert_eq!(kept[1].message, "at 1");
        assert_eq!(kept[MAX_DIAGNOSTICS].message, "51 more errors not shown");
        assert_eq!(kept[MAX_DIAGNOSTICS].line, Some(100));
    }
}
