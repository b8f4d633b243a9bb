//! Generated crates compiled the way their users' CI would: `cargo clippy --all-targets -D
//! warnings` with the default features and again with all of them (the `mock` module and the
//! examples need `mock`), `cargo doc` with `-D warnings` and every feature (as docs.rs builds
//! it), and the doctests (which build the library).
//!
//! Many crates go into one scratch workspace under `target/compile-check/`, with one target
//! folder that every scratch workspace shares and that persists between runs: the
//! dependencies (reqwest, rustls, tokio, serde…) compile once, and cargo compiles the
//! generated crates of a batch side by side. A crate whose files did not change since the last
//! run is not rebuilt (the files are written with [`emit::output::write`], which leaves
//! unchanged files untouched).
//!
//! The command-line tool's crate (`cli/`) is compiled beside its client when the candidate has
//! it.
//!
//! Two crates of one workspace cannot share a package or library name, so each copy is renamed
//! (package `fixture-minimal`, library `fixture_minimal`), and so are the `verycloud::` paths of
//! its doc comments and examples, where its doctests and examples name the crate; the tool's
//! package, library and binary take the name too (`fixture-minimal-cli`), and it depends on
//! its client under the name `verycloud`. Nothing else of the generated text changes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::Context as _;
use emit::GeneratedFile;

/// The folder of the scratch workspaces and their shared target folder, below the project's
/// own `target/`.
pub fn scratch_root() -> PathBuf {
    crate::project_root().join("target").join("compile-check")
}

/// A generated crate to compile, under a name unique within its batch.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The package name of the copy: lower-case ASCII letters, digits and `-`, starting with a
    /// letter (`fixture-minimal`).
    pub name: String,
    /// The crate's files as the Rust emitter wrote them (other files, such as `openapi.json`,
    /// are left out of the copy).
    pub files: Vec<GeneratedFile>,
}

/// Which check a crate failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `cargo clippy --all-targets -- -D warnings` (compiler errors and warnings included).
    Clippy,
    /// The same with `--all-features`: the mock server and the examples.
    ClippyAllFeatures,
    /// `cargo doc --no-deps --all-features` with `RUSTDOCFLAGS=-D warnings`.
    Doc,
    /// `cargo test --doc --all-features`: the library's build and its doctests.
    Doctest,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Clippy => "cargo clippy --all-targets -- -D warnings",
            Step::ClippyAllFeatures => "cargo clippy --all-targets --all-features -- -D warnings",
            Step::Doc => "RUSTDOCFLAGS=\"-D warnings\" cargo doc --no-deps --all-features",
            Step::Doctest => "cargo test --doc --all-features",
        })
    }
}

/// One crate's failure of one step.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The step.
    pub step: Step,
    /// What the tools said: the rendered diagnostics, or the test output.
    pub output: String,
}

impl Failure {
    /// The first line that names the problem (`error[E0592]: duplicate definitions…`), for
    /// telling failures apart.
    pub fn headline(&self) -> String {
        self.output
            .lines()
            .find(|line| line.starts_with("error") || line.contains("FAILED"))
            .or_else(|| self.output.lines().find(|line| !line.trim().is_empty()))
            .unwrap_or("(no output)")
            .trim()
            .to_owned()
    }
}

/// The outcome of one batch: each candidate's failures, by name (none for a clean crate).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Candidate name → its failures, in step order.
    pub failures: BTreeMap<String, Vec<Failure>>,
    /// How many crates were compiled.
    pub crates: usize,
}

impl Report {
    /// Whether every crate passed every step.
    pub fn is_clean(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return write!(f, "{} crates: clean", self.crates);
        }
        for (name, failures) in &self.failures {
            for failure in failures {
                writeln!(
                    f,
                    "== {name}: `{}` failed\n{}",
                    failure.step, failure.output
                )?;
            }
        }
        Ok(())
    }
}

