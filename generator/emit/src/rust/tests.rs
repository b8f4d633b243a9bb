//! Unit tests on a small hand-built [`Api`]; the snapshot tests in `tests/` cover whole specs.

use serde_json::json;

use super::emit;
use crate::GeneratedFile;
use spec::model::*;

fn field(wire_name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        wire_name: wire_name.to_owned(),
        rust_name: None,
        ty,
        wire: Wire::Number,
        required,
        nullable: false,
        secret: false,
        zh: Some(format!("{wire_name} 说明")),
        en: format!("The {wire_name}."),
        example: None,
        notes: None,
        departures: Vec::new(),
        yaml_path: format!("test.{wire_name}"),
    }
}

fn scalar(scalar: Scalar) -> TypeRef {
    TypeRef::Scalar(scalar)
}

fn endpoint(name: &str, request: Vec<Field>, reply: Reply) -> Endpoint {
    Endpoint {
        name: name.to_owned(),
        path: format!("/API/profile/{name}"),
        group: "profile".to_owned(),
        zh: format!("{name} 标题"),
        en: format!("Does {name}."),
        needs_token: true,
        read_only: true,
        notes: None,
        provenance: Vec::new(),
        departures: Vec::new(),
        request,
        reply,
        request_example: json!({}),
        reply_example: json!({"code": 1}),
        constructed: Default::default(),
        yaml_path: format!("endpoints.{name}"),
    }
}

fn data(ty: TypeRef, required: bool) -> Option<Field> {
    Some(field("data", ty, required))
}

fn api() -> Api {
    let mut receive_mail = field("recieve_mail", scalar(Scalar::Flag), false);
    receive_mail.rust_name = Some("receive_mail".to_owned());
    let mut kind = field("type", TypeRef::Named("Status".to_owned()), true);
    kind.wire = Wire::String;
    let account = NamedType {
        name: "Account".to_owned(),
        zh: None,
        en: "An account [with brackets] at http://example.cn.".to_owned(),
        notes: None,
        departures: Vec::new(),
        kind: TypeKind::Object {
            fields: vec![
                field("uid", scalar(Scalar::Integer), true),
                field("price", scalar(Scalar::Decimal), false),
                field("created", scalar(Scalar::DateTime), false),
                field(
                    "tags",
                    TypeRef::List(Box::new(scalar(Scalar::String))),
                    false,
                ),
            ],
        },
        yaml_path: "types.Account".to_owned(),
    };
    let status = NamedType {
        name: "Status".to_owned(),
        zh: Some("状态".to_owned()),
        en: "Account status.".to_owned(),
        notes: None,
        departures: Vec::new(),
        kind: TypeKind::Enum {
            code: CodeKind::Integer,
            values: vec![
                EnumValue {
                    code: EnumCode::Integer(0),
                    name: "off".into(),
                    zh: Some("关闭".into()),
                    en: "Off.".into(),
                },
                EnumValue {
                    code: EnumCode::Integer(-1),
                    name: "gone".into(),
                    zh: None,
                    en: "Gone.".into(),
                },
            ],
        },
        yaml_path: "types.Status".to_owned(),
    };
    let account_ref = TypeRef::Named("Account".to_owned());
    let no_fields = Reply {
        data: None,
        fields: Vec::new(),
        paged: false,
    };
    let mut password = field("password", scalar(Scalar::String), true);
    password.secret = true;
    let mut authorize = endpoint(
        "authorize",
        vec![field("username", scalar(Scalar::String), true), password],
        Reply {
            data: None,
            fields: vec![
                field("access_token", scalar(Scalar::String), true),
                field("expires", scalar(Scalar::UnixTime), true),
            ],
            paged: false,
        },
    );
    authorize.needs_token = false;
    let mut update = endpoint("update", vec![kind, receive_mail], no_fields.clone());
    update.read_only = false;
    Api::new(
        Info {
            title: "VeryCloud API".to_owned(),
            version: "1.2.3".to_owned(),
            base_url: "https://api3.verycloud.cn".to_owned(),
            description: "The API.".to_owned(),
            token_field: "token".to_owned(),
            envelope: Envelope {
                code_field: "code".to_owned(),
                message_field: "message".to_owned(),
                data_field: "data".to_owned(),
                success_code: 1,
            },
            login: Login {
                endpoint: "authorize".to_owned(),
                username_field: "username".to_owned(),
                password_field: "password".to_owned(),
                access_token_field: "access_token".to_owned(),
                expires_field: "expires".to_owned(),
            },
            notes: Vec::new(),
            contact: None,
        },
        vec![Group {
            key: "profile".to_owned(),
            zh: "账户".to_owned(),
            en: "Account".to_owned(),
        }],
        vec![account, status],
        vec![
            authorize,
            endpoint(
                "detail",
                Vec::new(),
                Reply {
                    data: data(account_ref.clone(), true),
                    fields: Vec::new(),
                    paged: false,
                },
            ),
            update,
            endpoint(
                "accountList",
                vec![
                    field("page", scalar(Scalar::Integer), false),
                    field("limit", scalar(Scalar::Integer), false),
                ],
                Reply {
                    data: data(TypeRef::List(Box::new(account_ref.clone())), false),
                    fields: vec![
                        field("total", scalar(Scalar::Integer), false),
                        field("totalpage", scalar(Scalar::Integer), false),
                    ],
                    paged: true,
                },
            ),
            endpoint(
                "names",
                Vec::new(),
                Reply {
                    data: data(TypeRef::List(Box::new(scalar(Scalar::String))), false),
                    fields: Vec::new(),
                    paged: false,
                },
            ),
            endpoint(
                "balance",
                Vec::new(),
                Reply {
                    data: data(scalar(Scalar::Decimal), true),
                    fields: Vec::new(),
                    paged: false,
                },
            ),
        ],
    )
}

