//! The minimal spec loads into the model the emitters read, with the names, paths, wire
//! encodings and examples the spec format promises.

use spec::model::{Api, CodeKind, EnumCode, Field, Scalar, TypeKind, TypeRef, Wire};
use spec::names::rust as names;

const MINIMAL: &str = include_str!("../../../tests/fixtures/specs/minimal.yaml");

fn api() -> Api {
    spec::load_api_str("minimal.yaml", MINIMAL)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
}

fn field<'a>(fields: &'a [Field], wire_name: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.wire_name == wire_name)
        .unwrap_or_else(|| panic!("no field `{wire_name}`"))
}

fn object_fields<'a>(api: &'a Api, name: &str) -> &'a [Field] {
    match api.named_type(name).map(|t| &t.kind) {
        Some(TypeKind::Object { fields }) => fields,
        other => panic!("`{name}` is not an object type: {other:?}"),
    }
}

#[test]
fn keyword_and_misspelt_field_names_pass_with_rust_names() {
    let api = api();
    let add = api
        .endpoints
        .iter()
        .find(|e| e.name == "subaccountAdd")
        .expect("subaccountAdd");
    let keyword = field(&add.request, "type");
    assert_eq!(
        (names::field(keyword).as_str(), keyword.yaml_path.as_str()),
        ("type_", "endpoints.subaccountAdd.request.type")
    );
    let misspelt = field(&add.request, "recieve_mail");
    assert_eq!(names::field(misspelt), "receive_mail");
    assert_eq!(
        names::field(field(object_fields(&api, "Subaccount"), "type")),
        "type_"
    );
}

#[test]
fn names_groups_endpoints_types_and_variants() {
    let api = api();
    let groups: Vec<_> = api
        .groups
        .iter()
        .map(|g| (names::accessor(g), names::group_type(&g.key)))
        .collect();
    assert_eq!(
        groups,
        [
            ("oauth".to_owned(), "OauthApi".to_owned()),
            ("profile".to_owned(), "ProfileApi".to_owned())
        ]
    );
    let endpoints: Vec<_> = api
        .endpoints
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                names::method(&e.name),
                names::request_struct(&e.name)
            )
        })
        .collect();
    assert_eq!(
        endpoints,
        [
            "authorize AuthorizeRequest",
            "balance BalanceRequest",
            "subaccount_list SubaccountListRequest",
            "subaccount_add SubaccountAddRequest",
        ]
    );
    let types: Vec<_> = api
        .types()
        .iter()
        .map(|t| (t.name.as_str(), t.yaml_path.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("SubaccountGroup", "types.SubaccountGroup"),
            ("AccountStatus", "types.AccountStatus"),
            ("AccountType", "types.AccountType"),
            ("Subaccount", "types.Subaccount"),
        ]
    );
    let Some(TypeKind::Enum { code, values }) = api.named_type("AccountStatus").map(|t| &t.kind)
    else {
        panic!("AccountStatus is an enum");
    };
    assert_eq!(*code, CodeKind::Integer);
    let variants: Vec<_> = values
        .iter()
        .map(|v| (&v.code, names::variant(v)))
        .collect();
    assert_eq!(
        variants,
        [
            (&EnumCode::Integer(0), "Disabled".to_owned()),
            (&EnumCode::Integer(1), "Enabled".to_owned())
        ]
    );
}

