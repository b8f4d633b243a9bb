//! `cargo xtask fuzz-codegen [--cases N] [--seed S]`: the compile fuzzer.
//!
//! Each case is a random spec that looks valid ([`specgen`]), drawing its names and prose from
//! a hostile vocabulary. The promise under test: a spec is either refused by validation, every
//! diagnostic located (line, column, hint), or it generates a crate that passes `cargo clippy
//! --all-targets -D warnings`, `cargo doc` with `-D warnings` and its doctests (see
//! [`crate::compile_check`]; the crates of a batch compile side by side in one scratch
//! workspace). Generating must not panic and must give the same bytes twice.
//!
//! Case `i` of seed `S` is the same spec on every machine. A failing case is shrunk the way
//! proptest shrinks (simplify while it still fails the same way, complicate when it stops
//! failing), each try compiled, and kept as a fixture: `tests/fixtures/fuzz/` by default,
//! where `tests/tests/compile_generated.rs` compiles it in every test run from then on.

pub mod specgen;
mod vocabulary;

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use emit::GeneratedFile;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::compile_check::{self, Candidate};

/// `cargo xtask fuzz-codegen [--cases N] [--seed S] [--batch K] [--shrink N] [--keep DIR]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// How many specs to try.
    #[arg(long, default_value_t = 100)]
    pub cases: u32,
    /// The campaign's seed [default: taken from the clock, and printed]; the same seed gives the
    /// same specs on any machine.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The first case to try (to resume a campaign, or rerun one case with `--cases 1`).
    #[arg(long, default_value_t = 0)]
    pub first: u32,
    /// How many generated crates compile side by side in one cargo run.
    #[arg(long, default_value_t = 8)]
    pub batch: usize,
    /// How many shrinking steps a failure may take (each one compiles a crate); 0: keep it as found.
    #[arg(long, default_value_t = 48)]
    pub shrink: u32,
    /// Where failures are kept as fixture specs [default: tests/fixtures/fuzz].
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

/// What one spec did.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Refused by validation, every diagnostic located: the promise kept.
    Refused,
    /// Validated and generated; compiling the crate decides.
    Generated(Vec<GeneratedFile>),
    /// The promise broken before any compiling.
    Broken(Problem),
}

/// A broken promise: what kind, and what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How it failed, the same for every instance of one bug (`cargo clippy …: dead_code`).
    pub signature: String,
    /// The details: diagnostics, the panic message or the compiler's output.
    pub detail: String,
    /// The compile step that failed, for a failure of the generated crate.
    pub step: Option<compile_check::Step>,
}

impl Problem {
    fn before_compiling(signature: &str, detail: String) -> Self {
        Self {
            signature: signature.to_owned(),
            detail,
            step: None,
        }
    }

    fn compiling(failure: &compile_check::Failure) -> Self {
        Self {
            signature: compile_signature(failure),
            detail: failure.output.clone(),
            step: Some(failure.step),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.signature, self.detail)
    }
}

/// Validates and generates a spec held as text, and judges what happened short of compiling.
pub fn judge(file: &str, yaml: &str) -> Verdict {
    let outcome = catch_unwind(AssertUnwindSafe(|| match spec::load_api_str(file, yaml) {
        Err(diagnostics) => Err(diagnostics),
        Ok(api) => Ok((emit::generated_client(&api), emit::generated_client(&api))),
    }));
    match outcome {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Verdict::Broken(Problem::before_compiling("the generator panicked", message))
        }
        Ok(Err(diagnostics)) => {
            let unlocated: Vec<String> = diagnostics
                .0
                .iter()
                .filter(|d| d.line.is_none() || d.column.is_none() || d.hint.is_none())
                .map(ToString::to_string)
                .collect();
            if diagnostics.0.is_empty() {
                Verdict::Broken(Problem::before_compiling(
                    "refused without a diagnostic",
                    String::new(),
                ))
            } else if unlocated.is_empty() {
                Verdict::Refused
            } else {
                Verdict::Broken(Problem::before_compiling(
                    "a diagnostic without a line, a column or a hint",
                    unlocated.join("\n"),
                ))
            }
        }
        Ok(Ok((first, second))) if first != second => Verdict::Broken(Problem::before_compiling(
            "generating twice gave different files",
            String::new(),
        )),
        Ok(Ok((files, _))) => Verdict::Generated(files),
    }
}

