//! `cargo xtask diff`: change reports between two specs.
//!
//! Each pair under `tests/fixtures/diff/<case>/{old,new}.yaml` is a copy of
//! `tests/fixtures/specs/minimal.yaml` with one kind of edit; its markdown and JSON reports are
//! snapshots, and [`EXPECTED`] states which rules it must trigger, so that every rule of the
//! table is exercised. The rest runs the command itself: on the real spec, on git revisions in
//! a scratch repository, and for its exit codes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use spec::model::Api;
use spec_diff::render::{self, Sides};
use spec_diff::{Bump, Report, RuleId, Verdict};
use verycloud_tests::{project_root, spec_path};
use xtask::diff::{self as command, FailOn, Format, Options, Outcome};

/// The distinct rules each fixture pair triggers.
const EXPECTED: &[(&str, &[&str])] = &[
    ("docs-only", &["doc-changed"]),
    ("provenance-changed", &["doc-changed"]),
    ("secret-marking", &["doc-changed"]),
    ("endpoint-path-changed", &["endpoint-path-changed"]),
    ("endpoint-renamed", &["endpoint-renamed"]),
    (
        "endpoint-renamed-and-moved",
        &["endpoint-path-changed", "endpoint-renamed"],
    ),
    (
        "endpoints-added-removed",
        &["endpoint-added", "endpoint-removed"],
    ),
    (
        "enum-code-type-changed",
        &["doc-changed", "enum-code-type-changed"],
    ),
    (
        "enum-value-identity",
        &[
            "doc-changed",
            "enum-value-code-changed",
            "enum-value-renamed",
        ],
    ),
    (
        "enum-values-reply-only",
        &["enum-value-added-to-reply", "enum-value-removed-from-reply"],
    ),
    (
        "enum-values-request-side",
        &[
            "doc-changed",
            "enum-value-added",
            "enum-value-added-to-reply",
            "enum-value-removed",
        ],
    ),
    (
        "field-renames",
        &[
            "doc-changed",
            "field-renamed",
            "field-wire-renamed",
            "rust-name-changed",
        ],
    ),
    ("formatting-only", &[]),
    ("group-renamed", &["group-renamed"]),
    (
        "groups-added-removed-moved",
        &["group-added", "group-changed", "group-removed"],
    ),
    (
        "login-field-renamed",
        &["doc-changed", "field-renamed", "login-changed"],
    ),
    ("paging-changed", &["paging-flag-changed"]),
    ("paging-changed-return-type", &["paging-changed"]),
    ("read-only-changed", &["read-only-changed"]),
    ("reply-data-added-beside-fields", &["reply-field-added"]),
    (
        "reply-data-added-removed",
        &["doc-changed", "reply-data-added", "reply-data-removed"],
    ),
    (
        "reply-field-presence",
        &[
            "doc-changed",
            "reply-field-became-non-nullable",
            "reply-field-became-nullable",
            "reply-field-became-optional",
            "reply-field-became-required",
        ],
    ),
    (
        "reply-field-types",
        &[
            "reply-field-format-changed",
            "reply-field-type-changed",
            "reply-field-type-narrowed",
        ],
    ),
    (
        "reply-field-wire",
        &[
            "doc-changed",
            "reply-field-wire-changed",
            "reply-field-wire-narrowed",
        ],
    ),
    (
        "reply-fields-added-removed",
        &["doc-changed", "reply-field-added", "reply-field-removed"],
    ),
    (
        "reply-shape-changed",
        &["reply-field-added", "reply-shape-changed"],
    ),
    (
        "request-field-order-changed",
        &["request-field-order-changed"],
    ),
    (
        "request-field-presence",
        &[
            "request-field-became-non-nullable",
            "request-field-became-nullable",
            "request-field-became-optional",
            "request-field-became-required",
        ],
    ),
    (
        "request-field-removed",
        &["doc-changed", "request-field-removed"],
    ),
    (
        "request-field-types",
        &[
            "doc-changed",
            "request-field-format-changed",
            "request-field-type-changed",
            "request-field-type-widened",
        ],
    ),
    (
        "request-field-wire",
        &[
            "doc-changed",
            "request-field-wire-changed",
            "request-field-wire-widened",
        ],
    ),
    (
        "request-fields-added",
        &[
            "doc-changed",
            "request-field-added-optional",
            "request-field-added-required",
        ],
    ),
    (
        "token-requirement",
        &[
            "doc-changed",
            "token-requirement-added",
            "token-requirement-removed",
        ],
    ),
    ("type-kind-changed", &["doc-changed", "type-kind-changed"]),
    ("type-renamed", &["type-renamed"]),
    (
        "type-used-both-ways",
        &[
            "reply-field-added",
            "reply-field-removed",
            "request-field-added-required",
            "request-field-removed",
        ],
    ),
    (
        "types-added-removed",
        &[
            "reply-field-added",
            "reply-field-type-changed",
            "type-added",
            "type-removed",
        ],
    ),
    ("version-and-docs", &["doc-changed", "version-changed"]),
    (
        "wire-conventions",
        &[
            "base-url-changed",
            "doc-changed",
            "envelope-changed",
            "token-field-changed",
        ],
    ),
    (
        "type-renamed-and-extended",
        &["reply-field-added", "type-renamed"],
    ),
    (
        "type-renamed-and-reduced",
        &["doc-changed", "reply-field-removed", "type-renamed"],
    ),
    (
        "enum-renamed-and-extended",
        &["doc-changed", "enum-value-added-to-reply", "type-renamed"],
    ),
    (
        "type-renamed-users-changed",
        &[
            "doc-changed",
            "field-renamed",
            "reply-field-removed",
            "reply-shape-changed",
            "type-renamed",
        ],
    ),
    (
        "type-replaced",
        &[
            "doc-changed",
            "reply-field-type-changed",
            "type-added",
            "type-removed",
        ],
    ),
    (
        "endpoint-renamed-and-regrouped",
        &[
            "doc-changed",
            "endpoint-path-changed",
            "endpoint-renamed",
            "group-added",
            "group-changed",
            "request-field-added-optional",
        ],
    ),
    (
        "group-renamed-and-endpoints-moved",
        &[
            "doc-changed",
            "endpoint-renamed",
            "group-changed",
            "group-renamed",
        ],
    ),
];

