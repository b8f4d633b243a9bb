//! Writing and checking an output folder such as `generated-client/`.
//!
//! The generator owns the files it lists in the folder's manifest ([`MANIFEST`]) and any file
//! whose first line carries its `@generated` marker; it never deletes anything else, never
//! looks into `target/`, and never writes outside the folder.
//!
//! Writing is all or nothing, and touches only what changed. Comparing the folder with what it
//! should hold reads every owned file, so the previous contents of everything a run replaces or
//! removes are in memory before anything is written. Each changed file is then written beside
//! its target and renamed over it; if any step fails, every file already replaced is written
//! back from memory, every new file and folder removed, and the folder is byte for byte what it
//! was. Unchanged files are not touched at all (their modification times stay put, so cargo
//! rebuilds nothing).

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
    /// How many files the folder should hold, the manifest included.
    pub files: usize,
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
    /// Whether the folder holds exactly what the generator would write.
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.unexpected.is_empty()
    }
}

/// One line per differing file; the caller says how to regenerate, with the options it was given.
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
        Ok(())
    }
}

/// What [`write()`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written because they were new or changed.
    pub written: Vec<String>,
    /// Files removed because the generator no longer produces them.
    pub removed: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
}

/// Why an output folder could not be checked or written.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    /// A generated path would leave the folder, reach into `target/`, or repeat.
    #[error("generated file path `{path}` {reason}")]
    BadPath {
        /// The path as generated.
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Something other than a file stands where a generated file goes.
    #[error("`{}` is in the way of a generated file: it is not a regular file", path.display())]
    InTheWay {
        /// Where the file goes.
        path: PathBuf,
    },
    /// The file system refused; the folder is as it was before the run.
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// To what.
        path: PathBuf,
        /// The refusal.
        #[source]
        source: io::Error,
    },
    /// Writing failed, and putting the previous files back failed too.
    #[error(
        "writing failed ({cause}) and so did restoring the previous files ({restore}); run `{REGENERATE_COMMAND}` again"
    )]
    RestoreFailed {
        /// Why writing failed.
        cause: Box<TreeError>,
        /// Why restoring failed.
        restore: Box<TreeError>,
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
///
/// # Errors
/// A bad generated path, or a folder that cannot be read.
pub fn check(root: &Path, files: &[GeneratedFile]) -> Result<Staleness, TreeError> {
    let plan = Plan::new(root, files)?;
    let owned = owned_files(root)?;
    let unexpected = all_files(root, "")?
        .into_iter()
        .filter(|path| plan.entry(path).is_none() && !owned.contains(path))
        .collect();
    Ok(Staleness {
        files: plan.entries.len(),
        stale: plan.paths(Status::Stale),
        missing: plan.paths(Status::Missing),
        extra: plan.extra.iter().map(|(path, _)| path.clone()).collect(),
        unexpected,
    })
}

/// Makes the folder at `root` hold exactly `files` (plus the manifest) among the files the
/// generator owns, writing only what changed.
///
/// # Errors
/// A bad generated path, something in the way, or a refusal of the file system; the folder is
/// then left as it was (see [`TreeError::RestoreFailed`] for the one exception).
pub fn write(root: &Path, files: &[GeneratedFile]) -> Result<WriteSummary, TreeError> {
    write_with(root, files, &mut |_, _| Ok(()))
}

/// A step of [`write`] that tests can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Writing a file's new contents beside it.
    Stage,
    /// Renaming them over the file.
    Place,
}

type Fault<'a> = &'a mut dyn FnMut(Step, &str) -> io::Result<()>;

fn write_with(
    root: &Path,
    files: &[GeneratedFile],
    fault: Fault<'_>,
) -> Result<WriteSummary, TreeError> {
    let plan = Plan::new(root, files)?;
    let mut changed: Vec<&Entry> = plan
        .entries
        .iter()
        .filter(|entry| entry.status != Status::Unchanged)
        .collect();
    changed.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let summary = WriteSummary {
        written: changed
            .iter()
            .map(|entry| entry.file.path.clone())
            .collect(),
        removed: plan.extra.iter().map(|(path, _)| path.clone()).collect(),
        unchanged: plan.entries.len() - changed.len(),
    };
    let mut undo = Undo::default();
    let applied = apply(root, &changed, &plan.extra, fault, &mut undo);
    match applied {
        Ok(()) => {
            for path in &summary.removed {
                remove_empty_parents(root, path);
            }
            Ok(summary)
        }
        Err(cause) => match undo.restore(root) {
            Ok(()) => Err(cause),
            Err(restore) => Err(TreeError::RestoreFailed {
                cause: Box::new(cause),
                restore: Box::new(restore),
            }),
        },
    }
}

