//! The generated crate's examples run in `cargo test`: each is a test target of this crate
//! (`harness = false`: the example's own `main` runs, and fails the test by failing). This
//! checks that every file of `generated-client/examples/` is such a target, and an example of
//! the generated crate that needs the `mock` feature.

use verycloud_tests::project_root;

#[test]
fn every_generated_example_runs_as_a_test() {
    let folder = project_root().join("generated-client/examples");
    let mut examples: Vec<String> = std::fs::read_dir(&folder)
        .expect("generated-client/examples/ is readable")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_str()?.to_owned();
            Some(name.strip_suffix(".rs")?.to_owned())
        })
        .collect();
    examples.sort();
    assert!(!examples.is_empty(), "the generator wrote no example");
    let ours = std::fs::read_to_string(project_root().join("tests/Cargo.toml")).expect("readable");
    let theirs = std::fs::read_to_string(project_root().join("generated-client/Cargo.toml"))
        .expect("readable");
    for example in &examples {
        let target = format!(
            "[[test]]\nname = \"example_{example}\"\npath = \"../generated-client/examples/{example}.rs\"\nharness = false\n"
        );
        assert!(
            ours.contains(&target),
            "tests/Cargo.toml does not run the example `{example}`; add:\n{target}"
        );
        let declared =
            format!("[[example]]\nname = \"{example}\"\nrequired-features = [\"mock\"]\n");
        assert!(
            theirs.contains(&declared),
            "generated-client/Cargo.toml does not declare the example `{example}`"
        );
    }
    let listed = ours
        .matches("path = \"../generated-client/examples/")
        .count();
    assert_eq!(
        listed,
        examples.len(),
        "tests/Cargo.toml lists an example that does not exist"
    );
}