fn fixture(case: &str, side: &str) -> PathBuf {
    project_root()
        .join("tests/fixtures/diff")
        .join(case)
        .join(format!("{side}.yaml"))
}

fn load(path: &Path) -> Api {
    spec::load_api(path)
        .unwrap_or_else(|diagnostics| panic!("{} is invalid:\n{diagnostics}", path.display()))
}

fn report_of(case: &str) -> Report {
    spec_diff::diff(&load(&fixture(case, "old")), &load(&fixture(case, "new")))
}

fn rule_names(report: &Report) -> BTreeSet<&'static str> {
    report
        .changes
        .iter()
        .map(|change| change.rule.name())
        .collect()
}

fn options(old: impl Into<String>, new: Option<&Path>) -> Options {
    Options {
        old: old.into(),
        new: new.map(|path| path.display().to_string()),
        format: Format::Json,
        fail_on: FailOn::Breaking,
        check_version: false,
        verify_rust: false,
    }
}

fn run(options: &Options) -> Outcome {
    command::run(options, &project_root()).unwrap_or_else(|error| panic!("diff failed: {error}"))
}

fn json(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.output).expect("--format json writes JSON")
}

fn changes(outcome: &Outcome) -> Vec<Value> {
    json(outcome)["changes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn every_fixture_pair_is_listed_and_there_are_enough() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(project_root().join("tests/fixtures/diff"))
        .expect("the fixture folder exists")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = EXPECTED
        .iter()
        .map(|(case, _)| (*case).to_owned())
        .collect();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 25, "{} pairs", listed.len());
}

