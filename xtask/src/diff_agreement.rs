//! `cargo xtask diff-agreement`: the spec diff's Rust verdicts against cargo-semver-checks,
//! for every diff fixture pair, written to `DIFF-AGREEMENT.md`.
//!
//! For each pair under `tests/fixtures/diff/` it generates both crates and asks
//! cargo-semver-checks for the bump ([`crate::diff::semver_checks`]), and sets that beside the
//! bump the spec diff's Rust verdicts call for. A pair where the two differ must be explained
//! in [`EXPLAINED`] (who is right, and why); where the spec diff says a change breaks and
//! cargo-semver-checks sees nothing, a witness program (`witness.rs` beside the pair) must
//! compile against OLD's crate and fail against NEW's, which proves the break. The command
//! fails when a disagreement is unexplained, an explanation is stale, or a witness does not
//! prove its break.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::diff::semver_checks::{self, Checker, Level, Witness};

/// `cargo xtask diff-agreement [--only CASE]... [--out FILE]`.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Check only these fixture pairs (the file is then not written).
    #[arg(long)]
    pub only: Vec<String>,
    /// Where to write the table [default: DIFF-AGREEMENT.md]
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

/// Who is right where the two verdicts differ, and what proves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// The spec diff: programs stop compiling, which cargo-semver-checks cannot see. The pair's
    /// `witness.rs` must compile against OLD's crate and fail against NEW's.
    SpecDiff,
    /// The spec diff: programs keep compiling and silently do something else. The pair's
    /// `witness.rs` must compile against both crates (that is the trouble).
    SpecDiffSilent,
    /// cargo-semver-checks: the spec diff's rule is wrong.
    SemverChecks,
}

/// cargo-semver-checks 0.51 has no lint comparing the type of a public field, of a method's
/// parameter or of its return value: it lints items that go, parameter counts, trait
/// implementations and `#[non_exhaustive]`, and it does not reason about what a type means.
const NO_TYPE_LINTS: &str = "cargo-semver-checks 0.51 compares no types of public fields, parameters or return values (its lints cover removed items, parameter counts, derives and `#[non_exhaustive]`), so it sees no change.";

/// Every fixture pair on which the two verdicts differ: who is right, and why.
pub const EXPLAINED: &[(&str, Right, &str)] = &[
    (
        "reply-data-added-removed",
        Right::SpecDiff,
        "`balance()` returned the balance (`Decimal`) and now returns `()`; `subaccount_add(..)` returned `()` and now returns the new subaccount.",
    ),
    (
        "reply-field-presence",
        Right::SpecDiff,
        "`Subaccount::uid` goes from `i64` to `Option<i64>` and `Subaccount::name` from `Option<String>` to `String`.",
    ),
    (
        "reply-field-types",
        Right::SpecDiff,
        "`Subaccount::level` goes from `Option<String>` to `Option<i64>` and `Subaccount::extra` from `Option<serde_json::Value>` to `Option<String>`.",
    ),
    (
        "reply-shape-changed",
        Right::SpecDiff,
        "`balance()` returned the balance itself and now returns `BalanceReply` (the balance and a new member).",
    ),
    (
        "request-field-order-changed",
        Right::SpecDiffSilent,
        "`AuthorizeRequest::new` took `(username, password)` and takes `(password, username)`, both `impl Into<String>`: every call still compiles and now sends the user name as the password. cargo-semver-checks 0.51 compares the number of parameters, not their order, and no compiler can see the swap; the spec diff reports it from the spec's field order.",
    ),
    (
        "request-field-types",
        Right::SpecDiff,
        "`SubaccountListRequest::page` and `limit` take `String` and `Decimal` instead of `i64`, and `SubaccountAddRequest::new` takes a `String` where it took an `AccountType`.",
    ),
];

