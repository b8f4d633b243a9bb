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

/// The candidate `word` was most likely meant to be, for a "did you mean" hint: the closest by
/// edit distance (a transposition counts as one edit, case is ignored), if it is close enough
/// (one edit in a short word, two in a longer one) and the closest is unambiguous.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word: Vec<char> = word.to_lowercase().chars().collect();
    let allowed = if word.len() <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &'c str)> = None;
    let mut tie = false;
    for candidate in candidates {
        let lowered: Vec<char> = candidate.to_lowercase().chars().collect();
        let distance = edit_distance(&word, &lowered);
        if distance > allowed || distance >= lowered.len().max(1) {
            continue;
        }
        match best {
            Some((closest, _)) if distance > closest => {}
            Some((closest, _)) if distance == closest => tie = true,
            _ => {
                best = Some((distance, candidate));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
/// of neighbours, each one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
    fn suggests_the_close_unambiguous_candidate() {
        let keys = ["type", "wire", "required", "nullable", "en", "example"];
        assert_eq!(did_you_mean("requierd", keys), Some("required"));
        assert_eq!(did_you_mean("Requred", keys), Some("required"));
        assert_eq!(did_you_mean("exmaple", keys), Some("example"));
        assert_eq!(did_you_mean("summary", keys), None);
        assert_eq!(did_you_mean("tpye", keys), Some("type"));
        // One letter from both `en` and `zh`-like short keys is no suggestion.
        assert_eq!(did_you_mean("e", ["en", "ex"]), None);
        assert_eq!(
            did_you_mean("integr", ["integer", "string"]),
            Some("integer")
        );
    }

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
