//! Writing and checking an output folder such as `generated-client/`.
//!
//! The generator owns the files it lists in the folder's manifest ([`MANIFEST`]) and any file
//! whose first line carries its `@generated` marker; it never deletes anything else, never
//! looks into `target/`, and never writes outside the folder except for its two temporary
//! siblings (`<folder>.tmp-<pid>`, `<folder>.bak-<pid>`).
//!
//! Writing is all or nothing. Every changed file is first written to the staging sibling; only
//! then are the old versions moved to the backup sibling and the new ones renamed into place,
//! each step journalled so that a failure restores the previous tree. Unchanged files are not
//! touched at all (their modification times stay put, so cargo rebuilds nothing), which is why
//! the whole folder is not swapped: a swap would also have to carry `target/` and the files
//! the generator does not own across.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::{GeneratedFile, REGENERATE_COMMAND};

/// The file, inside the output folder, listing every file the generator wrote there.
pub const MANIFEST: &str = ".codegen-manifest";

/// What differs between a folder and what the generator would write into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files whose contents differ.
    pub stale: Vec<String>,
    /// Files the generator would write that are not there.
    pub missing: Vec<String>,
    /// Files the generator wrote earlier and would now remove.
    pub extra: Vec<String>,
    /// Files the generator did not write. It never removes them (they may be someone's work),
    /// but the folder is generated and checked in, so they make it stale all the same.
    pub unexpected: Vec<String>,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.unexpected.is_empty()
    }
}

impl fmt::Display for Staleness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_fresh() {
            return write!(f, "up to date");
        }
        for (label, paths) in [
            ("stale", &self.stale),
            ("missing", &self.missing),
            ("extra", &self.extra),
        ] {
            for path in paths {
                writeln!(f, "  {label}: {path}")?;
            }
        }
        for path in &self.unexpected {
            writeln!(f, "  not generated: {path} (move it out of this folder)")?;
        }
        write!(f, "run `{REGENERATE_COMMAND}` to regenerate")
    }
}

/// What [`write`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written because they were new or changed.
    pub written: Vec<String>,
    /// Files removed because the generator no longer produces them.
    pub removed: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("generated file path `{path}` {reason}")]
    BadPath { path: String, reason: &'static str },
    #[error("`{}` is in the way of a generated file: it is not a regular file", path.display())]
    InTheWay { path: PathBuf },
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("writing failed ({cause}) and so did restoring the previous tree ({restore}); the old files are kept in `{}`", backup.display())]
    RestoreFailed {
        cause: Box<TreeError>,
        restore: Box<TreeError>,
        backup: PathBuf,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> TreeError + use<> {
    let path = path.to_path_buf();
    move |source| TreeError::Io {
        action,
        path,
        source,
    }
}

/// Compares the folder at `root` with `files` (plus the manifest) without writing anything.
pub fn check(root: &Path, files: &[GeneratedFile]) -> Result<Staleness, TreeError> {
    let plan = Plan::new(root, files)?;
    let owned = owned_files(root)?;
    let unexpected = all_files(root, "")?
        .into_iter()
        .filter(|path| plan.contents(path).is_none() && !owned.contains(path))
        .collect();
    Ok(Staleness {
        stale: plan.stale,
        missing: plan.missing,
        extra: plan.extra,
        unexpected,
    })
}

/// Makes the folder at `root` hold exactly `files` (plus the manifest) among the files the
/// generator owns, writing only what changed; on failure the previous tree is left intact.
pub fn write(root: &Path, files: &[GeneratedFile]) -> Result<WriteSummary, TreeError> {
    write_with(root, files, &mut |_, _| Ok(()))
}

/// A step of [`write`] that tests can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Stage,
    Place,
}

fn write_with(
    root: &Path,
    files: &[GeneratedFile],
    fault: &mut dyn FnMut(Step, &str) -> io::Result<()>,
) -> Result<WriteSummary, TreeError> {
    let plan = Plan::new(root, files)?;
    let mut written: Vec<String> = plan.stale.iter().chain(&plan.missing).cloned().collect();
    written.sort();
    let summary = WriteSummary {
        written,
        removed: plan.extra.clone(),
        unchanged: plan.unchanged,
    };
    if summary.written.is_empty() && summary.removed.is_empty() {
        return Ok(summary);
    }
    let staging = sibling(root, "tmp");
    let staged = stage(&staging, &plan, &summary.written, fault);
    let result = staged.and_then(|()| {
        if root.exists() {
            commit(root, &staging, &sibling(root, "bak"), &summary, fault)
        } else {
            // A first generation: the staged tree is the whole tree.
            std::fs::rename(&staging, root).map_err(io_error("move the new tree to", root))
        }
    });
    // Staging is ours alone; once committed or abandoned it only holds leftovers.
    let _ = std::fs::remove_dir_all(&staging);
    result.map(|()| summary)
}

