//! Each file under `tests/fixtures/bad-specs/` is a small variation of the minimal spec with one
//! kind of mistake. Loading it must fail with diagnostics that each name a line and column and
//! say what the fixture is about; the full rendering of each is a snapshot.

use std::collections::BTreeSet;

use spec::Diagnostics;
use verycloud_tests::project_root;

const FIXTURES: &str = "tests/fixtures/bad-specs";

/// The diagnostics of one fixture, the file named relative to the workspace root so that
/// snapshots do not depend on where the checkout is.
fn diagnose(name: &str) -> Diagnostics {
    let relative = format!("{FIXTURES}/{name}.yaml");
    let text = std::fs::read_to_string(project_root().join(&relative))
        .unwrap_or_else(|error| panic!("cannot read {relative}: {error}"));
    match spec::load_api_str(&relative, &text) {
        Ok(_) => panic!("{relative} loaded without errors"),
        Err(diagnostics) => diagnostics,
    }
}

fn check(name: &str, expected: &[&str]) {
    let diagnostics = diagnose(name);
    let rendered = diagnostics.to_string();
    assert!(
        !diagnostics.0.is_empty(),
        "{name}: an error without diagnostics"
    );
    for diagnostic in &diagnostics.0 {
        assert!(
            diagnostic.line.is_some() && diagnostic.column.is_some(),
            "{name}: a diagnostic without line:col: {diagnostic}"
        );
        assert!(
            diagnostic.hint.is_some(),
            "{name}: a diagnostic without a hint: {diagnostic}"
        );
    }
    let positions: Vec<_> = diagnostics.0.iter().map(|d| (d.line, d.column)).collect();
    assert!(
        positions.is_sorted(),
        "{name}: diagnostics out of file order:\n{rendered}"
    );
    for fragment in expected {
        assert!(
            rendered.contains(fragment),
            "{name}: no diagnostic says {fragment:?}:\n{rendered}"
        );
    }
    insta::assert_snapshot!(name, rendered);
}

macro_rules! bad_specs {
    ($($test:ident: $file:literal => [$($expected:literal),+ $(,)?];)+) => {
        $(
            #[test]
            fn $test() {
                check($file, &[$($expected),+]);
            }
        )+
        const TESTED: &[&str] = &[$($file),+];
    };
}