/// How a compile failure is told apart from others: the step and the first error code or
/// lint (`E0592`, `dead_code`, `rustdoc::broken_intra_doc_links`).
fn compile_signature(failure: &compile_check::Failure) -> String {
    let output = &failure.output;
    let code = output
        .split("error[")
        .nth(1)
        .and_then(|rest| rest.split_once(']'))
        .map(|(code, _)| code.to_owned());
    let lint = output
        .split("`-D ")
        .nth(1)
        .or_else(|| output.split("#[deny(").nth(1))
        .and_then(|rest| rest.split(['`', ')', ' ']).next())
        .map(str::to_owned);
    let what = code
        .or(lint)
        .unwrap_or_else(|| failure.headline().chars().take(80).collect());
    format!("`{}`: {what}", failure.step)
}

/// The spec of case `case` of campaign `seed`, as a proptest value tree (for shrinking).
fn case_tree(seed: u64, case: u32) -> impl ValueTree<Value = specgen::SpecGen> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..12].copy_from_slice(&case.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    // Generating a value of this strategy cannot fail: it has no filters.
    match specgen::spec().new_tree(&mut runner) {
        Ok(tree) => tree,
        Err(reason) => panic!("the spec strategy failed to generate: {reason}"),
    }
}

/// The YAML of case `case` of campaign `seed`.
pub fn case_yaml(seed: u64, case: u32) -> String {
    case_tree(seed, case).current().to_yaml()
}

/// One failing case, as found and as shrunk.
#[derive(Debug, Clone)]
pub struct Found {
    /// The case number.
    pub case: u32,
    /// What failed, in the shrunk spec.
    pub problem: Problem,
    /// The shrunk spec.
    pub yaml: String,
    /// How many shrinking steps were tried.
    pub shrink_steps: u32,
    /// Where it was kept, if it was.
    pub kept: Option<PathBuf>,
}

/// What a run of cases did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Cases tried.
    pub cases: u32,
    /// Refused by validation, with located diagnostics.
    pub refused: u32,
    /// Generated and compiled clean.
    pub compiled: u32,
    /// Every failure.
    pub found: Vec<Found>,
}

/// How a run of cases goes.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// The seed.
    pub seed: u64,
    /// The first case and how many.
    pub cases: std::ops::Range<u32>,
    /// Crates per cargo run.
    pub batch: usize,
    /// Shrinking steps per failure.
    pub shrink: u32,
    /// Where to keep failures; `None`: nowhere.
    pub keep: Option<PathBuf>,
    /// The scratch workspace (see [`compile_check::check`]).
    pub workspace: String,
}

