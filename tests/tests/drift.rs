//! `docs-drift` against fixture docs (tests/fixtures/drift/docs.txt, in the vendor's layout)
//! and the fixture spec that accounts for them; each test edits the docs the way a vendor
//! might and snapshots the report.

use std::path::PathBuf;

use docs_drift::{DiffKind, Drift, SpecFile, compare, read_docs, report, skeleton};
use verycloud_tests::project_root;

const DOCS_NAME: &str = "fixtures/drift/docs.txt";
const SPEC_NAME: &str = "fixtures/drift/spec.yaml";

fn fixture(name: &str) -> PathBuf {
    project_root()
        .join("tests")
        .join("fixtures")
        .join("drift")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn fixture_spec() -> SpecFile {
    SpecFile::load(&fixture("spec.yaml"))
        .unwrap_or_else(|d| panic!("the fixture spec is invalid:\n{d}"))
}

/// The fixture docs with `from` (which must occur) replaced by `to`.
fn docs_with(from: &str, to: &str) -> String {
    let docs = read("docs.txt");
    assert!(docs.contains(from), "the fixture docs lack `{from}`");
    docs.replace(from, to)
}

fn drift_of(docs: &str) -> Drift {
    compare(&read_docs(docs), &fixture_spec())
}

fn markdown(drift: &Drift) -> String {
    report::markdown(
        drift,
        report::Sources {
            docs: DOCS_NAME,
            spec: SPEC_NAME,
        },
    )
}

/// The kinds and locations of the differences nothing explains.
fn unexplained(drift: &Drift) -> Vec<(DiffKind, String)> {
    drift
        .differences()
        .filter(|d| !d.is_explained())
        .map(|d| (d.kind, d.location.clone()))
        .collect()
}

#[test]
fn no_drift_when_the_spec_explains_every_difference() {
    let drift = drift_of(&read("docs.txt"));
    assert!(drift.is_accounted_for());
    assert_eq!(drift.read_problems, []);
    // The fixture's quirks are all found, and all explained.
    let kinds: Vec<DiffKind> = drift.differences().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            DiffKind::ReplyExampleInvalid,
            DiffKind::Type,
            DiffKind::CurlUrl,
            DiffKind::ReplyExampleInvalid,
            DiffKind::RequestExampleInvalid,
            DiffKind::Type,
            DiffKind::ReplyExampleInvalid,
        ]
    );
    insta::assert_snapshot!("no_drift", markdown(&drift));
    insta::assert_snapshot!(
        "no_drift_json",
        report::json(
            &drift,
            report::Sources {
                docs: DOCS_NAME,
                spec: SPEC_NAME
            }
        )
    );
}

#[test]
fn a_new_endpoint_is_unexplained() {
    let docs = read("docs.txt") + &read("new-endpoint.txt");
    let drift = drift_of(&docs);
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::EndpointOnlyInDocs, "path".to_owned())]
    );
    insta::assert_snapshot!("new_endpoint", markdown(&drift));
}

#[test]
fn a_parameter_the_docs_drop_is_unexplained() {
    let drift = drift_of(&docs_with("tel string 联系电话\n", ""));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::ParamAdded, "request.tel".to_owned())]
    );
    insta::assert_snapshot!("parameter_removed", markdown(&drift));
}

#[test]
fn a_changed_type_word_reopens_the_type_departure() {
    // The spec's `type` departure on qq quotes `int`; it no longer says what the docs say.
    let drift = drift_of(&docs_with("qq int QQ", "qq decimal QQ"));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::Type, "request.qq".to_owned())]
    );
    insta::assert_snapshot!("type_word_changed", markdown(&drift));
}

#[test]
fn a_renamed_path_pairs_by_title() {
    let drift = drift_of(&docs_with(
        "/API/profile/groupUpdate",
        "/API/profile/groupEdit",
    ));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::PathRenamed, "path".to_owned())]
    );
    let renamed = drift
        .endpoints
        .iter()
        .find(|e| e.path == "/API/profile/groupEdit")
        .expect("the renamed endpoint");
    assert_eq!(renamed.operation.as_deref(), Some("groupUpdate"));
    // Its parameters and examples are still compared: the request example's repair is still explained.
    assert!(
        renamed
            .differences
            .iter()
            .any(|d| d.kind == DiffKind::RequestExampleInvalid && d.is_explained())
    );
    insta::assert_snapshot!("renamed_path", markdown(&drift));
}

#[test]
fn an_example_field_the_spec_lacks_is_unexplained() {
    let drift = drift_of(&docs_with(
        "\"name\": \"example_user\",",
        "\"name\": \"example_user\",\n\"level\": \"3\",",
    ));
    assert_eq!(
        unexplained(&drift),
        [(
            DiffKind::ReplyExample,
            "reply example: data.level".to_owned()
        )]
    );
    let level = drift
        .differences()
        .find(|d| d.location == "reply example: data.level")
        .map(|d| d.message.as_str());
    assert_eq!(
        level,
        Some(
            "the docs' example has `data.level`; the spec's type `ProfileDetail` has no such field and the spec's example lacks it"
        )
    );
    insta::assert_snapshot!("unexplained_example_field", markdown(&drift));
}

