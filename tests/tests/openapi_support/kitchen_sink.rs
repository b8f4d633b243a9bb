//! A small API, built by hand, with every shape the OpenAPI emitter handles: each scalar in
//! each wire form, both kinds of coded enum (one also written as strings), nested, nullable,
//! listed and mapped objects, a request-only object, paging, top-level reply fields, an
//! endpoint without a token and one without `data`, read from two sources and with a reply
//! example no source shows.

use serde_json::{Value, json};
use spec::model::{
    Api, CodeKind, Constructed, Endpoint, EnumCode, EnumValue, Envelope, Field, Group, Info,
    Locator, Login, NamedType, Provenance, Reply, Scalar, Source, SourceKind, TypeKind, TypeRef,
    Wire,
};

pub fn api() -> Api {
    Api::new(
        Info {
            title: "Kitchen Sink API".to_owned(),
            version: "0.3.1".to_owned(),
            base_url: "https://api.example.test".to_owned(),
            description: "A test API.".to_owned(),
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
            notes: vec!["Required-ness is decided by one rule.".to_owned()],
            contact: Some(spec::model::Contact {
                name: "Example".to_owned(),
                url: "https://example.test".to_owned(),
            }),
        },
        vec![
            group("account", "账户", "Accounts"),
            group("billing", "财务", "Money"),
        ],
        vec![status(), kind(), user_group(), user(), cdn_config()],
        vec![
            authorize(),
            user_add(),
            user_list(),
            charge(),
            group_delete(),
        ],
    )
    .with_sources(sources())
}

fn group(key: &str, zh: &str, en: &str) -> Group {
    Group {
        key: key.to_owned(),
        zh: zh.to_owned(),
        en: en.to_owned(),
    }
}

/// A field in the spec's defaults: optional, not nullable, no Chinese text.
pub fn field(wire_name: &str, ty: TypeRef, wire: Wire) -> Field {
    Field {
        wire_name: wire_name.to_owned(),
        rust_name: None,
        ty,
        wire,
        required: false,
        nullable: false,
        secret: false,
        zh: None,
        en: format!("The {wire_name}."),
        example: None,
        notes: None,
        departures: Vec::new(),
        yaml_path: format!("test.{wire_name}"),
    }
}

fn required(mut field: Field) -> Field {
    field.required = true;
    field
}

fn nullable(mut field: Field) -> Field {
    field.nullable = true;
    field
}

fn secret(mut field: Field) -> Field {
    field.secret = true;
    field
}

fn with_zh(mut field: Field, zh: &str) -> Field {
    field.zh = Some(zh.to_owned());
    field
}

fn with_example(mut field: Field, example: Value) -> Field {
    field.example = Some(example);
    field
}

fn scalar(scalar: Scalar) -> TypeRef {
    TypeRef::Scalar(scalar)
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.to_owned())
}

fn list(inner: TypeRef) -> TypeRef {
    TypeRef::List(Box::new(inner))
}

fn named_type(name: &str, en: &str, kind: TypeKind) -> NamedType {
    NamedType {
        name: name.to_owned(),
        zh: None,
        en: en.to_owned(),
        notes: None,
        departures: Vec::new(),
        kind,
        yaml_path: format!("types.{name}"),
    }
}

fn enum_value(code: EnumCode, name: &str, zh: Option<&str>, en: &str) -> EnumValue {
    EnumValue {
        code,
        name: name.to_owned(),
        zh: zh.map(str::to_owned),
        en: en.to_owned(),
    }
}

fn status() -> NamedType {
    let values = vec![
        enum_value(EnumCode::Integer(0), "disabled", Some("禁用"), "Disabled"),
        enum_value(EnumCode::Integer(1), "enabled", Some("启用"), "Enabled"),
    ];
    let mut status = named_type(
        "Status",
        "Whether an account is enabled.",
        TypeKind::Enum {
            code: CodeKind::Integer,
            values,
        },
    );
    status.zh = Some("状态".to_owned());
    status
}

fn kind() -> NamedType {
    let values = vec![
        enum_value(
            EnumCode::String("cloud".to_owned()),
            "cloud",
            None,
            "Web acceleration",
        ),
        enum_value(
            EnumCode::String("rtmp".to_owned()),
            "rtmp",
            None,
            "Live streaming",
        ),
    ];
    named_type(
        "Kind",
        "A kind of acceleration.",
        TypeKind::Enum {
            code: CodeKind::String,
            values,
        },
    )
}