/// Compiles `candidates` in the scratch workspace `workspace` (a folder name below
/// [`scratch_root`]). Checks run one at a time, across processes too (a campaign and
/// `cargo test`): they share one target folder, and one check's builds replaced artifacts
/// another's doctests were linking against.
///
/// # Errors
/// When a file cannot be written or cargo cannot be started, or when cargo fails for a reason
/// that no crate's diagnostics explain (a broken manifest, an unreachable registry).
pub fn check(workspace: &str, candidates: &[Candidate]) -> anyhow::Result<Report> {
    check_up_to(workspace, candidates, Step::Doctest)
}

/// [`check`], running the steps up to `last` only (to reproduce a failure of that step faster).
///
/// # Errors
/// As [`check`].
pub fn check_up_to(
    workspace: &str,
    candidates: &[Candidate],
    last: Step,
) -> anyhow::Result<Report> {
    let _turn = take_turn()?;
    let scratch = Scratch::new(workspace);
    scratch.write(candidates)?;
    let mut report = Report {
        crates: candidates.len(),
        ..Report::default()
    };
    let libs: BTreeMap<String, String> = candidates
        .iter()
        .flat_map(|candidate| {
            let lib = lib_name(&candidate.name);
            [
                (format!("{lib}_cli"), candidate.name.clone()),
                (lib, candidate.name.clone()),
            ]
        })
        .collect();
    let all: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    for step in [
        Step::Clippy,
        Step::ClippyAllFeatures,
        Step::Doc,
        Step::Doctest,
    ]
    .into_iter()
    .filter(|step| *step <= last)
    {
        // A crate that does not compile fails the later steps for the same reason.
        let passing: Vec<&str> = all
            .iter()
            .copied()
            .filter(|name| !report.failures.contains_key(*name))
            .collect();
        if passing.is_empty() {
            break;
        }
        for (name, output) in scratch.run(step, &passing, &libs)? {
            report
                .failures
                .entry(name)
                .or_default()
                .push(Failure { step, output });
        }
    }
    Ok(report)
}