#[test]
fn a_repair_recorded_for_one_broken_line_does_not_cover_another() {
    // The docs fix the trailing comma the spec's departure quotes, and make a new one.
    let docs = docs_with("\"tel\": \"0510-86991216\",", "\"tel\": \"0510-86991216\"").replace(
        "\"name\": \"example_subuser\"",
        "\"name\": \"example_subuser\",",
    );
    let drift = drift_of(&docs);
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::ReplyExampleInvalid, "reply example".to_owned())]
    );
    let remedy = drift.differences().find_map(|d| d.remedy.as_deref());
    assert_eq!(
        remedy,
        Some(
            "correct the spec, or record a `reply-example` departure on `endpoints.detail` whose `docs` quotes the broken line `\"name\": \"example_subuser\",`"
        )
    );
}

#[test]
fn a_changed_description_is_unexplained() {
    let drift = drift_of(&docs_with("tel string 联系电话", "tel string 联系电话号码"));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::Description, "request.tel".to_owned())]
    );
    let message = drift
        .differences()
        .find(|d| !d.is_explained())
        .map(|d| d.message.as_str());
    assert_eq!(
        message,
        Some("the docs' description is \"联系电话号码\"; the spec's `zh` is \"联系电话\"")
    );
}

#[test]
fn what_the_reader_cannot_read_fails_the_check() {
    let docs = docs_with(
        "更新资料\n\n接口地址\nhttps://api3.verycloud.cn/API/profile/update\nHTTP请求方式\nPOST\n",
        "更新资料\n\n接口地址\nhttps://api3.verycloud.cn/API/profile/update\n",
    );
    let drift = drift_of(&docs);
    assert!(unexplained(&drift).is_empty());
    assert!(!drift.is_accounted_for());
    assert!(markdown(&drift).contains(
        "## Unreadable parts of the docs\n\n- line 61: endpoint `更新资料` has no `HTTP请求方式` section\n"
    ));
}

#[test]
fn a_departure_still_marked_todo_fails_validation_before_it_can_explain_anything() {
    let spec = read("spec.yaml").replace(
        "why: A QQ number is an identifier, not a quantity.",
        "why: \"TODO: check what QQ numbers are\"",
    );
    let diagnostics = SpecFile::parse("spec.yaml", &spec)
        .map(|_| ())
        .expect_err("a draft departure does not validate");
    let found: Vec<(Option<usize>, &str)> = diagnostics
        .0
        .iter()
        .map(|d| (d.line, d.yaml_path.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            line_of(&spec, "TODO: check what QQ numbers are"),
            "endpoints.update.request.qq.departures[0].why"
        )]
    );
}

#[test]
fn the_fixture_docs_hold_the_quirks_the_reader_must_tolerate() {
    let docs = read_docs(&read("docs.txt"));
    assert_eq!(docs.problems, []);
    assert_eq!(docs.endpoints.len(), 6);
    let perm = &docs.endpoints[3];
    let perms = perm
        .params
        .iter()
        .find(|p| p.name == "perms")
        .expect("the perms row");
    assert_eq!(
        perms.description,
        "权限,例如:{'1': [1,2,3], '2': [3,4,5]} 类型包括:1 云主机 2 云硬盘"
    );
    assert_eq!(
        perms.last_line,
        perms.line + 1,
        "the row wraps onto the next line"
    );
    let curl_url = perm
        .curl
        .as_ref()
        .and_then(|c| c.url.as_ref())
        .map(|u| u.path.as_str());
    assert_eq!(curl_url, Some("/API/profile/update"));
    let group_update = docs.endpoints[4]
        .curl
        .as_ref()
        .and_then(|c| c.body.as_ref())
        .expect("a request body");
    assert!(group_update.invalid.is_some());
    assert_eq!(
        group_update.value,
        Some(
            serde_json::json!({"token": "5d8531de68ae272eacb8670afe084d60", "id": 1571234567, "name": "测试组"})
        )
    );
}

/// The skeleton, merged into the spec's `types` and `endpoints` as a person would paste it.
fn merge(spec: &str, skeleton: &str) -> String {
    let mut spec: serde_yaml::Value = serde_yaml::from_str(spec).expect("the fixture spec is YAML");
    let skeleton: serde_yaml::Value = serde_yaml::from_str(skeleton).expect("the skeleton is YAML");
    for section in ["types", "endpoints"] {
        let Some(drafted) = skeleton
            .get(section)
            .and_then(serde_yaml::Value::as_mapping)
        else {
            continue;
        };
        let target = spec
            .get_mut(section)
            .and_then(serde_yaml::Value::as_mapping_mut)
            .expect("the spec has the section");
        for (key, value) in drafted {
            assert!(
                target.insert(key.clone(), value.clone()).is_none(),
                "the skeleton redefines {key:?}"
            );
        }
    }
    serde_yaml::to_string(&spec).expect("YAML out")
}

