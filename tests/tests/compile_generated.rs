//! Every fixture spec's generated crates (the client and the command-line tool) are compiled,
//! not only snapshotted as text: `cargo
//! clippy --all-targets -D warnings`, `cargo doc` with `-D warnings` and the doctests, in one
//! scratch workspace under `target/compile-check/` (see `xtask::compile_check`), whose target
//! folder persists: a crate that did not change since the last run is not rebuilt.
//!
//! The fixtures are `tests/fixtures/specs/*.yaml` (specs written to use every construct, and
//! the kinds of name and prose that broke the generator once: `hostile-prose`,
//! `shadowing-names`, `bare`) and `tests/fixtures/fuzz/*.yaml` (what `cargo xtask fuzz-codegen`
//! found, shrunk). A fuzz fixture keeps the fuzzer's promise: refused by validation with every
//! diagnostic located, or generating a crate that compiles clean.

use std::path::PathBuf;

use verycloud_tests::project_root;
use xtask::compile_check::{self, Candidate};
use xtask::fuzz_codegen::{Verdict, judge};

/// The specs of a fixture folder, by file stem, in name order.
fn specs_in(folder: &str) -> Vec<(String, PathBuf)> {
    let dir = project_root().join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut specs: Vec<(String, PathBuf)> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path
                .file_name()?
                .to_str()?
                .strip_suffix(".yaml")?
                .to_owned();
            Some((stem, path))
        })
        .collect();
    specs.sort();
    specs
}

#[test]
fn every_fixture_spec_generates_a_crate_that_builds_lints_and_documents_clean() {
    let mut candidates = Vec::new();
    for (stem, path) in specs_in("tests/fixtures/specs") {
        let api = spec::load_api(&path).unwrap_or_else(|diagnostics| {
            panic!("{} does not load:\n{diagnostics}", path.display())
        });
        candidates.push(Candidate {
            name: format!("spec-{stem}"),
            files: emit::generated_client(&api),
        });
    }
    assert!(candidates.len() >= 5, "the fixture specs are missing");
    for (stem, path) in specs_in("tests/fixtures/fuzz") {
        let text = std::fs::read_to_string(&path).expect("the fixture is readable");
        match judge(&path.display().to_string(), &text) {
            Verdict::Refused => {}
            Verdict::Broken(problem) => panic!("{}: {problem}", path.display()),
            Verdict::Generated(files) => candidates.push(Candidate {
                name: format!("fuzz-{stem}"),
                files,
            }),
        }
    }
    let report = compile_check::check("fixtures", &candidates).expect("the scratch workspace runs");
    assert!(report.is_clean(), "{report}");
}

/// A fixed corpus of the compile fuzzer (`cargo xtask fuzz-codegen` runs long campaigns): each
/// spec is refused with located diagnostics or compiles clean. The same seed gives the same
/// specs, whose crates are rebuilt only when the generator changes.
#[test]
fn a_fixed_corpus_of_the_compile_fuzzer_keeps_its_promise() {
    let campaign = xtask::fuzz_codegen::Campaign {
        seed: CORPUS_SEED,
        cases: 0..CORPUS_CASES,
        batch: CORPUS_CASES as usize,
        shrink: 0,
        keep: None,
        workspace: "corpus".to_owned(),
    };
    let summary = campaign.run().expect("the scratch workspace runs");
    let found: Vec<String> = summary
        .found
        .iter()
        .map(|found| {
            format!(
                "case {} ({}):\n{}\n{}",
                found.case, found.problem.signature, found.problem.detail, found.yaml
            )
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n\n"));
    // A corpus that validation refuses whole would compile nothing.
    assert!(
        summary.compiled * 2 >= summary.cases,
        "only {} of {} cases reached the compiler",
        summary.compiled,
        summary.cases
    );
}

/// The corpus's seed and size: 8 crates compile side by side in about a minute on two cores.
const CORPUS_SEED: u64 = 6;
const CORPUS_CASES: u32 = 8;