/// An exclusive lock on the scratch folder, held until the returned file is dropped.
fn take_turn() -> anyhow::Result<std::fs::File> {
    let root = scratch_root();
    std::fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
    let path = root.join(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    file.lock()
        .with_context(|| format!("locking {}", path.display()))?;
    Ok(file)
}

/// The library name of a package (`fixture-minimal` → `fixture_minimal`).
fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

struct Scratch {
    dir: PathBuf,
    target: PathBuf,
}

impl Scratch {
    fn new(workspace: &str) -> Self {
        let root = scratch_root();
        Self {
            dir: root.join(workspace),
            target: root.join("target"),
        }
    }

    /// The workspace manifest, its lock file and each crate's folder.
    fn write(&self, candidates: &[Candidate]) -> anyhow::Result<()> {
        let crates = self.dir.join("crates");
        std::fs::create_dir_all(&crates)
            .with_context(|| format!("creating {}", crates.display()))?;
        let mut names = BTreeSet::new();
        for candidate in candidates {
            let name = &candidate.name;
            let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            anyhow::ensure!(valid, "`{name}` is not a usable package name");
            anyhow::ensure!(names.insert(name), "two candidates are named `{name}`");
            let files = renamed(&candidate.files, name);
            emit::output::write(&crates.join(name), &files)
                .with_context(|| format!("writing the scratch crate {name}"))?;
        }
        let members: Vec<String> = candidates
            .iter()
            .flat_map(|candidate| {
                let cli = candidate
                    .files
                    .iter()
                    .any(|file| file.path == "cli/Cargo.toml");
                let name = &candidate.name;
                std::iter::once(format!("    \"crates/{name}\",\n"))
                    .chain(cli.then(|| format!("    \"crates/{name}/cli\",\n")))
            })
            .collect();
        let manifest = format!(
            "# A scratch workspace of generated crates (xtask/src/compile_check.rs); rewritten on every run.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\n{}]\n\n\
             # As the project's own workspace builds its dependencies, minus what a check does not need.\n\
             [profile.dev]\ndebug = false\nincremental = false\n",
            members.concat()
        );
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        // The project's lock pins the dependencies the generated crate shares with it, so that
        // the scratch crates compile against the versions the project tests with, offline too.
        let lock = std::fs::read_to_string(crate::project_root().join("Cargo.lock"))
            .context("reading Cargo.lock")?;
        write_if_changed(&self.dir.join("Cargo.lock"), &lock)?;
        Ok(())
    }

    fn cargo(&self) -> Command {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let mut command = Command::new(cargo);
        command
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            // Flags of the caller's build would make cargo rebuild every dependency.
            .env_remove("RUSTFLAGS")
            .env_remove("RUSTDOCFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTDOCFLAGS");
        command
    }

    /// Runs `step` over the packages `names`; the failures by package.
    fn run(
        &self,
        step: Step,
        names: &[&str],
        libs: &BTreeMap<String, String>,
    ) -> anyhow::Result<Vec<(String, String)>> {
        let mut command = self.cargo();
        match step {
            Step::Clippy => {
                command.args(["clippy", "--all-targets", "--keep-going"]);
            }
            Step::ClippyAllFeatures => {
                command.args(["clippy", "--all-targets", "--all-features", "--keep-going"]);
            }
            Step::Doc => {
                command
                    .args(["doc", "--no-deps", "--all-features", "--keep-going"])
                    .env("RUSTDOCFLAGS", "-D warnings");
            }
            Step::Doctest => {
                command.args(["test", "--doc", "--all-features", "--no-fail-fast"]);
            }
        }
        for name in names {
            command.args(["--package", name]);
        }
        if step != Step::Doctest {
            command.arg("--message-format=json");
        }
        if matches!(step, Step::Clippy | Step::ClippyAllFeatures) {
            command.args(["--", "-D", "warnings"]);
        }
        let output = command
            .output()
            .with_context(|| format!("cannot run `{step}`"))?;
        if output.status.success() {
            return Ok(Vec::new());
        }
        let failures = match step {
            Step::Clippy | Step::ClippyAllFeatures | Step::Doc => compiler_errors(&output, libs),
            Step::Doctest => self.doctest_failures(&output)?,
        };
        if failures.is_empty() {
            anyhow::bail!(
                "`{step}` failed in {} and no crate's diagnostics say why:\n{}",
                self.dir.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(failures)
    }

    /// The packages whose doctests failed (cargo lists them at the end as `-p NAME --doc`),
    /// each with the output of its doctests run on their own.
    fn doctest_failures(&self, output: &Output) -> anyhow::Result<Vec<(String, String)>> {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let failed: BTreeSet<String> = stderr
            .lines()
            .filter_map(|line| {
                let rest = line.trim().strip_prefix("`-p ")?;
                let (name, _) = rest.split_once(' ')?;
                Some(name.to_owned())
            })
            .collect();
        let mut failures = Vec::new();
        for name in failed {
            let rerun = self
                .cargo()
                .args(["test", "--doc", "--all-features", "--package", &name])
                .output()
                .with_context(|| format!("cannot rerun the doctests of {name}"))?;
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&rerun.stdout),
                String::from_utf8_lossy(&rerun.stderr)
            );
            failures.push((name, text));
        }
        Ok(failures)
    }
}

/// The rendered errors of `cargo --message-format=json` output, by the package that has them.
fn compiler_errors(output: &Output, libs: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut by_package: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        // The library's name, or for another target (an example) the crate's folder.
        let lib = message["target"]["name"].as_str().unwrap_or_default();
        let folder = message["target"]["src_path"]
            .as_str()
            .and_then(|path| path.split("/crates/").nth(1))
            .and_then(|rest| rest.split('/').next())
            .map(lib_name)
            .unwrap_or_default();
        let Some(package) = libs.get(lib).or_else(|| libs.get(&folder)) else {
            continue;
        };
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        by_package
            .entry(package.clone())
            .or_default()
            .push_str(rendered);
    }
    by_package.into_iter().collect()
}