/// Where cargo-semver-checks was right and a rule of the spec diff was fixed, and the first
/// run's numbers: the table's history, which the runs themselves cannot know.
const HISTORY: &str = "## Fixed after the first run\n\n\
The first run (issue 14, before any rule was fixed) checked 44 pairs: 35 the same verdict, 2 \
additions only, 7 different; agreement on whether the change breaks 84% (37/44), on the exact \
level 80% (35/44). Six of the seven were changes cargo-semver-checks cannot see (the disagreements above). In \
the seventh it was right:\n\n\
- **paging-changed**: the spec diff said `paging-changed`, Rust-breaking (\"the method's return \
type and its `_stream` method change\"). But `subaccountList`'s reply has a member beyond paging \
(`groups`), so its method returns the reply struct whether or not it is paged: the two generated \
crates were byte for byte the same. The rule now looks at what the method returns: \
`paging-changed` when it changes between `Page<T>` and another type, the new \
`paging-flag-changed` (safe on both axes) when it does not. `paging-changed-return-type` is the \
pair where the return type does change; cargo-semver-checks agrees it breaks \
(`inherent_method_missing`: the `_stream` method goes).\n";

/// One fixture pair's outcome.
#[derive(Debug, Clone)]
struct Row {
    case: String,
    ours: Level,
    rules: Vec<&'static str>,
    theirs: Level,
    lints: Vec<String>,
    witness: Option<Witness>,
}

