//! `docs-drift` against fixture docs (tests/fixtures/drift/docs.txt, in the vendor's layout)
//! and the fixture spec that accounts for them; each test edits the docs the way a vendor
//! might and snapshots the report.

use std::path::PathBuf;

use docs_drift::{DiffKind, Drift, compare, read_docs, report, skeleton};
use spec::model::Api;
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

fn fixture_spec() -> Api {
    spec::load_api(&fixture("spec.yaml"))
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
fn a_departure_still_marked_todo_explains_nothing() {
    let spec = read("spec.yaml").replace(
        "why: A QQ number is an identifier, not a quantity.",
        "why: \"TODO: check what QQ numbers are\"",
    );
    let api = spec::load_api_str("spec.yaml", &spec).unwrap_or_else(|d| panic!("{d}"));
    let drift = compare(&read_docs(&read("docs.txt")), &api);
    assert_eq!(
        unexplained(&drift),
        [(DiffKind::Type, "request.qq".to_owned())]
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

#[test]
fn the_skeleton_of_a_new_endpoint_validates_as_a_spec() {
    let docs_text = read("docs.txt") + &read("new-endpoint.txt");
    let docs = read_docs(&docs_text);
    let drafted = skeleton(&docs, &fixture_spec(), DOCS_NAME);
    insta::assert_snapshot!("skeleton", drafted);

    let merged = merge(&read("spec.yaml"), &drafted);
    let api = spec::load_api_str("merged.yaml", &merged)
        .unwrap_or_else(|d| panic!("the merged skeleton does not validate:\n{d}\n{merged}"));
    let drafted_endpoint = api
        .endpoints
        .iter()
        .find(|e| e.path == "/API/cdn/payFlowAdd")
        .expect("the drafted endpoint");
    assert_eq!(drafted_endpoint.name, "payFlowAdd");

    // Now in the spec, the endpoint is compared like any other; what is left unexplained is
    // what the draft's TODO departures await a person for.
    let drift = compare(&docs, &api);
    let remaining: Vec<(Option<&str>, DiffKind)> = drift
        .endpoints
        .iter()
        .flat_map(|e| {
            e.differences
                .iter()
                .filter(|d| !d.is_explained())
                .map(move |d| (e.operation.as_deref(), d.kind))
        })
        .collect();
    assert_eq!(
        remaining,
        [
            (Some("payFlowAdd"), DiffKind::Wire),
            (Some("payFlowAdd"), DiffKind::ReplyExampleInvalid)
        ]
    );
}

#[test]
fn the_skeleton_is_empty_when_the_spec_has_every_endpoint() {
    let drafted = skeleton(&read_docs(&read("docs.txt")), &fixture_spec(), DOCS_NAME);
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
fn the_skeleton_of_every_real_endpoint_the_fixture_spec_lacks_validates() {
    let Some(text) = real_docs() else {
        return;
    };
    let docs = read_docs(&text);
    let drafted = skeleton(&docs, &fixture_spec(), "verycloud-api-docs.txt");
    let merged = merge(&read("spec.yaml"), &drafted);
    let api = spec::load_api_str("merged.yaml", &merged)
        .unwrap_or_else(|d| panic!("the merged skeleton does not validate:\n{d}"));
    assert_eq!(api.endpoints.len(), 35, "the fixture's 6 and 29 drafted");
    let drift = compare(&docs, &api);
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
    let api = spec::load_api(&verycloud_tests::spec_path())
        .unwrap_or_else(|d| panic!("spec/verycloud.yaml is invalid:\n{d}"));
    let drift = compare(&read_docs(&text), &api);
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

fn load(text: &str) -> Api {
    spec::load_api_str("spec.yaml", text).unwrap_or_else(|d| panic!("{d}\n{text}"))
}

#[test]
fn endpoints_read_from_other_sources_are_not_expected_in_the_docs() {
    let api = load(&spec_with_provenance());
    assert_eq!(
        docs_drift::Scope::of(&api),
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
    let drafted = skeleton(&docs, &load(&spec), DOCS_NAME);
    let merged = merge(&spec, &drafted);
    let api = load(&merged);
    let drafted_endpoint = api
        .endpoints
        .iter()
        .find(|e| e.path == "/API/cdn/payFlowAdd")
        .expect("the drafted endpoint");
    assert!(drafted_endpoint.cites("docs"));
    let drift = compare(&docs, &api);
    assert!(!drift.differences().any(|d| d.kind == DiffKind::Provenance));
}