impl Campaign {
    /// Runs every case, printing progress to stderr.
    ///
    /// # Errors
    /// When the scratch workspace cannot be used (see [`compile_check::check`]) or a failure
    /// cannot be kept.
    pub fn run(&self) -> anyhow::Result<Summary> {
        let mut summary = Summary::default();
        let cases: Vec<u32> = self.cases.clone().collect();
        for chunk in cases.chunks(self.batch.max(1)) {
            let started = Instant::now();
            let (refused, compiled) = (summary.refused, summary.compiled);
            let mut candidates = Vec::new();
            let mut failing: Vec<(u32, Problem)> = Vec::new();
            for &case in chunk {
                summary.cases += 1;
                let yaml = case_yaml(self.seed, case);
                match judge(&case_file(case), &yaml) {
                    Verdict::Refused => summary.refused += 1,
                    Verdict::Broken(problem) => failing.push((case, problem)),
                    // Named by their place in the batch, not by case: the next batch's crates
                    // replace these in the target folder, which so stays the size of one batch.
                    // The workspace's name keeps them apart from another campaign's (or the
                    // tests' corpus) in the target folder all scratch workspaces share.
                    Verdict::Generated(files) => candidates.push((
                        case,
                        Candidate {
                            name: format!("{}-slot-{}", self.workspace, candidates.len()),
                            files,
                        },
                    )),
                }
            }
            let crates: Vec<Candidate> = candidates.iter().map(|(_, c)| c.clone()).collect();
            let report = compile_check::check(&self.workspace, &crates)?;
            for (case, candidate) in &candidates {
                match report.failures.get(&candidate.name) {
                    None => summary.compiled += 1,
                    Some(failures) => failing.push((*case, Problem::compiling(&failures[0]))),
                }
            }
            eprintln!(
                "cases {}..={}: {} compiled clean, {} refused, {} failed ({} s)",
                chunk[0],
                chunk[chunk.len() - 1],
                summary.compiled - compiled,
                summary.refused - refused,
                failing.len(),
                started.elapsed().as_secs()
            );
            failing.sort_by_key(|(case, _)| *case);
            for (case, problem) in failing {
                eprintln!("case {case} fails: {}", problem.signature);
                let found = self.shrink(case, problem)?;
                eprintln!(
                    "case {case} shrunk in {} steps{}",
                    found.shrink_steps,
                    found
                        .kept
                        .as_ref()
                        .map(|path| format!(", kept as {}", path.display()))
                        .unwrap_or_default()
                );
                summary.found.push(found);
            }
        }
        Ok(summary)
    }

    /// Whether `yaml` fails as `like` did, compiling (if it comes to that) up to the step
    /// that failed.
    fn fails_like(&self, case: u32, yaml: &str, like: &Problem) -> anyhow::Result<Option<Problem>> {
        let found = match judge(&case_file(case), yaml) {
            Verdict::Refused => None,
            Verdict::Broken(problem) => Some(problem),
            Verdict::Generated(_) if like.step.is_none() => None,
            Verdict::Generated(files) => {
                let candidate = Candidate {
                    name: format!("{}-shrinking", self.workspace),
                    files,
                };
                let last = like.step.unwrap_or(compile_check::Step::Doctest);
                let workspace = format!("{}-shrink", self.workspace);
                let report = compile_check::check_up_to(&workspace, &[candidate], last)?;
                report
                    .failures
                    .get("shrinking")
                    .map(|failures| Problem::compiling(&failures[0]))
            }
        };
        Ok(found.filter(|found| found.signature == like.signature))
    }

    /// Shrinks a failing case while it fails the same way, and keeps it.
    fn shrink(&self, case: u32, problem: Problem) -> anyhow::Result<Found> {
        let mut tree = case_tree(self.seed, case);
        let mut best = (tree.current().to_yaml(), problem);
        let mut steps = 0;
        if self.shrink > 0 && tree.simplify() {
            loop {
                steps += 1;
                let yaml = tree.current().to_yaml();
                let still = self.fails_like(case, &yaml, &best.1)?;
                let more = match still {
                    Some(found) => {
                        best = (yaml, found);
                        tree.simplify()
                    }
                    None => tree.complicate(),
                };
                if !more || steps >= self.shrink {
                    break;
                }
            }
        }
        let (yaml, problem) = best;
        let kept = match &self.keep {
            Some(folder) => Some(keep(folder, self.seed, case, &problem, &yaml)?),
            None => None,
        };
        Ok(Found {
            case,
            problem,
            yaml,
            shrink_steps: steps,
            kept,
        })
    }
}

fn case_file(case: u32) -> String {
    format!("case-{case}.yaml")
}