impl Row {
    fn agreement(&self) -> Agreement {
        match (self.ours, self.theirs) {
            (ours, theirs) if ours == theirs => Agreement::Same,
            (Level::Minor, Level::None) => Agreement::AdditionsOnly,
            _ => Agreement::Differ,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    /// The same bump.
    Same,
    /// We call for a minor bump for additions; cargo-semver-checks has no lint for additions.
    AdditionsOnly,
    /// A different verdict on whether the change breaks.
    Differ,
}

/// Runs the comparison and writes the table.
///
/// # Errors
/// When a fixture cannot be read, a crate cannot be built or the tool cannot run.
pub fn run(options: &Options) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let repo = crate::project_root();
    let checker = Checker::new(&repo)?;
    let fixtures = repo.join("tests/fixtures/diff");
    let mut cases: Vec<String> = std::fs::read_dir(&fixtures)
        .with_context(|| format!("cannot read {}", fixtures.display()))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|case| options.only.is_empty() || options.only.contains(case))
        .collect();
    cases.sort();
    let mut rows = Vec::new();
    for case in &cases {
        let row = check_case(&checker, &fixtures.join(case), case)?;
        eprintln!(
            "{case}: ours {}, cargo-semver-checks {}",
            row.ours.as_str(),
            row.theirs.as_str()
        );
        rows.push(row);
    }
    let problems = problems(&rows, options.only.is_empty());
    let elapsed = started.elapsed().as_secs();
    if options.only.is_empty() {
        let out = options
            .out
            .clone()
            .unwrap_or_else(|| repo.join("DIFF-AGREEMENT.md"));
        std::fs::write(&out, render(&rows))
            .with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!(
            "wrote {} ({} pairs, {elapsed} s)",
            out.display(),
            rows.len()
        );
    }
    let (same, additions, differ) = counts(&rows);
    eprintln!(
        "{same} same, {additions} additions only, {differ} different of {} pairs",
        rows.len()
    );
    for problem in &problems {
        eprintln!("problem: {problem}");
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn check_case(checker: &Checker, dir: &Path, case: &str) -> anyhow::Result<Row> {
    let load = |side: &str| {
        let path = dir.join(format!("{side}.yaml"));
        spec::load_api(&path).map_err(|d| anyhow::anyhow!("{} is invalid:\n{d}", path.display()))
    };
    let (old, new) = (load("old")?, load("new")?);
    let report = spec_diff::diff(&old, &new);
    let mut rules: Vec<&'static str> = report
        .changes
        .iter()
        .filter(|c| c.rule.rust() == spec_diff::Verdict::Breaking)
        .map(|c| c.rule.name())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    let witness = std::fs::read_to_string(dir.join("witness.rs")).ok();
    let (verdict, witness) = checker.check_with_witness(&old, &new, witness.as_deref())?;
    Ok(Row {
        case: case.to_owned(),
        ours: Level::of_bump(report.rust_bump()),
        rules,
        theirs: verdict.level,
        lints: verdict.lints,
        witness,
    })
}

fn explanation(case: &str) -> Option<(Right, &'static str)> {
    EXPLAINED
        .iter()
        .find(|(name, _, _)| *name == case)
        .map(|&(_, right, why)| (right, why))
}

/// Every disagreement without an explanation, explanation without a disagreement, and
/// witness that proves nothing. `all` says whether every pair was checked.
fn problems(rows: &[Row], all: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for row in rows {
        let explained = explanation(&row.case);
        match (row.agreement(), explained) {
            (Agreement::Differ, None) => problems.push(format!(
                "{}: ours {}, cargo-semver-checks {}, and no explanation",
                row.case,
                row.ours.as_str(),
                row.theirs.as_str()
            )),
            (Agreement::Same | Agreement::AdditionsOnly, Some(_)) => {
                problems.push(format!("{}: explained, but the verdicts agree", row.case));
            }
            (Agreement::Differ, Some((Right::SpecDiff, _)))
                if !row.witness.as_ref().is_some_and(Witness::proves_a_break) =>
            {
                problems.push(format!(
                    "{}: its witness.rs must compile against OLD's crate and not NEW's ({:?})",
                    row.case, row.witness
                ));
            }
            (Agreement::Differ, Some((Right::SpecDiffSilent, _)))
                if !row
                    .witness
                    .as_ref()
                    .is_some_and(|w| w.compiles_against_old && w.compiles_against_new) =>
            {
                problems.push(format!(
                    "{}: its witness.rs must compile against both crates ({:?})",
                    row.case, row.witness
                ));
            }
            _ => {}
        }
        if row.witness.is_some() && explained.is_none() {
            problems.push(format!("{}: a witness.rs but no explanation", row.case));
        }
    }
    if all {
        for (case, _, _) in EXPLAINED {
            if !rows.iter().any(|row| row.case == *case) {
                problems.push(format!("{case}: explained, but no such fixture pair"));
            }
        }
    }
    problems
}

fn counts(rows: &[Row]) -> (usize, usize, usize) {
    let count = |kind| rows.iter().filter(|row| row.agreement() == kind).count();
    (
        count(Agreement::Same),
        count(Agreement::AdditionsOnly),
        count(Agreement::Differ),
    )
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    format!("{:.0}%", 100.0 * part as f64 / whole as f64)
}

fn list(items: &[impl AsRef<str>]) -> String {
    if items.is_empty() {
        return "–".to_owned();
    }
    items
        .iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The table as markdown. Holds no time or machine detail, so it only changes when a verdict
/// or an explanation does.
fn render(rows: &[Row]) -> String {
    let (same, additions, differ) = counts(rows);
    let total = rows.len();
    let mut out = String::new();
    out.push_str("# Spec diff against cargo-semver-checks\n\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask diff-agreement` (do not edit): for every diff fixture pair \
         (`tests/fixtures/diff/`), the bump the spec diff's **Rust** verdicts call for and the \
         bump cargo-semver-checks {} finds between the two generated `verycloud` crates \
         (rustdoc JSON of each, every lint set to fail). A patch is `none` on \
         cargo-semver-checks' scale. `cargo xtask diff --verify-rust OLD NEW` does the same for \
         one pair.\n",
        semver_checks::VERSION
    );
    let _ = writeln!(
        out,
        "**{total} pairs: {same} the same verdict, {additions} where we call for a minor bump \
         for additions that cargo-semver-checks has no lint for, {differ} different.** \
         Agreement on whether the change breaks Rust users: {} ({}/{total}); on the exact \
         level: {} ({same}/{total}).\n",
        percent(same + additions, total),
        same + additions,
        percent(same, total)
    );
    out.push_str(
        "| pair | ours | Rust-breaking rules | cargo-semver-checks | its failed lints | agree |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for row in rows {
        let agree = match row.agreement() {
            Agreement::Same => "yes",
            Agreement::AdditionsOnly => "yes (additions)",
            Agreement::Differ => "**no**",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {agree} |",
            row.case,
            row.ours.as_str(),
            list(&row.rules),
            row.theirs.as_str(),
            list(&row.lints),
        );
    }
    let differing: Vec<&Row> = rows
        .iter()
        .filter(|row| row.agreement() == Agreement::Differ)
        .collect();
    out.push_str("\n## Disagreements\n\n");
    if differing.is_empty() {
        out.push_str("None.\n");
    }
    for row in differing {
        let (right, why) = explanation(&row.case).unwrap_or((Right::SpecDiff, "Unexplained."));
        let (right, limit) = match right {
            Right::SpecDiff => ("the spec diff", NO_TYPE_LINTS),
            Right::SpecDiffSilent => ("the spec diff", ""),
            Right::SemverChecks => ("cargo-semver-checks", ""),
        };
        let _ = writeln!(
            out,
            "### {}\n\nRight: {right}. {}\n",
            row.case,
            format!("{why} {limit}").trim_end()
        );
        if let Some(witness) = &row.witness {
            let compiles = |yes: bool| if yes { "compiles" } else { "does not compile" };
            let _ = writeln!(
                out,
                "Evidence: `tests/fixtures/diff/{}/witness.rs` {} against OLD's crate and {} against NEW's{}\n",
                row.case,
                compiles(witness.compiles_against_old),
                compiles(witness.compiles_against_new),
                if witness.new_errors.is_empty() {
                    "."
                } else {
                    ":"
                },
            );
            for error in &witness.new_errors {
                let _ = writeln!(out, "- `{}`", error.trim().replace('`', "'"));
            }
            if !witness.new_errors.is_empty() {
                out.push('\n');
            }
        }
    }
    out.push_str(HISTORY);
    out.push_str(
        "\n## Additions\n\n\"yes (additions)\": the change only adds to the crate (a setter, a \
         public field of a `#[non_exhaustive]` struct, a variant of a `#[non_exhaustive]` enum, \
         a method, a type). Semver calls for a minor bump, which the spec diff asks for; \
         cargo-semver-checks lints only for what breaks or must be announced, and has no lint \
         for an added item, so it says \"no semver update required\". The two agree that \
         nothing breaks.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(case: &str, ours: Level, theirs: Level, witness: Option<(bool, bool)>) -> Row {
        Row {
            case: case.to_owned(),
            ours,
            rules: Vec::new(),
            theirs,
            lints: Vec::new(),
            witness: witness.map(|(old, new)| Witness {
                compiles_against_old: old,
                compiles_against_new: new,
                new_errors: Vec::new(),
            }),
        }
    }

    #[test]
    fn every_explanation_names_a_fixture_pair_and_every_witness_is_explained() {
        let fixtures = crate::project_root().join("tests/fixtures/diff");
        for (case, _, why) in EXPLAINED {
            assert!(fixtures.join(case).join("old.yaml").is_file(), "{case}");
            assert!(!why.is_empty(), "{case}");
        }
        for entry in std::fs::read_dir(&fixtures)
            .expect("the fixtures exist")
            .flatten()
        {
            let case = entry.file_name().to_string_lossy().into_owned();
            if entry.path().join("witness.rs").is_file() {
                assert!(explanation(&case).is_some(), "{case} has a witness.rs");
            }
        }
    }

    #[test]
    fn a_disagreement_needs_an_explanation_and_a_witness_that_proves_it() {
        let (major, none) = (Level::Major, Level::None);
        // Explained, and the witness compiles against OLD only: no problem.
        let proved = row("reply-field-presence", major, none, Some((true, false)));
        assert_eq!(problems(&[proved], false), Vec::<String>::new());
        // Explained, but the witness compiles against NEW too: it proves nothing.
        let unproved = row("reply-field-presence", major, none, Some((true, true)));
        assert_eq!(problems(&[unproved], false).len(), 1);
        // A silent break's witness must compile against both.
        let silent = row(
            "request-field-order-changed",
            major,
            none,
            Some((true, false)),
        );
        assert_eq!(problems(&[silent], false).len(), 1);
        // Not explained at all.
        let unknown = row("type-renamed", major, none, None);
        assert_eq!(problems(&[unknown], false).len(), 1);
        // Explained, but the verdicts agree: the explanation is stale.
        let stale = row("reply-field-presence", major, major, Some((true, false)));
        assert_eq!(problems(&[stale], false).len(), 1);
        // Additions: a minor bump against none is agreement.
        let additions = row("request-field-wire", Level::Minor, none, None);
        assert_eq!(additions.agreement(), Agreement::AdditionsOnly);
        assert!(problems(&[additions], false).is_empty());
    }
}
