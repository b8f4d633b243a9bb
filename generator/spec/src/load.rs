//! Stage 1: read a spec file into [`RawSpec`] and its [`SourceMap`].
//!
//! The file is checked for size and UTF-8, scanned for positions, duplicate keys, nesting depth
//! and alias expansion, parsed by serde_yaml, and deserialized element by element (see
//! `sections`), so one run reports every shape error in the file, each with its line, column
//! and YAML path. Shape errors do not stop loading: what can be read is handed to validation
//! with the errors, and the elements that cannot are named in [`Broken`].

mod lenient;
mod sections;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Reporter, located};
use crate::format::RawSpec;
use crate::source_map::{DuplicateKey, Position, ScanFailure, SourceMap};

/// Files larger than this are rejected unread: the spec is about 100 KiB, and the bound keeps
/// a stray huge file from costing seconds of parsing and its copy in memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A parsed spec file and where its elements stand.
#[derive(Debug, Clone)]
pub struct SpecDocument {
    /// The file as named by the caller, for diagnostics.
    pub file: String,
    /// The spec as written, checked for its YAML shape only.
    pub raw: RawSpec,
    /// YAML path → line and column of every element.
    pub source_map: SourceMap,
    /// Problems that do not stop loading: keys written twice in one mapping (the first value is
    /// kept) and shape errors (see [`Broken`]). Validation reports them with its own, so that
    /// they do not hide the spec's other problems; a spec with any is invalid.
    pub deferred: Vec<Diagnostic>,
    /// The elements that could not be read, left out of `raw`.
    pub broken: Broken,
}

/// The elements loading could not read (each reported): they are left out of the spec, and
/// validation says nothing about what follows from their absence (a reference to a type that
/// is there but unreadable is not an undefined type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Broken {
    /// `info` could not be read: `raw.info` is a placeholder, and the checks that need it
    /// (the token field, the envelope, the login, the examples) do not run.
    pub info: bool,
    /// Groups that could not be read.
    pub groups: BTreeSet<String>,
    /// Sources that could not be read: the checks of what cites sources do not run.
    pub sources: BTreeSet<String>,
    /// Named types that could not be read.
    pub types: BTreeSet<String>,
    /// Endpoints that could not be read.
    pub endpoints: BTreeSet<String>,
}

impl Broken {
    /// Whether anything could not be read.
    pub fn is_empty(&self) -> bool {
        !self.info
            && self.groups.is_empty()
            && self.sources.is_empty()
            && self.types.is_empty()
            && self.endpoints.is_empty()
    }
}

/// Reads and parses the spec at `path`; diagnostics name the file as `path` displays.
///
/// # Errors
/// When the file cannot be read, is larger than [`MAX_FILE_BYTES`] or is not UTF-8, and as
/// [`load_str`].
pub fn load_file(path: &Path) -> Result<SpecDocument, Diagnostics> {
    let file = path.display().to_string();
    let bytes =
        read_bounded(path).map_err(|message| whole_file(&file, None, message.0, message.1))?;
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&file, &text),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let position = end_position(valid);
            Err(whole_file(
                &file,
                Some(position),
                "the file is not valid UTF-8".to_owned(),
                "save the spec as UTF-8".to_owned(),
            ))
        }
    }
}

/// Parses a spec held in memory; `file` names it in diagnostics.
///
/// # Errors
/// When `text` is larger than [`MAX_FILE_BYTES`], and as [`load_str_unbounded`].
pub fn load_str(file: &str, text: &str) -> Result<SpecDocument, Diagnostics> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, text.len() as u64));
    }
    load_str_unbounded(file, text)
}