#[test]
fn each_fixture_pair_triggers_exactly_its_rules() {
    for (case, expected) in EXPECTED {
        let found = rule_names(&report_of(case));
        let expected: BTreeSet<&str> = expected.iter().copied().collect();
        assert_eq!(found, expected, "case {case}");
    }
}

#[test]
fn the_agreement_table_covers_every_fixture_pair() {
    // `cargo xtask diff-agreement` writes the table; it builds crates, so it is not a test.
    // This only checks that it was rerun after the last pair was added or removed.
    let table = std::fs::read_to_string(project_root().join("DIFF-AGREEMENT.md"))
        .expect("DIFF-AGREEMENT.md is there");
    let rows: BTreeSet<&str> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|line| line.split(" | ").next())
        .filter(|case| *case != "pair" && !case.starts_with("---"))
        .collect();
    let cases: BTreeSet<&str> = EXPECTED.iter().map(|(case, _)| *case).collect();
    assert_eq!(rows, cases, "run `cargo xtask diff-agreement`");
}

#[test]
fn every_rule_is_exercised_by_a_fixture_pair() {
    let exercised: BTreeSet<&str> = EXPECTED
        .iter()
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect();
    let missing: Vec<&str> = RuleId::ALL
        .iter()
        .map(|id| id.name())
        .filter(|name| !exercised.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture pair: {missing:?}"
    );
}

#[test]
fn fixture_reports_match_their_snapshots() {
    for (case, _) in EXPECTED {
        let report = report_of(case);
        let (old, new) = (
            format!("tests/fixtures/diff/{case}/old.yaml"),
            format!("tests/fixtures/diff/{case}/new.yaml"),
        );
        let sides = Sides {
            old: &old,
            new: &new,
        };
        insta::assert_snapshot!(
            format!("{case}-markdown"),
            render::markdown::render(&report, sides)
        );
        insta::assert_snapshot!(format!("{case}-json"), render::json::render(&report, sides));
    }
}

#[test]
fn a_spec_diffed_against_itself_has_no_changes() {
    for (case, _) in EXPECTED {
        for side in ["old", "new"] {
            let api = load(&fixture(case, side));
            let report = spec_diff::diff(&api, &api);
            assert!(report.is_empty(), "{case}/{side}: {:?}", report.changes);
        }
    }
    let real = load(&spec_path());
    assert!(spec_diff::diff(&real, &real).is_empty());

    // `cargo xtask diff spec/verycloud.yaml`: NEW defaults to the working tree's spec.
    let outcome = run(&Options {
        format: Format::Markdown,
        ..options(spec_path().display().to_string(), None)
    });
    assert_eq!(outcome.exit_code, 0);
    assert!(outcome.output.contains("No changes."), "{}", outcome.output);
}

#[test]
fn a_type_renamed_while_it_gains_a_field_is_a_rename_and_an_addition() {
    // The pull request of issue 14: `SubaccountGroup` becomes `UserGroup` (used by
    // `Subaccount.group` and by the reply's `list<SubaccountGroup>`) and gains `remark`.
    let report = report_of("type-renamed-and-extended");
    let found: Vec<(RuleId, &str)> = report
        .changes
        .iter()
        .map(|change| (change.rule, change.yaml_path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (RuleId::TypeRenamed, "types.UserGroup"),
            (RuleId::ReplyFieldAdded, "types.UserGroup.fields.remark"),
        ]
    );
    let rename = RuleId::TypeRenamed.rule();
    assert_eq!(
        (rename.wire, rename.rust, rename.bump(rename.wire)),
        (Verdict::Safe, Verdict::Breaking, Bump::Patch)
    );
    let added = RuleId::ReplyFieldAdded.rule();
    // Rust-safe: `UserGroup` is a `#[non_exhaustive]` reply struct, so no program builds it
    // or matches it exhaustively; cargo-semver-checks agrees (DIFF-AGREEMENT.md).
    assert_eq!(
        (added.wire, added.rust, added.bump(added.wire)),
        (Verdict::Safe, Verdict::Safe, Bump::Minor)
    );
    assert_eq!(report.wire_bump(), Bump::Minor, "OpenAPI: minor, not major");
    assert_eq!(report.rust_bump(), Bump::Major);
}