bad_specs! {
    unknown_key: "unknown-key" => ["unknown field `requierd`", "unknown field `summary`"];
    duplicate_key: "duplicate-key" => ["duplicate key `id` (first at line 36)"];
    duplicate_path: "duplicate-path" => ["duplicate endpoint path `/API/profile/subaccountList`"];
    undefined_group: "undefined-group" => ["undefined group `account`"];
    undefined_type: "undefined-type" => ["undefined type `Team`", "did you mean `Subaccount`?"];
    bad_type_expression: "bad-type-expression" => ["bad type `list<`", "bad type `map<>`", "unknown scalar type `int`"];
    type_shape: "type-shape" => ["both `fields` and `enum`", "neither `fields` nor `enum`"];
    enum_code_kind: "enum-code-kind" => ["unknown enum code kind `number`"];
    enum_codes: "enum-codes" => ["the code \"1\" is not an integer", "the code 2 is not a string", "duplicate enum code 0"];
    enum_names: "enum-names" => ["duplicate enum name `user`", "both become the Rust variant `Finance`", "the variant `Unknown`"];
    field_name_collision: "field-name-collision" => ["both become the Rust field `user_name`"];
    reserved_field_name: "reserved-field-name" => ["a method the generated type already has"];
    cli_names: "cli-names" => [
        "becomes the command `verycloud help`, which the command-line tool has already",
        "becomes the flag `--json`, which the command-line tool takes for the whole request body",
        "gives no usable command-line flag (`--2nd`)",
        "becomes the command `verycloud help help`",
    ];
    invalid_rust_name: "invalid-rust-name" => ["`rust_name: receive-mail` is not a valid Rust identifier", "`rust_name: userId` is not snake_case"];
    wire_mismatch: "wire-mismatch" => ["`wire: number` on `string`", "`wire: either` on the string-coded enum", "unknown wire `text`"];
    example_invalid_json: "example-invalid-json" => ["not valid JSON: trailing comma", "not valid JSON: expected `,` or `}`"];
    example_nonconforming: "example-nonconforming" => [
        "`data[0].uid` is 1234566895 (a number)",
        "`data[0].nickname` is not a field the spec lists",
        "the required field `username` is missing",
        "which is not a code of `AccountType`",
        "not the success code 1",
        "`reply` declares no `data`",
    ];
    field_example_nonconforming: "field-example-nonconforming" => ["\"144 apples\" (a string)", "\"admin\", which is not a code"];
    paged_incomplete: "paged-incomplete" => ["the request has no `limit` field", "the reply has no `totalpage` field"];
    operation_constant: "operation-constant" => ["the operation `service` would be the constant `SERVICE`"];
    paged_counters: "paged-counters" => [
        "`paged: true` counts pages with `page`, but its type is `string`",
        "`paged: true` counts pages with `total`, but its type is `decimal`",
    ];
    login_mismatch: "login-mismatch" => ["`passwd` is not a request field", "`expires_in` is not a top-level reply field"];
    login_endpoint_missing: "login-endpoint-missing" => ["the login endpoint `login` is not an endpoint"];
    token_missing_from_example: "token-missing-from-example" => ["lacks the token field `token`", "the request lists the token field"];
    recursive_type: "recursive-type" => ["contains itself (SubaccountGroup → SubaccountGroup)"];
    info_values: "info-values" => ["is not semver", "is not an http(s) URL"];
    yaml_syntax: "yaml-syntax" => ["YAML syntax error"];
    method_collision: "method-collision" => ["both become the Rust method `subaccount_list`", "`subaccount_list_stream`", "is not camelCase"];
    type_name_collision: "type-name-collision" => ["is not PascalCase", "already a generated type of the operation `balance`"];
    missing_keys: "missing-keys" => ["missing field `read_only`", "missing field `en`", "expected a boolean"];
    secret_not_string: "secret-not-string" => ["`secret: true` on a field of type `integer`"];
    many_errors: "many-errors" => ["undefined group"];
    errors_in_one_run: "errors-in-one-run" => [
        "unknown field `requierd`",
        "did you mean `required`?",
        "unknown scalar type `integr`",
        "did you mean `integer`?",
        "undefined type `Team`",
        "invalid type: string \"maybe\", expected a boolean",
        "missing field `en`",
    ];
    merge_key: "merge-key" => ["YAML merge keys (`<<:`) are not supported", "write the keys out in full"];
    alias_bomb: "alias-bomb" => ["over the limit of 100000", "write the repeated part once"];
    group_client_method: "group-client-method" => [
        "`Client` already has a method `login`",
        "`Client` already has a method `builder`",
        "`Client` already has a method `clone`",
        "the group name `type` is a Rust keyword",
        "the groups `v2` and `v_2` both become the Rust type `V2Api`",
    ];
    integer_out_of_range: "integer-out-of-range" => [
        "`types.SubaccountGroup.fields.id.example`: example: the value is 9.876543210987654e+19 (a number), out of range for `integer`",
        "the value is \"98765432109876543210\" (a string), out of range for `integer`",
        "the code 9223372036854775808 is out of range",
        "out of range for `decimal`",
        "request example: `page` is 9.876543210987654e+19 (a number), out of range",
        "reply example: `data[0].uid` is \"-98765432109876543210\" (a string), out of range",
    ];
    sources: "sources" => [
        "a source of kind `docs` takes no `commit`",
        "a source of kind `sdk` needs `file`",
        "the title is empty",
        "is not an http(s) address",
        "`main` is not a commit id",
        "the source key `Cdn_Page` is not kebab-case",
        "a source of kind `page` needs `url`",
    ];
    provenance: "provenance" => [
        "the citation of `docs` lacks its `line`",
        "`method` does not point into `docs`",
        "undefined source `dosc`",
        "`subaccountList` does not say where it was read",
        "line 0 is no line",
        "`docs` is cited twice",
        "`CDNAPI::subaccountAdd` is not a method name",
        "undefined source `java-sdk`",
        "`reply` is listed twice",
    ];
    departure_source: "departure-source" => [
        "which the endpoint's provenance does not cite",
        "the departure does not say which source it quotes",
    ];
    skeleton_drafts: "skeleton-drafts" => ["`en` is still a draft left for a person: \"TODO: describe\"", "`why` is still a draft", "TODO: translate \"获取token\""];
    group_name_taken: "group-name-taken" => ["the runtime's `Client` already has a method `login`", "the runtime's `MockServer` already has a method `uri`"];
}