fn user_group() -> NamedType {
    let fields = vec![
        required(field("id", scalar(Scalar::Integer), Wire::Either)),
        field("name", scalar(Scalar::String), Wire::String),
        field("created", scalar(Scalar::UnixTime), Wire::Either),
    ];
    named_type(
        "UserGroup",
        "A group of accounts.",
        TypeKind::Object { fields },
    )
}

fn user() -> NamedType {
    let fields = vec![
        with_zh(
            required(field("uid", scalar(Scalar::Integer), Wire::Either)),
            "用户ID",
        ),
        field("name", scalar(Scalar::String), Wire::String),
        field("created", scalar(Scalar::DateTime), Wire::String),
        field("status", named("Status"), Wire::Either),
        nullable(field("group", named("UserGroup"), Wire::Number)),
        field("price", scalar(Scalar::Decimal), Wire::String),
        field("verified", scalar(Scalar::Flag), Wire::String),
        nullable(field("note", scalar(Scalar::String), Wire::String)),
        nullable(field("balance", scalar(Scalar::Decimal), Wire::Either)),
        nullable(field("old_status", named("Status"), Wire::Either)),
        field("tags", list(scalar(Scalar::String)), Wire::String),
        field(
            "perms",
            TypeRef::Map(Box::new(list(scalar(Scalar::Integer)))),
            Wire::Number,
        ),
        field("extra", scalar(Scalar::Json), Wire::Number),
    ];
    named_type("User", "An account.", TypeKind::Object { fields })
}

fn cdn_config() -> NamedType {
    let fields = vec![
        required(field("type", named("Kind"), Wire::String)),
        field("billtype", scalar(Scalar::String), Wire::String),
    ];
    named_type(
        "CdnConfig",
        "One acceleration to enable.",
        TypeKind::Object { fields },
    )
}

fn endpoint(
    name: &str,
    group: &str,
    needs_token: bool,
    request: Vec<Field>,
    reply: Reply,
    examples: (Value, Value),
) -> Endpoint {
    Endpoint {
        name: name.to_owned(),
        path: format!("/API/{group}/{name}"),
        group: group.to_owned(),
        zh: format!("{name}标题"),
        en: format!("Does {name}."),
        needs_token,
        read_only: false,
        notes: None,
        provenance: Vec::new(),
        departures: Vec::new(),
        request,
        reply,
        request_example: examples.0,
        reply_example: examples.1,
        constructed: Constructed::default(),
        yaml_path: format!("endpoints.{name}"),
    }
}

fn data(ty: TypeRef) -> Field {
    required(field("data", ty, Wire::Number))
}

fn authorize() -> Endpoint {
    let request = vec![
        required(field("username", scalar(Scalar::String), Wire::String)),
        secret(required(field(
            "password",
            scalar(Scalar::String),
            Wire::String,
        ))),
    ];
    let reply = Reply {
        data: None,
        fields: vec![
            secret(required(field(
                "access_token",
                scalar(Scalar::String),
                Wire::String,
            ))),
            required(field("expires", scalar(Scalar::UnixTime), Wire::Number)),
        ],
        paged: false,
    };
    let examples = (
        json!({"username": "example user", "password": "encrypt password"}),
        json!({"code": 1, "message": "操作完成", "access_token": "6375710ffd834236652d044776303a4c", "expires": 1426473466}),
    );
    endpoint("authorize", "account", false, request, reply, examples)
}