/// Whether `haystack` contains `needle`, ignoring whitespace (which prettyplease decides).
fn has(haystack: &str, needle: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    squash(haystack).contains(&squash(needle))
}

fn contents<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn emits_the_crate_layout_with_headers() {
    let files = emit(&api());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for path in [
        "Cargo.toml",
        "README.md",
        "src/lib.rs",
        "src/operations.rs",
        "src/types.rs",
        "src/requests.rs",
        "src/replies.rs",
        "src/api.rs",
        "src/client.rs",
        "src/wire.rs",
    ] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
    for file in &files {
        let first = file.contents.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by `cargo xtask codegen`"),
            "{}: {first}",
            file.path
        );
    }
    assert!(contents(&files, "Cargo.toml").contains("version = \"1.2.3\""));
    assert!(contents(&files, "src/client.rs").starts_with(
        "// @generated by `cargo xtask codegen` from generator/runtime/src/client.rs;"
    ));
    assert!(contents(&files, "README.md").starts_with("<!-- @generated"));
}

#[test]
fn emitting_is_deterministic() {
    assert_eq!(emit(&api()), emit(&api()));
}

#[test]
fn renames_only_where_rust_and_wire_names_differ() {
    let files = emit(&api());
    let requests = contents(&files, "src/requests.rs");
    assert!(has(requests, "rename = \"recieve_mail\""), "{requests}");
    assert!(has(requests, "rename = \"type\""));
    assert!(has(requests, "pub type_: crate::types::Status"));
    assert!(!has(requests, "rename = \"username\""));
    assert!(
        !has(requests, "pub token"),
        "the token is never a request field"
    );
}

#[test]
fn request_fields_follow_the_wire() {
    let files = emit(&api());
    let requests = contents(&files, "src/requests.rs");
    // `type` is an integer-coded enum sent as a string; the flag is sent as a number.
    assert!(
        has(requests, "serialize_with = \"crate::wire::as_string\""),
        "{requests}"
    );
    assert!(has(requests, "serialize_with = \"crate::wire::as_number\""));
    assert!(has(
        requests,
        "pub fn new(type_: impl ::std::convert::Into<crate::types::Status>"
    ));
    assert!(has(
        requests,
        "pub fn receive_mail(mut self, receive_mail: impl ::std::convert::Into<bool>"
    ));
    assert!(has(requests, "#[non_exhaustive]"));
}

#[test]
fn reply_types_decode_leniently_and_keep_unknown_codes() {
    let files = emit(&api());
    let types = contents(&files, "src/types.rs");
    assert!(has(types, "deserialize_with = \"crate::wire::lenient\"")); // uid, price
    assert!(has(types, "Unknown(i64)"));
    assert!(has(types, "-1 => Self::Gone"), "{types}");
    assert!(
        has(types, "\\[with brackets\\] at <http://example.cn>."),
        "{types}"
    );
    assert!(has(types, "impl crate::wire::IntegerCode for Status"));
    assert!(has(types, "impl crate::wire::Plain for Status {}"));
    assert!(
        has(types, "impl crate::wire::Plain for Account {}"),
        "{types}"
    );
}