/// A merged skeleton as a person who agrees with every guess leaves it: the TODO markers gone.
fn settled(merged: &str) -> String {
    merged.replace("TODO: ", "")
}

#[test]
fn a_pasted_skeleton_fails_validation_at_each_draft_and_accounts_for_its_endpoint_once_settled() {
    let docs_text = read("docs.txt") + &read("new-endpoint.txt");
    let docs = read_docs(&docs_text);
    let drafted = skeleton(&docs, &fixture_spec().api, DOCS_NAME);
    insta::assert_snapshot!("skeleton", drafted);

    // Pasted unchanged, it fails validation with every draft listed at its line, and nothing
    // else: the rest of the draft is a valid spec.
    let merged = merge(&read("spec.yaml"), &drafted);
    let diagnostics = SpecFile::parse("merged.yaml", &merged)
        .map(|_| ())
        .expect_err("a spec holding drafts does not validate");
    assert_eq!(diagnostics.0.len(), merged.matches("TODO: ").count());
    for diagnostic in &diagnostics.0 {
        assert!(
            diagnostic
                .message
                .contains("is still a draft left for a person")
                && diagnostic.line.is_some(),
            "{diagnostic}"
        );
    }
    assert!(
        diagnostics
            .0
            .iter()
            .any(|d| d.yaml_path == "endpoints.payFlowAdd.en"
                && d.message.contains("TODO: translate \"流量包购买\""))
    );

    let merged = SpecFile::parse("merged.yaml", &settled(&merged))
        .unwrap_or_else(|d| panic!("the settled skeleton does not validate:\n{d}"));
    let drafted_endpoint = merged
        .api
        .endpoints
        .iter()
        .find(|e| e.path == "/API/cdn/payFlowAdd")
        .expect("the drafted endpoint");
    assert_eq!(drafted_endpoint.name, "payFlowAdd");
    // Now in the spec, the endpoint is compared like any other, and the draft's departures
    // account for it.
    let drift = compare(&docs, &merged);
    assert!(drift.is_accounted_for(), "{}", markdown(&drift));
}

#[test]
fn the_skeleton_follows_the_specs_rules_where_the_docs_show_enough() {
    // A group's detail, documented between two endpoints of the `subaccounts` group, in the
    // directory where most of the spec's endpoints are `profile`'s.
    let added = "\
子账号组详情

接口地址
https://api3.verycloud.cn/API/profile/groupDetail
HTTP请求方式
POST
请求参数
名称 类型 必须 说明
token string 密钥
id int 子账号组ID
请求示例
curl -i -X POST https://api3.verycloud.cn/API/profile/groupDetail 
 -d '{\"token\": \"5d8531de68ae272eacb8670afe084d60\", \"id\": 1571234567}'
响应示例
{
 \"code\": 1,
 \"message\": \"操作完成\",
 \"data\": {
  \"gid\": \"1571234567\",
  \"name\": \"测试组\",
  \"balance\": \"300.00\",
  \"phone\": \"13584145363\"
 }
}

";
    let docs = docs_with("更新子账号组\n", &format!("{added}更新子账号组\n"));
    let drafted = skeleton(&read_docs(&docs), &fixture_spec().api, DOCS_NAME);
    let yaml: serde_yaml::Value = serde_yaml::from_str(&drafted).expect("YAML");
    let at = |path: &[&str]| -> Option<String> {
        let mut value = &yaml;
        for key in path {
            value = value.get(*key)?;
        }
        match value {
            serde_yaml::Value::String(text) => Some(text.clone()),
            serde_yaml::Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }
    };
    let endpoint = ["endpoints", "groupDetail"];
    assert_eq!(
        at(&[endpoint[0], endpoint[1], "group"]).as_deref(),
        Some("subaccounts"),
        "{drafted}"
    );
    assert_eq!(
        at(&[endpoint[0], endpoint[1], "reply", "data", "required"]).as_deref(),
        Some("true")
    );
    let field = |name: &str| {
        (
            at(&["types", "GroupDetailData", "fields", name, "type"]),
            at(&["types", "GroupDetailData", "fields", name, "wire"]),
        )
    };
    let typed = |ty: &str, wire: Option<&str>| (Some(ty.to_owned()), wire.map(str::to_owned));
    assert_eq!(field("gid"), typed("integer", Some("either")), "{drafted}");
    assert_eq!(field("balance"), typed("decimal", Some("either")));
    assert_eq!(field("phone"), typed("string", None));
    assert_eq!(field("name"), typed("string", None));
}

