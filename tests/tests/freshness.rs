//! `cargo test` fails while `generated-client/` differs from what the spec generates.

use emit::{REGENERATE_COMMAND, generated_client, output as tree};

#[test]
fn generated_client_is_fresh() {
    let api = match spec::load_api(&verycloud_tests::spec_path()) {
        Ok(api) => api,
        Err(diagnostics) => panic!("spec/verycloud.yaml does not load:\n{diagnostics}"),
    };
    let out = verycloud_tests::project_root().join("generated-client");
    let staleness =
        tree::check(&out, &generated_client(&api)).expect("generated-client/ is readable");
    assert!(
        staleness.is_fresh(),
        "generated-client/ does not match spec/verycloud.yaml and generator/runtime/:\n{staleness}\n\
         (run `{REGENERATE_COMMAND}` and commit the result)"
    );
}