#[test]
fn methods_return_what_the_reply_holds() {
    let files = emit(&api());
    let api_rs = contents(&files, "src/api.rs");
    // Multi-line signatures end their parameters with a comma, so match around it.
    assert!(has(api_rs, "pub async fn detail(&self"), "{api_rs}");
    assert!(has(
        api_rs,
        ") -> ::std::result::Result<crate::types::Account, crate::Error>"
    ));
    assert!(has(
        api_rs,
        "pub async fn account_list(&self, request: crate::requests::AccountListRequest"
    ));
    assert!(has(
        api_rs,
        ") -> ::std::result::Result<crate::Page<crate::types::Account>, crate::Error>"
    ));
    assert!(has(api_rs, "pub fn account_list_stream("));
    assert!(has(
        api_rs,
        "-> ::std::result::Result<::std::vec::Vec<::std::string::String>, crate::Error>"
    ));
    // Every `data` decodes by the runtime's lenient rules, scalars too.
    assert!(
        has(api_rs, "reply.data::<::rust_decimal::Decimal>()"),
        "{api_rs}"
    );
    assert!(!has(api_rs, "LenientData"));
    assert!(has(api_rs, "+ ::std::marker::Unpin + 'a"), "{api_rs}");
    assert!(
        has(api_rs, "The client keeps the token this returns"),
        "{api_rs}"
    );
    assert!(has(
        api_rs,
        "-> ::std::result::Result<crate::replies::AuthorizeReply, crate::Error>"
    ));
    assert!(has(api_rs, "-> ::std::result::Result<(), crate::Error>"));
    let replies = contents(&files, "src/replies.rs");
    assert!(has(replies, "pub struct AuthorizeReply"));
    assert!(
        !has(replies, "AccountListReply"),
        "paging members alone make no reply struct"
    );
}

#[test]
fn operations_hand_the_service_to_the_runtime() {
    let files = emit(&api());
    let operations = contents(&files, "src/operations.rs");
    assert!(has(operations, "base_url: \"https://api3.verycloud.cn\","));
    assert!(has(
        operations,
        "impl ::std::default::Default for crate::ClientBuilder"
    ));
    assert!(has(
        operations,
        "crate::ClientBuilder::for_service(&SERVICE)"
    ));
    assert!(has(operations, "operation: AUTHORIZE,"));
    assert!(has(operations, "success_code: 1,"));
    assert!(has(
        operations,
        "pub(crate) const ACCOUNT_LIST: crate::client::Operation"
    ));
}

#[test]
fn secret_fields_are_redacted_in_debug() {
    let files = emit(&api());
    let requests = contents(&files, "src/requests.rs");
    // The struct with a secret gets a hand-shaped Debug, not the derived one.
    assert!(has(
        requests,
        "#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)] #[non_exhaustive] pub struct AuthorizeRequest"
    ));
    assert!(has(requests, "impl ::std::fmt::Debug for AuthorizeRequest"));
    assert!(has(requests, r#".field("username", &self.username)"#));
    assert!(has(requests, r#".field("password", &"***")"#));
    // Structs without secrets keep the derive and get no extra impl.
    assert!(has(requests, "#[derive(Debug, Clone, PartialEq"));
    assert!(!has(requests, "impl ::std::fmt::Debug for UpdateRequest"));
}

/// A type a request uses gets `new(required…)` and setters, since callers cannot write a
/// `#[non_exhaustive]` struct literal; a type only replies use gets neither.
#[test]
fn types_a_request_uses_are_built_with_new_and_setters() {
    let base = api();
    let replies_only = emit(&base);
    assert!(!has(
        contents(&replies_only, "src/types.rs"),
        "impl Account {"
    ));

    let mut endpoints = base.endpoints.clone();
    endpoints[0].request.push(field(
        "owners",
        TypeRef::List(Box::new(TypeRef::Named("Account".to_owned()))),
        false,
    ));
    let sent = Api::new(
        base.info.clone(),
        base.groups.clone(),
        base.types().to_vec(),
        endpoints,
    );
    let files = emit(&sent);
    let types = contents(&files, "src/types.rs");
    assert!(has(types, "impl Account {"), "{types}");
    assert!(
        has(
            types,
            "pub fn new(uid: impl ::std::convert::Into<i64>) -> Self {"
        ),
        "{types}"
    );
    assert!(
        has(
            types,
            "pub fn price(mut self, price: impl ::std::convert::Into<::rust_decimal::Decimal>"
        ),
        "{types}"
    );
    // `uid` is required: no setter, and no `Default` beside a `new` that takes it.
    assert!(!has(types, "pub fn uid("));
    assert!(!has(
        types,
        "::serde::Deserialize, Default)]\n#[non_exhaustive]\npub struct Account"
    ));
}