fn user_add() -> Endpoint {
    let request = vec![
        field("uid", scalar(Scalar::Integer), Wire::Either),
        with_example(
            required(field("name", scalar(Scalar::String), Wire::String)),
            json!("example_user"),
        ),
        field("status", named("Status"), Wire::Number),
        field("cdnconfig", list(named("CdnConfig")), Wire::String),
        field("notify", scalar(Scalar::Flag), Wire::Number),
    ];
    let reply = Reply {
        data: Some(data(named("User"))),
        fields: Vec::new(),
        paged: false,
    };
    let examples = (
        json!({"token": "5d8531de", "name": "example_user", "status": 1, "notify": 0,
               "cdnconfig": [{"type": "cloud", "billtype": "tx4d"}]}),
        json!({"code": 1, "message": "操作完成", "data": {
            "uid": "7002123456", "name": "example_user", "created": "2014/12/11 9:58", "status": "1",
            "group": {"id": 144, "name": "测试组", "created": "1422081708"},
            "price": "29122.0219", "verified": "0", "note": null, "balance": null, "old_status": null,
            "tags": ["a"], "perms": {"1": [1, 2, 3]}, "extra": {"any": ["thing"]}}}),
    );
    endpoint("userAdd", "account", true, request, reply, examples)
}

fn user_list() -> Endpoint {
    let request = vec![
        field("page", scalar(Scalar::Integer), Wire::Number),
        field("limit", scalar(Scalar::Integer), Wire::Number),
    ];
    let reply = Reply {
        data: Some(data(list(named("User")))),
        fields: vec![
            field("total", scalar(Scalar::Integer), Wire::Either),
            field("totalpage", scalar(Scalar::Integer), Wire::Number),
        ],
        paged: true,
    };
    let examples = (
        json!({"token": "5d8531de", "page": 1, "limit": 30}),
        json!({"code": 1, "message": "操作完成", "data": [
            {"uid": 7002123456_i64, "created": "2015-03-19 13:21", "status": 0, "group": null, "balance": 12.5}],
            "total": "1", "totalpage": 1}),
    );
    endpoint("userList", "account", true, request, reply, examples)
}

fn charge() -> Endpoint {
    let request = vec![required(field(
        "price",
        scalar(Scalar::Decimal),
        Wire::Number,
    ))];
    // The charged amount comes back as a decimal string.
    let mut amount = data(scalar(Scalar::Decimal));
    amount.wire = Wire::String;
    let reply = Reply {
        data: Some(amount),
        fields: Vec::new(),
        paged: false,
    };
    let examples = (
        json!({"token": "5d8531de", "price": 200}),
        json!({"code": 1, "message": "操作完成", "data": "200.00"}),
    );
    endpoint("charge", "billing", true, request, reply, examples)
}

fn group_delete() -> Endpoint {
    let request = vec![required(field("id", scalar(Scalar::Integer), Wire::Number))];
    let reply = Reply {
        data: None,
        fields: Vec::new(),
        paged: false,
    };
    let examples = (
        json!({"token": "5d8531de", "id": 1571234567}),
        json!({"code": 1, "message": "操作完成"}),
    );
    let mut delete = endpoint("groupDelete", "account", true, request, reply, examples);
    delete.notes = Some("Deletes the group and nothing else.".to_owned());
    delete.provenance = vec![
        Provenance {
            source: "docs".to_owned(),
            locator: Locator::Line(12),
        },
        Provenance {
            source: "sdk".to_owned(),
            locator: Locator::Method("groupDelete".to_owned()),
        },
    ];
    delete.constructed = Constructed {
        request: false,
        reply: true,
    };
    delete.departures = vec![
        spec::model::Departure {
            kind: spec::format::DepartureKind::CurlUrl,
            docs: "https://api.example.test/API/account/other".to_owned(),
            why: "The address line is right; the curl line was copied from another endpoint."
                .to_owned(),
            source: None,
        },
        spec::model::Departure {
            kind: spec::format::DepartureKind::ParamRenamed,
            docs: "group_id".to_owned(),
            why: "The docs' name wins over the SDK's.".to_owned(),
            source: Some("sdk".to_owned()),
        },
    ];
    delete
}

fn sources() -> Vec<Source> {
    vec![
        Source {
            key: "docs".to_owned(),
            kind: SourceKind::Docs,
            title: "The vendor's docs".to_owned(),
            file: Some("docs.txt".to_owned()),
            url: None,
            commit: None,
            notes: None,
        },
        Source {
            key: "sdk".to_owned(),
            kind: SourceKind::Sdk,
            title: "The vendor's SDK".to_owned(),
            file: Some("src/Api.java".to_owned()),
            url: Some("https://example.test/sdk".to_owned()),
            commit: Some("c7ed68c".to_owned()),
            notes: None,
        },
    ]
}