/// [`load_str`] without the [`MAX_FILE_BYTES`] bound, for callers that build large specs on
/// purpose (the benchmarks' synthetic specs of thousands of endpoints).
///
/// # Errors
/// When `text` is not well-formed YAML, nests deeper than
/// [`MAX_DEPTH`](crate::source_map::MAX_DEPTH), has aliases that repeat more than
/// [`MAX_ALIAS_NODES`](crate::source_map::MAX_ALIAS_NODES) nodes, or is not a mapping. Every other
/// problem is in [`SpecDocument::deferred`], for validation to report with its own.
pub fn load_str_unbounded(file: &str, text: &str) -> Result<SpecDocument, Diagnostics> {
    // The scan comes first, and alone: it refuses in linear time what would cost serde_yaml's
    // parse far more (libyaml's work grows with the square of the nesting depth, and an alias
    // bomb expands into gigabytes), so serde_yaml only ever sees a bounded document.
    let scan = SourceMap::scan(text).map_err(|failure| scan_failure(file, failure))?;
    let parsed = lenient::parse(text);
    let mut reporter = Reporter::new(file, &scan.map);
    let root = match parsed {
        Ok(root) => root,
        Err(error) => {
            let position = error.location().map(|l| Position {
                line: l.line(),
                column: l.column(),
            });
            reporter.error_at(
                position,
                "",
                format!("YAML error: {error}"),
                "fix the YAML syntax at this place",
            );
            report_duplicates(&scan.duplicates, &mut reporter);
            return Err(reporter.finish().unwrap_or_default());
        }
    };
    let Some((raw, broken)) = sections::raw_spec(root, &mut reporter) else {
        report_duplicates(&scan.duplicates, &mut reporter);
        return Err(reporter.finish().unwrap_or_default());
    };
    let mut deferred = reporter.finish().map(|found| found.0).unwrap_or_default();
    deferred.extend(duplicate_diagnostics(file, &scan.map, &scan.duplicates));
    Ok(SpecDocument {
        file: file.to_owned(),
        raw,
        deferred,
        broken,
        source_map: scan.map,
    })
}

/// Keys written twice, as diagnostics left for validation to report.
fn duplicate_diagnostics(
    file: &str,
    map: &SourceMap,
    duplicates: &[DuplicateKey],
) -> Vec<Diagnostic> {
    let mut reporter = Reporter::new(file, map);
    report_duplicates(duplicates, &mut reporter);
    reporter.finish().map(|found| found.0).unwrap_or_default()
}

/// Reports keys written twice.
fn report_duplicates(duplicates: &[DuplicateKey], reporter: &mut Reporter<'_>) {
    for duplicate in duplicates {
        let key = duplicate.path.rsplit('.').next().unwrap_or(&duplicate.path);
        reporter.error_at(
            Some(duplicate.repeated),
            &duplicate.path,
            format!(
                "duplicate key `{key}` (first at line {})",
                duplicate.first.line
            ),
            "remove one of the two entries; the loader keeps the first",
        );
    }
}

struct ReadError(String, String);

fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    let cannot_read = |error: std::io::Error| {
        ReadError(
            format!("cannot read the file: {error}"),
            "check the path and its permissions".to_owned(),
        )
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "at the limit" from "over it" without trusting metadata.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        let (message, hint) = too_large_text(size);
        return Err(ReadError(message, hint));
    }
    Ok(bytes)
}

fn too_large(file: &str, size: u64) -> Diagnostics {
    let (message, hint) = too_large_text(size);
    whole_file(file, None, message, hint)
}

fn too_large_text(size: u64) -> (String, String) {
    (
        format!("the file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes"),
        "a spec this large is not a spec; check that the right file was named".to_owned(),
    )
}

fn scan_failure(file: &str, failure: ScanFailure) -> Diagnostics {
    match failure {
        ScanFailure::Syntax { position, message } => whole_file(
            file,
            Some(position),
            format!("YAML syntax error: {message}"),
            "fix the YAML syntax at this place".to_owned(),
        ),
        ScanFailure::AliasExpansion { position, nodes } => whole_file(
            file,
            Some(position),
            format!(
                "the aliases up to here repeat {nodes} nodes, over the limit of {}",
                crate::source_map::MAX_ALIAS_NODES
            ),
            "an alias (`*name`) repeats the whole node its anchor (`&name`) names, and aliases of aliases multiply; write the repeated part once, as a named type under `types`".to_owned(),
        ),
        ScanFailure::TooDeep { position } => whole_file(
            file,
            Some(position),
            format!(
                "nesting deeper than {} levels",
                crate::source_map::MAX_DEPTH
            ),
            "the spec never needs this depth; look for runaway brackets or indentation".to_owned(),
        ),
    }
}

fn whole_file(
    file: &str,
    position: Option<Position>,
    message: String,
    hint: String,
) -> Diagnostics {
    Diagnostics(vec![located(file, position, "", message, hint)])
}

/// The 1-based position just after `bytes` (valid UTF-8 by construction).
fn end_position(bytes: &[u8]) -> Position {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    Position { line, column }
}