#[test]
fn the_skeleton_is_empty_when_the_spec_has_every_endpoint() {
    let drafted = skeleton(
        &read_docs(&read("docs.txt")),
        &fixture_spec().api,
        DOCS_NAME,
    );
    let parsed: serde_yaml::Value = serde_yaml::from_str(&drafted).expect("YAML");
    assert_eq!(
        parsed
            .get("endpoints")
            .and_then(serde_yaml::Value::as_mapping)
            .map(|m| m.len()),
        Some(0)
    );
    assert!(parsed.get("types").is_none());
}

#[test]
fn the_skeleton_of_every_real_endpoint_the_fixture_spec_lacks_validates_once_settled() {
    let Some(text) = real_docs() else {
        return;
    };
    let docs = read_docs(&text);
    let drafted = skeleton(&docs, &fixture_spec().api, "verycloud-api-docs.txt");
    let merged = settled(&merge(&read("spec.yaml"), &drafted));
    let merged = SpecFile::parse("merged.yaml", &merged)
        .unwrap_or_else(|d| panic!("the merged skeleton does not validate:\n{d}"));
    assert_eq!(
        merged.api.endpoints.len(),
        35,
        "the fixture's 6 and 29 drafted"
    );
    let drift = compare(&docs, &merged);
    assert!(
        !drift
            .differences()
            .any(|d| d.kind == DiffKind::EndpointOnlyInDocs)
    );
}

/// The vendor's docs live beside the repository, not in it.
fn real_docs() -> Option<String> {
    let path = project_root()
        .join("..")
        .join("shared")
        .join("verycloud-api-docs.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("skipped: the vendor's docs are not at {}", path.display());
            None
        }
    }
}

#[test]
fn the_real_docs_read_without_problems() {
    let Some(text) = real_docs() else {
        return;
    };
    let docs = read_docs(&text);
    assert_eq!(docs.problems, []);
    assert_eq!(docs.endpoints.len(), 35);
    for endpoint in &docs.endpoints {
        assert!(
            endpoint.url.is_some() && endpoint.curl.is_some(),
            "{}: address and curl command",
            endpoint.title
        );
        assert!(
            endpoint
                .reply_example
                .as_ref()
                .is_some_and(|r| r.value.is_some()),
            "{}: a reply",
            endpoint.title
        );
        assert!(
            !endpoint.params.is_empty(),
            "{}: a parameter table",
            endpoint.title
        );
    }
    let perms = docs
        .endpoints
        .iter()
        .flat_map(|e| &e.params)
        .find(|p| p.name == "perms")
        .expect("subaccountPerm's perms");
    assert!(
        perms
            .description
            .ends_with("类型包括:1 云主机 2 云硬盘 3 安全组 4 私有网络 5 云分发 6 云dns")
    );
    let curl_elsewhere: Vec<&str> = docs
        .endpoints
        .iter()
        .filter(|e| {
            e.curl
                .as_ref()
                .and_then(|c| c.url.as_ref())
                .map(|u| &u.path)
                != e.url.as_ref().map(|u| &u.path)
        })
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(curl_elsewhere, ["创建子账号", "代金券余额"]);
}

#[test]
fn the_spec_accounts_for_the_real_docs() {
    let Some(text) = real_docs() else {
        return;
    };
    let spec = SpecFile::load(&verycloud_tests::spec_path())
        .unwrap_or_else(|d| panic!("spec/verycloud.yaml is invalid:\n{d}"));
    let drift = compare(&read_docs(&text), &spec);
    assert!(
        drift.is_accounted_for(),
        "{}",
        report::markdown(
            &drift,
            report::Sources {
                docs: "verycloud-api-docs.txt",
                spec: "spec/verycloud.yaml"
            }
        )
    );
}

// Docs as people save them: a web page copied into an editor leaves characters no one sees.

#[test]
fn examples_indented_with_zero_width_spaces_read_as_the_page_shows_them() {
    let original = read("docs.txt");
    let zero_width = original.replace('\u{a0}', "\u{200b}");
    assert_ne!(
        zero_width, original,
        "the fixture indents with no-break spaces"
    );
    let drift = drift_of(&zero_width);
    assert_eq!(drift.read_problems, []);
    assert_eq!(drift.endpoints, drift_of(&original).endpoints);
    let invisible: Vec<(&str, &str, usize)> = drift
        .invisible
        .iter()
        .map(|i| (i.code_point.as_str(), i.name.as_str(), i.count))
        .collect();
    assert_eq!(invisible, [("U+200B", "ZERO WIDTH SPACE", 158)]);
    let report = markdown(&drift);
    assert!(
        report.contains(
            "## Invisible characters in the docs\n\nRead as nothing, as a reader of the web page sees them; keep them out of the spec.\n\n- U+200B ZERO WIDTH SPACE: 158 times, on lines 18, 19, 20, 21, 40, 41, 42, 43, 44, 45 and 36 more\n"
        ),
        "{report}"
    );
}