#[test]
fn resolves_types_wire_defaults_and_paths() {
    let api = api();
    let group_id = field(object_fields(&api, "SubaccountGroup"), "id");
    assert_eq!(
        (&group_id.ty, group_id.wire),
        (&TypeRef::Scalar(Scalar::Integer), Wire::Either)
    );
    assert_eq!(group_id.yaml_path, "types.SubaccountGroup.fields.id");
    assert_eq!(group_id.example, Some(serde_json::json!(144)));
    let subaccount = object_fields(&api, "Subaccount");
    assert_eq!(field(subaccount, "name").wire, Wire::String);
    assert_eq!(
        field(subaccount, "status").wire,
        Wire::String,
        "written `wire: string`"
    );
    assert_eq!(
        field(subaccount, "type").wire,
        Wire::String,
        "a string-coded enum"
    );
    assert!(field(subaccount, "group").nullable);

    let authorize = &api.endpoints[0];
    let token = field(&authorize.reply.fields, "access_token");
    assert_eq!(
        token.yaml_path,
        "endpoints.authorize.reply.fields.access_token"
    );
    assert_eq!(
        field(&authorize.reply.fields, "expires").wire,
        Wire::Number,
        "unixtime defaults to number"
    );
    assert!(!authorize.needs_token);
    assert!(authorize.reply.data.is_none());

    let balance = &api.endpoints[1];
    let data = balance.reply.data.as_ref().expect("balance has data");
    assert_eq!(
        (data.wire_name.as_str(), data.yaml_path.as_str()),
        ("data", "endpoints.balance.reply.data")
    );
    assert_eq!(
        (&data.ty, data.wire),
        (&TypeRef::Scalar(Scalar::Decimal), Wire::String)
    );

    let list = &api.endpoints[2];
    assert!(list.reply.paged);
    let page_data = list.reply.data.as_ref().expect("a page has data");
    assert_eq!(
        page_data.ty,
        TypeRef::List(Box::new(TypeRef::Named("Subaccount".to_owned())))
    );
    assert_eq!(list.request_example["limit"], serde_json::json!(10));
    assert_eq!(
        list.reply_example["data"][0]["uid"],
        serde_json::json!("1234566895")
    );
}

#[test]
fn keeps_info_and_login() {
    let info = api().info;
    assert_eq!(info.version, "0.1.0");
    assert_eq!(info.base_url, "https://api3.verycloud.cn");
    assert_eq!(info.envelope.success_code, 1);
    assert_eq!(info.login.endpoint, "authorize");
    assert_eq!(
        (
            info.login.access_token_field.as_str(),
            info.login.expires_field.as_str()
        ),
        ("access_token", "expires")
    );
}

#[test]
fn loads_the_fixture_from_its_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/specs/minimal.yaml");
    let from_file = spec::load_api(&path).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(from_file, api());
}

/// The recoveries of loading, each followed by the rest of the checks in the same run: a
/// departure that does not read is dropped, a field that does not read stands as `json`, a top
/// level key that is misspelt gets its "did you mean", and an endpoint that does not read is
/// left out without the login's reference to it being reported.
#[test]
fn loading_recovers_and_validation_checks_the_rest() {
    let text = MINIMAL
        .replacen(
            "      - kind: type\n        docs: \"int\"",
            "      - kind: tpye\n        docs: \"int\"",
            1,
        )
        .replacen(
            "        wire: either\n",
            "        wire: either\n        nullable: sometimes\n",
            1,
        )
        .replacen(
            "    token: false\n    read_only: false\n",
            "    token: false\n",
            1,
        )
        .replacen("groups:\n", "grops: {}\ngroups:\n", 1)
        .replacen("type: list<Subaccount>", "type: list<Subacount>", 1);
    let diagnostics = spec::load_api_str("recovering.yaml", &text).expect_err("invalid");
    let found: Vec<(String, String)> = diagnostics
        .0
        .iter()
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect();
    let says = |fragment: &str, hint: &str| {
        found
            .iter()
            .any(|(message, found_hint)| message.contains(fragment) && found_hint.contains(hint))
    };
    assert!(
        says("unknown variant `tpye`", "did you mean `type`?"),
        "{diagnostics}"
    );
    assert!(says("expected a boolean", ""), "{diagnostics}");
    assert!(says("missing field `read_only`", ""), "{diagnostics}");
    assert!(
        says("unknown top-level key `grops`", "did you mean `groups`?"),
        "{diagnostics}"
    );
    assert!(
        says("undefined type `Subacount`", "did you mean `Subaccount`?"),
        "{diagnostics}"
    );
    // `authorize` (the login endpoint) did not read: its absence is not reported again.
    assert!(
        !found
            .iter()
            .any(|(message, _)| message.contains("the login endpoint")),
        "{diagnostics}"
    );
    assert_eq!(found.len(), 5, "{diagnostics}");
    assert!(
        diagnostics.0.iter().all(|d| d.line.is_some()),
        "{diagnostics}"
    );
}