#[test]
fn every_fixture_has_a_test() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(project_root().join(FIXTURES))
        .expect("the bad-specs folder exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    let tested: BTreeSet<String> = TESTED.iter().map(|name| (*name).to_owned()).collect();
    assert_eq!(on_disk, tested);
    assert!(tested.len() >= 15);
}

/// One mistake in each of several elements: every one is reported, none hides another.
#[test]
fn reports_every_independent_error() {
    let diagnostics = diagnose("many-errors");
    let messages: Vec<&str> = diagnostics.0.iter().map(|d| d.message.as_str()).collect();
    let expected = [
        "the version `1.0` is not semver",
        "`wire: number` on `string`",
        "duplicate key `id`",
        "the code \"1\" is not an integer",
        "the example is not valid JSON",
        "undefined group `account`",
        "undefined type `SubAccount`",
    ];
    for fragment in expected {
        assert_eq!(
            messages.iter().filter(|m| m.contains(fragment)).count(),
            1,
            "expected one diagnostic saying {fragment:?} in {messages:#?}"
        );
    }
    assert_eq!(
        messages.len(),
        expected.len(),
        "unexpected extra diagnostics: {messages:#?}"
    );
}

/// Shape errors and the errors validation finds come in one run, each once: what loading could
/// not read is left out without its absence being reported again (`AccountType`, whose enum
/// value lacks `en`, is used by two fields and is not "undefined").
#[test]
fn shape_and_meaning_errors_come_in_one_run() {
    let diagnostics = diagnose("errors-in-one-run");
    let messages: Vec<&str> = diagnostics.0.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(
        messages.iter().all(|m| !m.contains("AccountType")),
        "{messages:#?}"
    );
}

/// Every method the client already has is refused as a group name, with a hint to rename the
/// group, whatever the method: the runtime's own (public or not) and those of its traits.
#[test]
fn every_client_method_is_refused_as_a_group_name() {
    let minimal = std::fs::read_to_string(project_root().join("tests/fixtures/specs/minimal.yaml"))
        .expect("the minimal spec is readable");
    let names = spec::names::rust::CLIENT_METHODS
        .iter()
        .chain(spec::names::rust::CLIENT_TRAIT_METHODS);
    for name in names {
        let text = minimal
            .replace(
                "  profile:\n    zh: 个人资料",
                &format!("  {name}:\n    zh: 个人资料"),
            )
            .replace("group: profile", &format!("group: {name}"));
        let diagnostics = spec::load_api_str("group.yaml", &text)
            .err()
            .unwrap_or_else(|| panic!("the group `{name}` was accepted"));
        let diagnostic = diagnostics
            .0
            .iter()
            .find(|d| d.yaml_path == format!("groups.{name}"))
            .unwrap_or_else(|| panic!("no diagnostic at `groups.{name}`:\n{diagnostics}"));
        assert!(
            diagnostic.message.contains("already has a method") && diagnostic.line.is_some(),
            "{diagnostic}"
        );
        assert!(
            diagnostic
                .hint
                .as_deref()
                .is_some_and(|hint| hint.contains("rename the group")),
            "{diagnostic}"
        );
    }
}

/// Shape errors (unknown keys, wrong YAML types) in separate elements are all reported.
#[test]
fn reports_shape_errors_in_every_element() {
    let diagnostics = diagnose("unknown-key");
    let paths: Vec<&str> = diagnostics.0.iter().map(|d| d.yaml_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "types.SubaccountGroup.fields.id.requierd",
            "endpoints.authorize.summary"
        ]
    );
}