/// `root` with a suffix, beside it: `generated-client.tmp-1234`.
fn sibling(root: &Path, kind: &str) -> PathBuf {
    let name = root.file_name().map_or_else(
        || "generated".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    root.with_file_name(format!("{name}.{kind}-{}", std::process::id()))
}

/// Writes every changed file under `staging`.
fn stage(
    staging: &Path,
    plan: &Plan,
    written: &[String],
    fault: &mut dyn FnMut(Step, &str) -> io::Result<()>,
) -> Result<(), TreeError> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(io_error("clear the staging folder", staging))?;
    }
    std::fs::create_dir_all(staging).map_err(io_error("create the staging folder", staging))?;
    for path in written {
        let target = staging.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        fault(Step::Stage, path).map_err(io_error("write", &target))?;
        let contents = plan.contents(path).unwrap_or_default();
        std::fs::write(&target, contents).map_err(io_error("write", &target))?;
    }
    Ok(())
}

/// One undoable change to the tree.
enum Done {
    /// `root/path` was moved to `backup/path`.
    BackedUp(String),
    /// `staging/path` was moved to `root/path`.
    Placed(String),
    CreatedDir(PathBuf),
}

fn commit(
    root: &Path,
    staging: &Path,
    backup: &Path,
    summary: &WriteSummary,
    fault: &mut dyn FnMut(Step, &str) -> io::Result<()>,
) -> Result<(), TreeError> {
    let mut journal = Vec::new();
    let result = apply(root, staging, backup, summary, fault, &mut journal);
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(backup);
            for path in &summary.removed {
                remove_empty_parents(root, path);
            }
            Ok(())
        }
        Err(cause) => match undo(root, backup, journal) {
            Ok(()) => {
                let _ = std::fs::remove_dir_all(backup);
                Err(cause)
            }
            Err(restore) => Err(TreeError::RestoreFailed {
                cause: Box::new(cause),
                restore: Box::new(restore),
                backup: backup.to_path_buf(),
            }),
        },
    }
}

fn apply(
    root: &Path,
    staging: &Path,
    backup: &Path,
    summary: &WriteSummary,
    fault: &mut dyn FnMut(Step, &str) -> io::Result<()>,
    journal: &mut Vec<Done>,
) -> Result<(), TreeError> {
    if backup.exists() {
        std::fs::remove_dir_all(backup).map_err(io_error("clear the backup folder", backup))?;
    }
    let replaced = summary
        .written
        .iter()
        .filter(|path| root.join(path).exists());
    for path in replaced.chain(&summary.removed) {
        let (from, to) = (root.join(path), backup.join(path));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        std::fs::rename(&from, &to).map_err(io_error("move aside", &from))?;
        journal.push(Done::BackedUp(path.clone()));
    }
    for path in &summary.written {
        let (from, to) = (staging.join(path), root.join(path));
        create_dirs(root, &to, journal)?;
        fault(Step::Place, path).map_err(io_error("move into place", &to))?;
        std::fs::rename(&from, &to).map_err(io_error("move into place", &to))?;
        journal.push(Done::Placed(path.clone()));
    }
    Ok(())
}

/// Creates the missing parents of `target` below `root`, journalling each.
fn create_dirs(root: &Path, target: &Path, journal: &mut Vec<Done>) -> Result<(), TreeError> {
    let mut missing = Vec::new();
    let mut dir = target.parent();
    while let Some(d) = dir {
        if d == root || d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        dir = d.parent();
    }
    for d in missing.into_iter().rev() {
        std::fs::create_dir(&d).map_err(io_error("create", &d))?;
        journal.push(Done::CreatedDir(d));
    }
    Ok(())
}

fn undo(root: &Path, backup: &Path, journal: Vec<Done>) -> Result<(), TreeError> {
    for done in journal.into_iter().rev() {
        match done {
            Done::Placed(path) => {
                let placed = root.join(&path);
                std::fs::remove_file(&placed).map_err(io_error("remove", &placed))?;
            }
            Done::BackedUp(path) => {
                let (from, to) = (backup.join(&path), root.join(&path));
                std::fs::rename(&from, &to).map_err(io_error("restore", &to))?;
            }
            Done::CreatedDir(dir) => {
                let _ = std::fs::remove_dir(&dir);
            }
        }
    }
    Ok(())
}

/// Removes the folders a removed file leaves empty, up to (not including) `root`.
fn remove_empty_parents(root: &Path, path: &str) {
    let mut dir = root.join(path).parent().map(Path::to_path_buf);
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(&d).is_err() {
            break;
        }
        dir = d.parent().map(Path::to_path_buf);
    }
}

/// The comparison of a folder with what it should hold.
struct Plan {
    /// Every file to hold, the manifest included, by path.
    files: Vec<GeneratedFile>,
    stale: Vec<String>,
    missing: Vec<String>,
    extra: Vec<String>,
    unchanged: usize,
}