#[test]
fn a_zero_width_space_after_a_parameter_name_leaves_the_row_a_row() {
    let docs = docs_with("tel string 联系电话", "tel\u{200b} string 联系电话");
    let read = read_docs(&docs);
    let update = &read.endpoints[2];
    let rows: Vec<(&str, usize, &str)> = update
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.line, p.description.as_str()))
        .collect();
    assert_eq!(
        rows[..2],
        [("token", 67, "密钥"), ("tel", 68, "联系电话")],
        "the row is its own, not the token's description"
    );
    let drift = drift_of(&docs);
    assert!(drift.is_accounted_for(), "{}", markdown(&drift));
    assert_eq!(
        drift.invisible[0].lines,
        [68],
        "the report says where the character was"
    );
}

#[test]
fn a_zero_width_space_ending_a_title_is_no_difference() {
    let drift = drift_of(&docs_with("更新资料\n", "更新资料\u{200b}\n"));
    assert!(drift.is_accounted_for(), "{}", markdown(&drift));
    assert_eq!(drift.invisible[0].lines, [59]);
}

#[test]
fn an_invisible_character_in_a_reported_text_is_named_not_printed() {
    // The spec side keeps what its author pasted: a difference a reader cannot see, named.
    let spec = read("spec.yaml").replace("zh: 更新资料\n", "zh: \"更新资料\\u200B\"\n");
    let edited = SpecFile::parse("spec.yaml", &spec).unwrap_or_else(|d| panic!("{d}"));
    let drift = compare(&read_docs(&read("docs.txt")), &edited);
    let message = drift
        .differences()
        .find(|d| !d.is_explained())
        .map(|d| d.message.as_str());
    assert_eq!(
        message,
        Some(
            "the docs' title is \"更新资料\"; the spec's `zh` is \"更新资料⟨U+200B ZERO WIDTH SPACE⟩\""
        )
    );
    let report = markdown(&drift);
    assert!(!report.contains('\u{200b}'), "{report}");
    assert!(report.contains("to do: correct the spec, or record a `description` departure on `endpoints.update` whose `docs` quotes \"更新资料\""));
}

#[test]
fn line_endings_of_any_system_give_the_same_lines() {
    let original = read("docs.txt");
    let expected = drift_of(&original);
    for ending in ["\r\n", "\r"] {
        let drift = drift_of(&original.replace('\n', ending));
        assert_eq!(drift, expected, "line ending {ending:?}");
    }
}

#[test]
fn a_key_added_to_one_object_is_reported_where_it_was_added() {
    // `qq` stands in `data.profile` already; the vendor adds it to the sub-account too.
    let docs = docs_with(
        "\"name\": \"example_subuser\"",
        "\"name\": \"example_subuser\",\n\"qq\": \"111\"",
    );
    let added = docs
        .lines()
        .position(|line| line.contains("\"111\""))
        .map(|index| index + 1);
    let drift = drift_of(&docs);
    let reported: Vec<(DiffKind, &str, Option<usize>)> = drift
        .differences()
        .filter(|d| !d.is_explained())
        .map(|d| (d.kind, d.location.as_str(), d.docs_line))
        .collect();
    assert_eq!(
        reported,
        [(
            DiffKind::ReplyExample,
            "reply example: data.subaccounts[].qq",
            added
        )]
    );
}

#[test]
fn a_broken_example_is_reported_at_its_broken_line() {
    let drift = drift_of(&read("docs.txt"));
    let docs = read("docs.txt");
    let lines: Vec<&str> = docs.lines().collect();
    for difference in drift.differences().filter(|d| {
        matches!(
            d.kind,
            DiffKind::ReplyExampleInvalid | DiffKind::RequestExampleInvalid
        )
    }) {
        let line = difference.docs_line.expect("a line") - 1;
        let explanation = difference.explained_by.as_ref().expect("explained");
        let quote = explanation.docs.split('⏎').next().unwrap_or_default();
        assert!(
            lines[line].contains(quote.trim()) || quote.contains(lines[line].trim()),
            "line {} (`{}`) is not the broken line `{}`",
            line + 1,
            lines[line],
            explanation.docs
        );
    }
}

// Stale departures: the spec's ledger must change when the docs do.

/// The stale departures: path, spec line, message.
fn stale(drift: &Drift) -> Vec<(&str, Option<usize>, &str)> {
    drift
        .stale_departures
        .iter()
        .map(|s| (s.yaml_path.as_str(), s.spec_line, s.message.as_str()))
        .collect()
}

/// The 1-based line of `text` holding `needle`, which must occur once.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` should stand on one line");
    lines.first().copied()
}