/// The crate's files, renamed to the package `name` (see the module docs), without the files
/// that are not part of the crate.
fn renamed(files: &[GeneratedFile], name: &str) -> Vec<GeneratedFile> {
    let lib = lib_name(name);
    files
        .iter()
        .filter(|file| {
            file.path == "Cargo.toml"
                || file.path.starts_with("src/")
                || file.path.starts_with("examples/")
                || file.path == "cli/Cargo.toml"
                || file.path.starts_with("cli/src/")
                || file.path.starts_with("cli/tests/")
        })
        .map(|file| {
            let contents = match file.path.as_str() {
                "Cargo.toml" => {
                    file.contents
                        .replacen("name = \"verycloud\"", &format!("name = \"{name}\""), 1)
                }
                // Doc comments, whose examples name the crate, in any module.
                path if path.starts_with("src/") => {
                    file.contents
                        .lines()
                        .map(|line| {
                            let trimmed = line.trim_start();
                            if trimmed.starts_with("//!") || trimmed.starts_with("///") {
                                line.replace("verycloud::", &format!("{lib}::"))
                            } else {
                                line.to_owned()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n"
                }
                // An example names the crate in its code.
                path if path.starts_with("examples/") => {
                    file.contents.replace("verycloud::", &format!("{lib}::"))
                }
                // The command-line tool's package, library and binary take the crate's name;
                // it keeps calling the client `verycloud`, now a renamed dependency.
                "cli/Cargo.toml" => file
                    .contents
                    .replacen(
                        "name = \"verycloud-cli\"",
                        &format!("name = \"{name}-cli\""),
                        1,
                    )
                    .replacen(
                        "name = \"verycloud_cli\"",
                        &format!("name = \"{lib}_cli\""),
                        1,
                    )
                    .replacen("name = \"verycloud\"", &format!("name = \"{name}\""), 1)
                    .replace(
                        "\nverycloud = { ",
                        &format!("\nverycloud = {{ package = \"{name}\", "),
                    ),
                path if path.starts_with("cli/") => file
                    .contents
                    .replace("verycloud_cli::", &format!("{lib}_cli::"))
                    .replace("CARGO_BIN_EXE_verycloud", &format!("CARGO_BIN_EXE_{name}")),
                _ => file.contents.clone(),
            };
            GeneratedFile {
                path: file.path.clone(),
                contents,
            }
        })
        .collect()
}

fn write_if_changed(path: &Path, contents: &str) -> anyhow::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_the_package_and_the_crate_paths_of_doc_comments_and_examples_only() {
        let files = vec![
            GeneratedFile {
                path: "Cargo.toml".to_owned(),
                contents: "[package]\nname = \"verycloud\"\n[dependencies]\nx = { name = \"verycloud\" }\n".to_owned(),
            },
            GeneratedFile {
                path: "src/lib.rs".to_owned(),
                contents: "//! let c = verycloud::Client::new();\n/// verycloud::x\nfn f() { verycloud::y }\n"
                    .to_owned(),
            },
            GeneratedFile {
                path: "src/mock.rs".to_owned(),
                contents: "    /// use verycloud::mock;\nconst A: &str = \"verycloud::z\";\n".to_owned(),
            },
            GeneratedFile {
                path: "examples/quick_start.rs".to_owned(),
                contents: "use verycloud::Client;\n".to_owned(),
            },
            GeneratedFile {
                path: "openapi.json".to_owned(),
                contents: "{}".to_owned(),
            },
        ];
        let renamed = renamed(&files, "case-7");
        let contents: Vec<&str> = renamed.iter().map(|file| file.contents.as_str()).collect();
        assert_eq!(
            contents,
            [
                "[package]\nname = \"case-7\"\n[dependencies]\nx = { name = \"verycloud\" }\n",
                "//! let c = case_7::Client::new();\n/// case_7::x\nfn f() { verycloud::y }\n",
                "    /// use case_7::mock;\nconst A: &str = \"verycloud::z\";\n",
                "use case_7::Client;\n",
            ]
        );
    }

    #[test]
    fn headlines_name_the_error() {
        let failure = Failure {
            step: Step::Clippy,
            output: "\nerror[E0592]: duplicate definitions with name `login`\n  --> src/api.rs\n"
                .to_owned(),
        };
        assert_eq!(
            failure.headline(),
            "error[E0592]: duplicate definitions with name `login`"
        );
    }
}