impl Plan {
    fn new(root: &Path, files: &[GeneratedFile]) -> Result<Self, TreeError> {
        let mut files = files.to_vec();
        for file in &files {
            check_path(&file.path)?;
        }
        files.push(manifest(&files));
        files.sort_by(|a, b| a.path.cmp(&b.path));
        if let Some(pair) = files.windows(2).find(|pair| pair[0].path == pair[1].path) {
            return Err(TreeError::BadPath {
                path: pair[0].path.clone(),
                reason: "is generated twice",
            });
        }
        let (mut stale, mut missing, mut unchanged) = (Vec::new(), Vec::new(), 0);
        for file in &files {
            let target = root.join(&file.path);
            match std::fs::symlink_metadata(&target) {
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    missing.push(file.path.clone())
                }
                Err(error) => return Err(io_error("inspect", &target)(error)),
                Ok(metadata) if !metadata.is_file() => {
                    return Err(TreeError::InTheWay { path: target });
                }
                Ok(_) => {
                    let current = std::fs::read(&target).map_err(io_error("read", &target))?;
                    if current == file.contents.as_bytes() {
                        unchanged += 1;
                    } else {
                        stale.push(file.path.clone());
                    }
                }
            }
        }
        let wanted: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
        let extra = owned_files(root)?
            .into_iter()
            .filter(|path| !wanted.contains(path.as_str()))
            .collect();
        Ok(Self {
            files,
            stale,
            missing,
            extra,
            unchanged,
        })
    }

    fn contents(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|file| file.path == path)
            .map(|file| file.contents.as_str())
    }
}

/// Generated paths are relative, `/`-separated, and stay inside the folder and out of `target/`.
fn check_path(path: &str) -> Result<(), TreeError> {
    let bad = |reason| {
        Err(TreeError::BadPath {
            path: path.to_owned(),
            reason,
        })
    };
    if path.is_empty() || path.starts_with('/') || path.contains('\\') {
        return bad("must be relative and separated by `/`");
    }
    if path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return bad("must not have empty, `.` or `..` parts");
    }
    if path == MANIFEST || path.split('/').next() == Some("target") {
        return bad("is reserved");
    }
    Ok(())
}

fn manifest(files: &[GeneratedFile]) -> GeneratedFile {
    let mut paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    paths.push(MANIFEST);
    paths.sort_unstable();
    let mut contents = format!(
        "# @generated by `{REGENERATE_COMMAND}`: the files it owns in this folder, one a line.\n\
         # It removes those a new spec no longer produces, and nothing else.\n"
    );
    for path in paths {
        contents.push_str(path);
        contents.push('\n');
    }
    GeneratedFile {
        path: MANIFEST.to_owned(),
        contents,
    }
}

/// Files in the folder the generator wrote: those its manifest lists and those carrying its
/// marker, which covers a folder whose manifest was lost.
fn owned_files(root: &Path) -> Result<BTreeSet<String>, TreeError> {
    let mut owned = BTreeSet::new();
    let manifest_path = root.join(MANIFEST);
    match std::fs::read_to_string(&manifest_path) {
        Ok(text) => {
            let listed = text
                .lines()
                .filter(|line| !line.is_empty() && !line.starts_with('#'));
            owned.extend(
                listed
                    .filter(|path| check_path(path).is_ok() || *path == MANIFEST)
                    .map(str::to_owned),
            );
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(io_error("read", &manifest_path)(error)),
    }
    owned.extend(marked_files(root)?);
    // A listed file someone already deleted is neither extra nor anything to remove.
    owned.retain(|path| std::fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.is_file()));
    Ok(owned)
}

/// The marker every generated file's first line carries (after `//`, `#` or `<!--`).
fn has_marker(first_line: &str) -> bool {
    first_line.contains(&format!("@generated by `{REGENERATE_COMMAND}`"))
}

fn marked_files(root: &Path) -> Result<Vec<String>, TreeError> {
    Ok(all_files(root, "")?
        .into_iter()
        .filter(|path| first_line(&root.join(path)).is_some_and(|line| has_marker(&line)))
        .collect())
}

/// Every file below `root`/`relative`, as paths relative to `root`; `target/` is build output.
fn all_files(root: &Path, relative: &str) -> Result<Vec<String>, TreeError> {
    let dir = if relative.is_empty() {
        root.to_path_buf()
    } else {
        root.join(relative)
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_error("list", &dir)(error)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error("list", &dir))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let path = if relative.is_empty() {
            name.clone()
        } else {
            format!("{relative}/{name}")
        };
        let file_type = entry
            .file_type()
            .map_err(io_error("inspect", &entry.path()))?;
        if file_type.is_dir() {
            if !(relative.is_empty() && name == "target") {
                found.extend(all_files(root, &path)?);
            }
        } else if file_type.is_file() {
            found.push(path);
        }
    }
    Ok(found)
}

/// The first line of a file, read no further than needed; `None` when unreadable.
fn first_line(path: &Path) -> Option<String> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).ok()?;
    let mut line = Vec::new();
    io::BufReader::new(file.take(4096))
        .read_until(b'\n', &mut line)
        .ok()?;
    Some(String::from_utf8_lossy(&line).into_owned())
}

#[cfg(test)]
mod tests;
