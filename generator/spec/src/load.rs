//! Stage 1: read a spec file into [`RawSpec`] and its [`SourceMap`].
//!
//! The file is checked for size and UTF-8, scanned for positions and duplicate keys, parsed
//! by serde_yaml, and deserialized element by element (see `sections`), so one run reports
//! every shape error in the file, each with its line, column and YAML path.

mod lenient;
mod sections;

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
    /// Problems that do not stop loading, such as keys written twice in one mapping (the
    /// first value is kept). Validation reports them with its own, so that they do not hide
    /// the spec's other problems.
    pub deferred: Vec<Diagnostic>,
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
/// [`MAX_DEPTH`](crate::source_map::MAX_DEPTH) or does not have the spec format's shape: every
/// shape error in the file, keys written twice included.
pub fn load_str_unbounded(file: &str, text: &str) -> Result<SpecDocument, Diagnostics> {
    // The two parses of the text (positions, values) are independent: each takes a core.
    let (scan, parsed) = std::thread::scope(|scope| {
        let parsed = scope.spawn(|| lenient::parse(text));
        let scan = SourceMap::scan(text);
        let parsed = parsed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (scan, parsed)
    });
    let scan = scan.map_err(|failure| scan_failure(file, failure))?;
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
    let raw = sections::raw_spec(root, &mut reporter);
    if raw.is_none() {
        report_duplicates(&scan.duplicates, &mut reporter);
    }
    match (reporter.finish(), raw) {
        (None, Some(raw)) => Ok(SpecDocument {
            file: file.to_owned(),
            raw,
            deferred: duplicate_diagnostics(file, &scan.map, &scan.duplicates),
            source_map: scan.map,
        }),
        (Some(diagnostics), _) => Err(diagnostics),
        // Every path that yields no spec reports why; this arm is a guard, not a case.
        (None, None) => Err(whole_file(
            file,
            None,
            "the spec could not be read".to_owned(),
            "see above".to_owned(),
        )),
    }
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