#[test]
fn a_departure_for_a_comma_the_vendor_fixed_is_stale() {
    let drift = drift_of(&docs_with(
        "\"tel\": \"0510-86991216\",",
        "\"tel\": \"0510-86991216\"",
    ));
    assert!(unexplained(&drift).is_empty(), "the difference is gone");
    assert_eq!(
        stale(&drift),
        [(
            "endpoints.detail.departures[0]",
            line_of(&read("spec.yaml"), "docs: '\"tel\": \"0510-86991216\",'"),
            "stale departure: its `docs` quotes `\"tel\": \"0510-86991216\",`, but the docs' reply example no longer says so; remove it or update it"
        )]
    );
    assert!(
        !drift.is_accounted_for(),
        "a stale departure fails the check"
    );
    let report = markdown(&drift);
    assert!(
        report.contains(
            "0 unexplained; 1 stale departure(s).** The spec does not account for the docs."
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "## Stale departures\n\n- `endpoints.detail.departures[0]` (`reply-example` at `fixtures/drift/spec.yaml:"
        ),
        "{report}"
    );
}

#[test]
fn a_type_departure_whose_docs_word_changed_is_stale() {
    let drift = drift_of(&docs_with("qq int QQ", "qq decimal QQ"));
    assert_eq!(
        stale(&drift),
        [(
            "endpoints.update.request.qq.departures[0]",
            // The first of the two `docs: int`, qq's.
            read("spec.yaml")
                .lines()
                .position(|l| l.trim() == "docs: int")
                .map(|i| i + 1),
            "stale departure: its `docs` quotes `int`, but the docs' type word is now `decimal`; remove it or update it"
        )]
    );
}

#[test]
fn a_curl_url_departure_the_vendor_fixed_is_stale() {
    let docs = docs_with(
        "curl -i -X POST https://api3.verycloud.cn/API/profile/update \n -H \"Accept: application/json\" \n -H \"Content-Type: application/json; charset=utf-8\" \n -d '{\"token\": \"5d8531de68ae272eacb8670afe084d60\", \"uid\"",
        "curl -i -X POST https://api3.verycloud.cn/API/profile/subaccountPerm \n -H \"Accept: application/json\" \n -H \"Content-Type: application/json; charset=utf-8\" \n -d '{\"token\": \"5d8531de68ae272eacb8670afe084d60\", \"uid\"",
    );
    let drift = drift_of(&docs);
    assert!(unexplained(&drift).is_empty());
    let found = stale(&drift);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "endpoints.subaccountPerm.departures[0]");
    assert!(found[0].2.contains(
        "but the curl line now posts to `https://api3.verycloud.cn/API/profile/subaccountPerm`"
    ));
}

/// The fixture spec with `departure` (YAML lines at the indentation of a field's keys) added
/// after `after`, which must occur once.
fn spec_with(after: &str, departure: &str) -> SpecFile {
    let text = read("spec.yaml");
    assert_eq!(text.matches(after).count(), 1, "`{after}` once in the spec");
    let edited = text.replace(after, &format!("{after}{departure}"));
    SpecFile::parse("spec.yaml", &edited).unwrap_or_else(|d| panic!("{d}\n{edited}"))
}

#[test]
fn each_kind_of_departure_goes_stale_when_the_docs_stop_saying_what_it_quotes() {
    // (where, departure, docs edit, stale path, what the docs say now)
    type Case<'a> = (&'a str, &'a str, (&'a str, &'a str), &'a str, &'a str);
    let cases: [Case<'_>; 5] = [
        (
            "        zh: 联系电话\n",
            "        departures:\n          - {kind: description, docs: 联系电话, why: Kept short.}\n",
            ("tel string 联系电话", "tel string 手机号码"),
            "endpoints.update.request.tel.departures[0]",
            "the docs' description is now \"手机号码\"",
        ),
        (
            "        zh: 联系电话\n",
            "        departures:\n          - {kind: param-added, docs: '-', why: The table lacks it.}\n",
            ("", ""),
            "endpoints.update.request.tel.departures[0]",
            "the docs' table now has `tel`",
        ),
        (
            "    zh: 更新资料\n",
            "    departures:\n      - {kind: param-removed, docs: qq, why: Left out.}\n",
            ("", ""),
            "endpoints.update.departures[0]",
            "the spec's request now has `qq` too",
        ),
        (
            "    zh: 更新资料\n",
            "    departures:\n      - {kind: description, docs: 更新资料, why: As documented.}\n",
            ("更新资料\n", "修改资料\n"),
            "endpoints.update.departures[0]",
            "the docs' title is now \"修改资料\"",
        ),
        (
            "  AccountProfile:\n",
            "    departures:\n      - {kind: reply-example, docs: '\"fax\": \"1\"', why: The docs show a fax number.}\n",
            ("", ""),
            "types.AccountProfile.departures[0]",
            "no example of the docs says so",
        ),
    ];
    for (after, departure, (from, to), path, now) in cases {
        let spec = spec_with(after, departure);
        let docs = if from.is_empty() {
            read("docs.txt")
        } else {
            docs_with(from, to)
        };
        let drift = compare(&read_docs(&docs), &spec);
        let found: Vec<(&str, &str)> = drift
            .stale_departures
            .iter()
            .map(|s| (s.yaml_path.as_str(), s.message.as_str()))
            .collect();
        assert!(
            found.len() == 1 && found[0].0 == path && found[0].1.contains(now),
            "{departure}: {found:?}"
        );
        assert!(drift.stale_departures[0].spec_line.is_some());
    }
}