/// Writes a failing spec as a fixture, headed by how it was found and what failed.
fn keep(
    folder: &Path,
    seed: u64,
    case: u32,
    problem: &Problem,
    yaml: &str,
) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let path = folder.join(format!("seed-{seed}-case-{case}.yaml"));
    let header = format!(
        "# Found by `cargo xtask fuzz-codegen --seed {seed} --first {case} --cases 1`, shrunk.\n\
         # It failed with: {}\n",
        problem.signature.replace('\n', " ")
    );
    let body = yaml
        .strip_prefix("# A spec from `cargo xtask fuzz-codegen`.\n")
        .unwrap_or(yaml);
    std::fs::write(&path, format!("{header}{body}"))
        .with_context(|| format!("writing {}", path.display()))?;
    // The whole failure, which the fixture's header only names, beside the campaign's scratch files.
    let details = compile_check::scratch_root().join("failures");
    std::fs::create_dir_all(&details).with_context(|| format!("creating {}", details.display()))?;
    let detail_path = details.join(format!("seed-{seed}-case-{case}.txt"));
    std::fs::write(&detail_path, problem.to_string())
        .with_context(|| format!("writing {}", detail_path.display()))?;
    Ok(path)
}

/// Runs a campaign and prints what it found.
///
/// # Errors
/// As [`Campaign::run`].
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let seed = options.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs())
    });
    let keep = options
        .keep
        .clone()
        .unwrap_or_else(|| crate::project_root().join("tests/fixtures/fuzz"));
    let campaign = Campaign {
        seed,
        cases: options.first..options.first.saturating_add(options.cases),
        batch: options.batch,
        shrink: options.shrink,
        keep: Some(keep),
        workspace: "fuzz".to_owned(),
    };
    eprintln!(
        "fuzz-codegen: seed {seed}, cases {}..{}, {} crates a batch",
        campaign.cases.start, campaign.cases.end, campaign.batch
    );
    let started = Instant::now();
    let summary = campaign.run()?;
    let seconds = started.elapsed().as_secs();
    for found in &summary.found {
        println!("case {}: {}", found.case, found.problem.signature);
        if let Some(path) = &found.kept {
            println!("  kept as {}", path.display());
        }
    }
    println!(
        "fuzz-codegen: seed {seed}: {} cases, {} compiled clean, {} refused with located diagnostics, {} failures, {} min {} s",
        summary.cases,
        summary.compiled,
        summary.refused,
        summary.found.len(),
        seconds / 60,
        seconds % 60
    );
    Ok(if summary.found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A fuzzer whose specs validation refuses never reaches the compiler: a good share of the
    /// cases (two in five at least; about half, as drawn today) must generate a crate.
    #[test]
    fn a_good_share_of_cases_reach_the_compiler() {
        let cases = 100;
        let mut generated = 0;
        let mut reasons: BTreeMap<String, u32> = BTreeMap::new();
        for case in 0..cases {
            let yaml = case_yaml(7, case);
            match judge("case.yaml", &yaml) {
                Verdict::Generated(_) => generated += 1,
                Verdict::Refused => {
                    let diagnostics = spec::load_api_str("case.yaml", &yaml)
                        .err()
                        .unwrap_or_default();
                    for diagnostic in diagnostics.0 {
                        let reason: String = diagnostic.message.chars().take(50).collect();
                        *reasons.entry(reason).or_default() += 1;
                    }
                }
                Verdict::Broken(problem) => panic!("case {case}: {problem}\n{yaml}"),
            }
        }
        let mut common: Vec<(u32, String)> = reasons.into_iter().map(|(r, n)| (n, r)).collect();
        common.sort();
        common.reverse();
        eprintln!("{generated} of {cases} generated; refusals: {common:#?}");
        assert!(
            generated * 5 >= cases * 2,
            "only {generated} of {cases} cases generate a crate"
        );
    }

    #[test]
    fn a_case_is_the_same_spec_every_time() {
        assert_eq!(case_yaml(3, 11), case_yaml(3, 11));
        assert_ne!(case_yaml(3, 11), case_yaml(3, 12));
        assert_ne!(case_yaml(3, 11), case_yaml(4, 11));
    }
}
