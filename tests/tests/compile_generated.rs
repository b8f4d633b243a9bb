//! Every fixture spec's generated crate is compiled, not only snapshotted as text: `cargo
//! clippy --all-targets -D warnings`, `cargo doc` with `-D warnings` and the doctests, in one
//! scratch workspace under `target/compile-check/` (see `xtask::compile_check`), whose target
//! folder persists: a crate that did not change since the last run is not rebuilt.
//!
//! The fixtures are `tests/fixtures/specs/*.yaml`: specs written to use every construct, and
//! the kinds of name and prose that broke the generator once (`hostile-prose`,
//! `shadowing-names`, `bare`).

use std::path::PathBuf;

use verycloud_tests::project_root;
use xtask::compile_check::{self, Candidate};

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
            files: emit::rust::emit(&api),
        });
    }
    assert!(candidates.len() >= 5, "the fixture specs are missing");
    let report = compile_check::check("fixtures", &candidates).expect("the scratch workspace runs");
    assert!(report.is_clean(), "{report}");
}