#[test]
fn departures_that_still_quote_the_docs_are_not_stale() {
    let drift = drift_of(&read("docs.txt"));
    assert_eq!(stale(&drift), []);
    // A `type` departure that explains nothing today but still names the docs' word holds.
    let spec = spec_with(
        "        zh: 联系电话\n",
        "        departures:\n          - {kind: type, docs: string, why: A number as text.}\n",
    );
    assert_eq!(stale(&compare(&read_docs(&read("docs.txt")), &spec)), []);
}

#[test]
fn a_row_the_vendor_added_is_reported_as_what_the_docs_now_have() {
    let drift = drift_of(&docs_with(
        "tel string 联系电话\n",
        "tel string 联系电话\nfax string 传真\n",
    ));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::ParamRemoved, "request.fax".to_owned())]
    );
    let report = markdown(&drift);
    assert!(
        report.contains(
            "- request.fax, line 69: the docs' table has `fax` (string, \"传真\"); the spec has no such request field (`param-removed`)\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("| the docs' table has a row the spec lacks | `param-removed` | 0 | 1 |"),
        "{report}"
    );
}

/// Each fixture endpoint's title line in `docs.txt`.
const TITLE_LINES: [(&str, u64); 6] = [
    ("authorize", 1),
    ("detail", 24),
    ("update", 59),
    ("subaccountPerm", 85),
    ("groupUpdate", 109),
    ("logs", 135),
];

/// The fixture spec as a spec that records where it read each endpoint: the fixture docs
/// (source `docs`) at each title line, plus `domainList`, an endpoint read only from an SDK
/// (source `sdk`) that the docs do not document.
fn spec_with_provenance() -> String {
    serde_yaml::to_string(&spec_with_provenance_yaml()).expect("YAML out")
}

fn spec_with_provenance_yaml() -> serde_yaml::Value {
    let mut spec: serde_yaml::Value =
        serde_yaml::from_str(&read("spec.yaml")).expect("the fixture spec is YAML");
    let sources: serde_yaml::Value = serde_yaml::from_str(
        "docs: {kind: docs, title: The fixture docs, file: docs.txt}\n\
         sdk: {kind: sdk, title: An SDK, url: 'https://example.test/sdk', file: src/Api.php}\n",
    )
    .expect("YAML");
    let root = spec.as_mapping_mut().expect("a mapping");
    root.insert("sources".into(), sources);
    let endpoints = root
        .get_mut("endpoints")
        .and_then(serde_yaml::Value::as_mapping_mut)
        .expect("endpoints");
    for (name, line) in TITLE_LINES {
        let endpoint = endpoints
            .get_mut(name)
            .and_then(serde_yaml::Value::as_mapping_mut)
            .unwrap_or_else(|| panic!("the fixture spec has `{name}`"));
        let citation: serde_yaml::Value =
            serde_yaml::from_str(&format!("[{{source: docs, line: {line}}}]")).expect("YAML");
        endpoint.insert("provenance".into(), citation);
    }
    let sdk_only: serde_yaml::Value = serde_yaml::from_str(
        r#"
path: /API/cdn/domainList
group: profile
zh: 频道列表
en: List the CDN domains.
token: true
read_only: true
provenance: [{source: sdk, method: domainList}]
request:
  page: {type: integer, zh: 页码, en: Page number.}
reply:
  data: {type: json, en: What the reply holds; no source shows it.}
examples:
  request: '{"token": "5d8531de68ae272eacb8670afe084d60", "page": 1}'
  reply: '{"code": 1, "message": "操作完成"}'
  constructed: [request, reply]
"#,
    )
    .expect("YAML");
    endpoints.insert("domainList".into(), sdk_only);
    spec
}

fn load(text: &str) -> SpecFile {
    SpecFile::parse("spec.yaml", text).unwrap_or_else(|d| panic!("{d}\n{text}"))
}

#[test]
fn endpoints_read_from_other_sources_are_not_expected_in_the_docs() {
    let api = load(&spec_with_provenance());
    assert_eq!(
        docs_drift::Scope::of(&api.api),
        docs_drift::Scope::Source("docs")
    );
    let drift = compare(&read_docs(&read("docs.txt")), &api);
    assert!(drift.is_accounted_for(), "{}", markdown(&drift));
    assert_eq!(
        drift.elsewhere,
        [docs_drift::Elsewhere {
            operation: "domainList".to_owned(),
            path: "/API/cdn/domainList".to_owned(),
            sources: vec!["sdk".to_owned()],
        }]
    );
    assert_eq!(drift.summary().endpoints_in_spec, 7);
    insta::assert_snapshot!("read_elsewhere", markdown(&drift));

    // Without the docs' source, the same spec expects every endpoint in the docs.
    let drift = docs_drift::compare_in(
        &read_docs(&read("docs.txt")),
        &api,
        docs_drift::Scope::Every,
    );
    assert!(drift.elsewhere.is_empty());
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::EndpointOnlyInSpec, "path".to_owned())]
    );
}