/// The real spec as YAML values, to edit.
fn real_spec_yaml() -> serde_yaml::Mapping {
    let text = std::fs::read_to_string(spec_path()).expect("spec/verycloud.yaml is readable");
    serde_yaml::from_str(&text).expect("spec/verycloud.yaml is YAML")
}

fn write_temp(yaml: &serde_yaml::Mapping) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".yaml")
        .tempfile()
        .expect("a temporary file");
    std::fs::write(
        file.path(),
        serde_yaml::to_string(yaml).expect("YAML serialises"),
    )
    .expect("the file is writable");
    file
}

/// The first endpoint, other than the login endpoint, with a request field beyond paging:
/// its key and that field's name.
fn documented_request_field(api: &Api) -> (String, String) {
    api.endpoints
        .iter()
        .filter(|endpoint| endpoint.name != api.info.login.endpoint)
        .find_map(|endpoint| {
            let field = endpoint
                .request
                .iter()
                .find(|f| f.wire_name != "page" && f.wire_name != "limit")?;
            Some((endpoint.name.clone(), field.wire_name.clone()))
        })
        .expect("the spec has such a field")
}

fn endpoint_mut<'a>(yaml: &'a mut serde_yaml::Mapping, name: &str) -> &'a mut serde_yaml::Mapping {
    yaml.get_mut("endpoints")
        .and_then(|endpoints| endpoints.get_mut(name))
        .and_then(serde_yaml::Value::as_mapping_mut)
        .expect("the endpoint is a mapping")
}

#[test]
fn removing_a_documented_request_field_from_the_real_spec_is_breaking() {
    let (endpoint, field) = documented_request_field(&load(&spec_path()));
    let mut yaml = real_spec_yaml();
    let entry = endpoint_mut(&mut yaml, &endpoint);
    let request = entry
        .get_mut("request")
        .and_then(serde_yaml::Value::as_mapping_mut)
        .expect("a request map");
    assert!(
        request.shift_remove(field.as_str()).is_some(),
        "the order of the other fields must stay"
    );
    // The documented example loses the field too, or the example would not validate.
    let examples = entry
        .get_mut("examples")
        .and_then(serde_yaml::Value::as_mapping_mut)
        .expect("examples");
    let example_text = examples
        .get("request")
        .and_then(serde_yaml::Value::as_str)
        .expect("a request example");
    let mut example: Value = serde_json::from_str(example_text).expect("the example is JSON");
    example
        .as_object_mut()
        .map(|object| object.shift_remove(&field));
    examples.insert("request".into(), example.to_string().into());
    let new = write_temp(&yaml);

    let outcome = run(&options(
        spec_path().display().to_string(),
        Some(new.path()),
    ));
    assert_eq!(outcome.exit_code, 1, "{}", outcome.output);
    let changes = changes(&outcome);
    let breaking: Vec<&Value> = changes
        .iter()
        .filter(|c| c["severity"] == "breaking")
        .collect();
    assert_eq!(breaking.len(), 1, "{changes:#?}");
    let removal = breaking[0];
    assert_eq!(removal["rule"], "request-field-removed");
    assert_eq!(
        removal["yaml_path"],
        format!("endpoints.{endpoint}.request.{field}")
    );
    assert_eq!(
        (&removal["wire"], &removal["rust"]),
        (&Value::from("breaking"), &Value::from("breaking"))
    );
    let others: BTreeSet<&str> = changes
        .iter()
        .filter(|c| c["severity"] != "breaking")
        .filter_map(|c| c["rule"].as_str())
        .collect();
    assert!(
        others.iter().all(|rule| *rule == "doc-changed"),
        "{others:?}"
    );

    // The annotation points at the line of the request the field was removed from.
    let github = run(&Options {
        format: Format::Github,
        ..options(spec_path().display().to_string(), Some(new.path()))
    });
    let line: usize = github
        .output
        .lines()
        .find(|line| line.contains("[request-field-removed]"))
        .and_then(|line| line.split(",line=").nth(1))
        .and_then(|rest| rest.split("::").next())
        .and_then(|number| number.parse().ok())
        .expect("the annotation has a line");
    let text = std::fs::read_to_string(new.path()).expect("readable");
    let annotated = text.lines().nth(line - 1).unwrap_or_default();
    assert_eq!(annotated.trim(), "request:", "line {line}");
}