fn apply(
    root: &Path,
    changed: &[&Entry],
    extra: &[(String, Vec<u8>)],
    fault: Fault<'_>,
    undo: &mut Undo,
) -> Result<(), TreeError> {
    for entry in changed {
        let path = &entry.file.path;
        let target = root.join(path);
        undo.create_parents(root, &target)?;
        let staged = staging_path(&target);
        // Recorded before writing, so a half-written staging file is cleaned up too.
        undo.staged.push(staged.clone());
        fault(Step::Stage, path).map_err(io_error("write", &staged))?;
        std::fs::write(&staged, &entry.file.contents).map_err(io_error("write", &staged))?;
        fault(Step::Place, path).map_err(io_error("move into place", &target))?;
        std::fs::rename(&staged, &target).map_err(io_error("move into place", &target))?;
        undo.staged.pop();
        undo.replaced.push((path.clone(), entry.previous.clone()));
    }
    for (path, contents) in extra {
        let target = root.join(path);
        std::fs::remove_file(&target).map_err(io_error("remove", &target))?;
        undo.replaced.push((path.clone(), Some(contents.clone())));
    }
    Ok(())
}

/// Where a file's new contents are written before they replace it: beside it, in the folder.
fn staging_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.codegen-{}", std::process::id()))
}

/// What a failed write must take back, in the order it was done.
#[derive(Default)]
struct Undo {
    /// Folders created, parents first.
    created_dirs: Vec<PathBuf>,
    /// Staging files not yet renamed into place.
    staged: Vec<PathBuf>,
    /// Files replaced, added or removed, with their previous contents (`None`: did not exist).
    replaced: Vec<(String, Option<Vec<u8>>)>,
}

impl Undo {
    /// Creates the missing folders between `root` (itself included) and `target`.
    fn create_parents(&mut self, root: &Path, target: &Path) -> Result<(), TreeError> {
        let mut missing = Vec::new();
        let mut dir = target.parent();
        while let Some(d) = dir {
            if d.exists() {
                break;
            }
            missing.push(d.to_path_buf());
            if d == root {
                break;
            }
            dir = d.parent();
        }
        for d in missing.into_iter().rev() {
            std::fs::create_dir(&d).map_err(io_error("create", &d))?;
            self.created_dirs.push(d);
        }
        Ok(())
    }

    /// Puts every file back as it was and removes what the run created.
    fn restore(self, root: &Path) -> Result<(), TreeError> {
        for staged in &self.staged {
            let _ = std::fs::remove_file(staged);
        }
        let mut failure = None;
        for (path, previous) in self.replaced.iter().rev() {
            let target = root.join(path);
            let restored = match previous {
                Some(contents) => {
                    std::fs::write(&target, contents).map_err(io_error("restore", &target))
                }
                None => std::fs::remove_file(&target).map_err(io_error("remove", &target)),
            };
            if let Err(error) = restored {
                failure.get_or_insert(error);
            }
        }
        for dir in self.created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        failure.map_or(Ok(()), Err)
    }
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

/// How a file the folder should hold compares with what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Unchanged,
    Stale,
    Missing,
}

/// A file the folder should hold, and what it holds now.
struct Entry {
    file: GeneratedFile,
    status: Status,
    /// The current contents, when the file exists.
    previous: Option<Vec<u8>>,
}

/// The comparison of a folder with what it should hold.
struct Plan {
    /// Every file to hold, the manifest included, sorted by path.
    entries: Vec<Entry>,
    /// Files the generator owns and no longer produces, with their contents.
    extra: Vec<(String, Vec<u8>)>,
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
        let mut entries = Vec::with_capacity(files.len());
        for file in files {
            let previous = read_file(&root.join(&file.path))?;
            let status = match &previous {
                None => Status::Missing,
                Some(current) if current == file.contents.as_bytes() => Status::Unchanged,
                Some(_) => Status::Stale,
            };
            entries.push(Entry {
                file,
                status,
                previous,
            });
        }
        let wanted: BTreeSet<&str> = entries.iter().map(|e| e.file.path.as_str()).collect();
        let mut extra = Vec::new();
        for path in owned_files(root)? {
            if !wanted.contains(path.as_str()) {
                let contents = read_file(&root.join(&path))?.unwrap_or_default();
                extra.push((path, contents));
            }
        }
        Ok(Self { entries, extra })
    }

    fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.file.path == path)
    }

    fn paths(&self, status: Status) -> Vec<String> {
        self.entries
            .iter()
            .filter(|entry| entry.status == status)
            .map(|entry| entry.file.path.clone())
            .collect()
    }
}

/// A file's contents; `None` when nothing is there. Anything but a file is in the way.
fn read_file(target: &Path) -> Result<Option<Vec<u8>>, TreeError> {
    match std::fs::symlink_metadata(target) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_error("inspect", target)(error)),
        Ok(metadata) if !metadata.is_file() => Err(TreeError::InTheWay {
            path: target.to_path_buf(),
        }),
        Ok(_) => std::fs::read(target)
            .map(Some)
            .map_err(io_error("read", target)),
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