#[test]
fn an_endpoint_citing_the_docs_is_still_expected_in_them() {
    let docs = read("docs.txt");
    let cut = docs.find("日志列表").expect("the logs endpoint");
    let drift = compare(&read_docs(&docs[..cut]), &load(&spec_with_provenance()));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::EndpointOnlyInSpec, "path".to_owned())]
    );
    let missing = drift
        .endpoints
        .iter()
        .find(|e| !e.differences.is_empty() && e.docs_line.is_none())
        .and_then(|e| e.operation.as_deref());
    assert_eq!(missing, Some("logs"));
    assert_eq!(drift.elsewhere.len(), 1, "domainList is still not expected");
}

#[test]
fn a_stale_or_missing_citation_of_the_docs_is_unexplained() {
    // Two lines inserted above `detail` move every later title down by two.
    let docs = docs_with("个人资料\n", "\n\n个人资料\n");
    let drift = compare(&read_docs(&docs), &load(&spec_with_provenance()));
    let stale: Vec<(&str, usize)> = drift
        .endpoints
        .iter()
        .filter(|e| e.differences.iter().any(|d| d.kind == DiffKind::Provenance))
        .map(|e| {
            (
                e.operation.as_deref().unwrap_or(""),
                e.docs_line.unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        stale,
        [
            ("detail", 26),
            ("update", 61),
            ("subaccountPerm", 87),
            ("groupUpdate", 111),
            ("logs", 137)
        ]
    );
    let remedy = drift
        .differences()
        .find(|d| d.kind == DiffKind::Provenance)
        .and_then(|d| d.remedy.as_deref());
    assert_eq!(
        remedy,
        Some("cite the docs in `endpoints.detail.provenance` as `{source: docs, line: 26}`")
    );

    // The docs now document the SDK-only endpoint: it is compared, and its provenance must
    // cite them.
    let documented = read("docs.txt")
        + &read("docs.txt")[docs_title_block("日志列表")]
            .replace("/API/profile/logs", "/API/cdn/domainList");
    let drift = compare(&read_docs(&documented), &load(&spec_with_provenance()));
    assert!(drift.elsewhere.is_empty());
    let domain_list: Vec<&str> = drift
        .endpoints
        .iter()
        .filter(|e| e.operation.as_deref() == Some("domainList"))
        .flat_map(|e| e.differences.iter())
        .filter(|d| d.kind == DiffKind::Provenance)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        domain_list,
        ["the docs document it (line 167); its provenance does not cite `docs`"]
    );
}

/// The byte range of the endpoint block titled `title` in the fixture docs, to its end.
fn docs_title_block(title: &str) -> std::ops::RangeFrom<usize> {
    read("docs.txt").find(title).expect("the title")..
}

#[test]
fn a_departure_quoting_another_source_explains_nothing_in_the_docs() {
    // The `type` departure on update's qq quotes the docs' `int`; said of the SDK instead, it
    // no longer explains what the docs say.
    let mut spec = spec_with_provenance_yaml();
    let update = &mut spec["endpoints"]["update"];
    update["request"]["qq"]["departures"][0]["source"] = "sdk".into();
    update["provenance"]
        .as_sequence_mut()
        .expect("a list")
        .push(serde_yaml::from_str("{source: sdk, method: update}").expect("YAML"));
    let spec = serde_yaml::to_string(&spec).expect("YAML out");
    let drift = compare(&read_docs(&read("docs.txt")), &load(&spec));
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::Type, "request.qq".to_owned())]
    );
    // Compared as the SDK's text (were it in the docs' layout), the departure explains again.
    let drift = docs_drift::compare_in(
        &read_docs(&read("docs.txt")),
        &load(&spec),
        docs_drift::Scope::Source("sdk"),
    );
    assert!(
        drift
            .differences()
            .any(|d| d.kind == DiffKind::Type && d.is_explained())
    );
}

#[test]
fn the_skeleton_cites_the_docs_it_was_drafted_from() {
    let docs = read_docs(&(read("docs.txt") + &read("new-endpoint.txt")));
    let spec = spec_with_provenance();
    let drafted = skeleton(&docs, &load(&spec).api, DOCS_NAME);
    let merged = settled(&merge(&spec, &drafted));
    let api = load(&merged);
    let drafted_endpoint = api
        .api
        .endpoints
        .iter()
        .find(|e| e.path == "/API/cdn/payFlowAdd")
        .expect("the drafted endpoint");
    assert!(drafted_endpoint.cites("docs"));
    let drift = compare(&docs, &api);
    assert!(!drift.differences().any(|d| d.kind == DiffKind::Provenance));
}