#[test]
fn adding_an_optional_request_field_to_the_real_spec_breaks_nothing() {
    let (endpoint, _) = documented_request_field(&load(&spec_path()));
    let mut yaml = real_spec_yaml();
    let request = endpoint_mut(&mut yaml, &endpoint)
        .get_mut("request")
        .and_then(serde_yaml::Value::as_mapping_mut)
        .expect("a request map");
    let field: serde_yaml::Value =
        serde_yaml::from_str("{type: string, zh: 备注, en: A note kept with the request}")
            .expect("YAML");
    request.insert("remark".into(), field);
    let new = write_temp(&yaml);

    let outcome = run(&Options {
        fail_on: FailOn::Warning,
        ..options(spec_path().display().to_string(), Some(new.path()))
    });
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    let changes = changes(&outcome);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["rule"], "request-field-added-optional");
    assert_eq!(
        changes[0]["yaml_path"],
        format!("endpoints.{endpoint}.request.remark")
    );
    assert_eq!(
        (&changes[0]["wire"], &changes[0]["rust"]),
        (&Value::from("safe"), &Value::from("safe"))
    );
    assert_eq!(json(&outcome)["versioning"]["needed_bump"], "minor");
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=diff test",
            "-c",
            "user.email=diff@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn compares_git_revisions_in_a_scratch_repository() {
    let repo = tempfile::tempdir().expect("a temporary directory");
    let spec = repo.path().join("spec/verycloud.yaml");
    std::fs::create_dir_all(repo.path().join("spec")).expect("mkdir");
    git(repo.path(), &["init", "-q"]);
    for side in ["old", "new"] {
        std::fs::copy(fixture("request-field-removed", side), &spec).expect("copy");
        git(repo.path(), &["add", "spec/verycloud.yaml"]);
        git(repo.path(), &["commit", "-q", "-m", side]);
    }
    let by_files = run(&options(
        fixture("request-field-removed", "old")
            .display()
            .to_string(),
        Some(&fixture("request-field-removed", "new")),
    ));
    let in_repo = |old: &str, new: Option<&str>| {
        let options = Options {
            new: new.map(str::to_owned),
            ..options(old, None)
        };
        command::run(&options, repo.path())
    };

    let by_revisions = in_repo(
        "HEAD~1:spec/verycloud.yaml",
        Some("HEAD:spec/verycloud.yaml"),
    )
    .expect("both revisions load");
    assert_eq!(by_revisions.exit_code, 1);
    assert_eq!(changes(&by_revisions), changes(&by_files));
    assert_eq!(
        json(&by_revisions)["old"]["source"],
        "HEAD~1:spec/verycloud.yaml"
    );

    // NEW defaults to the repository's working tree, which holds the second commit.
    let against_tree = in_repo("HEAD~1:spec/verycloud.yaml", None).expect("loads");
    assert_eq!(changes(&against_tree), changes(&by_files));
    assert_eq!(json(&against_tree)["new"]["source"], "spec/verycloud.yaml");
    let unchanged = in_repo("HEAD:spec/verycloud.yaml", None).expect("loads");
    assert_eq!((unchanged.exit_code, changes(&unchanged).len()), (0, 0));

    let bad = in_repo("no-such-rev:spec/verycloud.yaml", None).expect_err("no such revision");
    assert!(
        bad.to_string()
            .starts_with("OLD (no-such-rev:spec/verycloud.yaml) cannot be read"),
        "{bad}"
    );
}

#[test]
fn an_invalid_side_is_an_error_that_names_it() {
    let broken = tempfile::Builder::new()
        .suffix(".yaml")
        .tempfile()
        .expect("a temporary file");
    std::fs::write(broken.path(), "info: {title: T}\n").expect("writable");
    let error = command::run(
        &options(
            fixture("docs-only", "old").display().to_string(),
            Some(broken.path()),
        ),
        &project_root(),
    )
    .expect_err("NEW is invalid");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("NEW ({}) is invalid:\n", broken.path().display())),
        "{message}"
    );
}

fn exit_code(case: &str, fail_on: FailOn, check_version: bool) -> u8 {
    let options = Options {
        fail_on,
        check_version,
        ..options(
            fixture(case, "old").display().to_string(),
            Some(&fixture(case, "new")),
        )
    };
    run(&options).exit_code
}

#[test]
fn fail_on_sets_the_threshold() {
    // read-only-changed reports warnings only; request-field-removed a breaking change;
    // docs-only information only.
    assert_eq!(exit_code("read-only-changed", FailOn::Breaking, false), 0);
    assert_eq!(exit_code("read-only-changed", FailOn::Warning, false), 1);
    assert_eq!(exit_code("read-only-changed", FailOn::Never, false), 0);
    assert_eq!(
        exit_code("request-field-removed", FailOn::Breaking, false),
        1
    );
    assert_eq!(
        exit_code("request-field-removed", FailOn::Warning, false),
        1
    );
    assert_eq!(exit_code("request-field-removed", FailOn::Never, false), 0);
    assert_eq!(exit_code("docs-only", FailOn::Warning, false), 0);
}

#[test]
fn check_version_fails_when_the_version_was_not_bumped_enough() {
    // Documentation changes need a patch bump: 0.1.0 → 0.1.0 fails, 0.1.0 → 0.1.1 passes.
    assert_eq!(exit_code("docs-only", FailOn::Never, true), 1);
    assert_eq!(exit_code("version-and-docs", FailOn::Never, true), 0);
    let notes = run(&Options {
        fail_on: FailOn::Never,
        check_version: true,
        ..options(
            fixture("docs-only", "old").display().to_string(),
            Some(&fixture("docs-only", "new")),
        )
    })
    .notes;
    assert_eq!(
        notes,
        ["info.version 0.1.0 → 0.1.0: the changes need a patch bump, so at least 0.1.1"]
    );
    let annotations = run(&Options {
        format: Format::Github,
        fail_on: FailOn::Never,
        check_version: true,
        ..options(
            fixture("docs-only", "old").display().to_string(),
            Some(&fixture("docs-only", "new")),
        )
    })
    .output;
    let last = annotations.lines().last().unwrap_or_default();
    let file = fixture("docs-only", "new");
    let file = file
        .strip_prefix(project_root())
        .unwrap_or(&file)
        .display()
        .to_string();
    assert_eq!(
        last,
        format!(
            "::error file={file},line=5::info.version 0.1.0 → 0.1.0: the changes need a patch bump, so at least 0.1.1"
        )
    );

    // A breaking change to a 0.x crate needs the minor component bumped.
    let with_version = |version: &str| {
        let text =
            std::fs::read_to_string(fixture("request-field-removed", "new")).expect("readable");
        let file = tempfile::Builder::new()
            .suffix(".yaml")
            .tempfile()
            .expect("a temporary file");
        std::fs::write(
            file.path(),
            text.replacen("version: 0.1.0", &format!("version: {version}"), 1),
        )
        .expect("writable");
        let options = Options {
            fail_on: FailOn::Never,
            check_version: true,
            ..options(
                fixture("request-field-removed", "old")
                    .display()
                    .to_string(),
                Some(file.path()),
            )
        };
        run(&options).exit_code
    };
    assert_eq!(with_version("0.1.1"), 1);
    assert_eq!(with_version("0.2.0"), 0);
    assert_eq!(with_version("1.0.0"), 0);
}
