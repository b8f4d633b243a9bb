//! The documented examples validate against the emitted schemas, with a JSON Schema validator
//! independent of the emitter; and values the schemas must refuse are refused.

mod openapi_support;

use openapi_support::validation::{SchemaSet, to_json_schema, violations};
use openapi_support::{document_of, kitchen_sink, minimal_api, operation_components, real_api};
use serde_json::{Value, json};
use spec::model::Api;

/// Every request and reply example of `api` against its operation's schemas; all failures at once.
fn check_documented_examples(api: &Api) {
    let document = document_of(api);
    let schemas = SchemaSet::from_document(&document);
    let mut failures = Vec::new();
    for endpoint in &api.endpoints {
        let (request, reply) = operation_components(&document, &endpoint.name);
        for (side, component, example) in [
            ("request", &request, &endpoint.request_example),
            ("reply", &reply, &endpoint.reply_example),
        ] {
            for violation in violations(&schemas.component(component), example) {
                failures.push(format!("{} {side} example: {violation}", endpoint.name));
            }
        }
        let success_members = &document["components"]["schemas"][&reply]["x-required-on-success"];
        for member in success_members
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if endpoint.reply_example.get(member).is_none() {
                failures.push(format!(
                    "{} reply example lacks `{member}`, required on success",
                    endpoint.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples fail their schemas:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn kitchen_sink_examples_validate() {
    check_documented_examples(&kitchen_sink::api());
}

#[test]
fn real_spec_examples_validate() {
    check_documented_examples(&real_api());
}

/// Each `example` inside a schema (field examples from the spec) validates against that schema.
/// Returns how many were checked.
fn check_schema_examples(api: &Api) -> usize {
    let document = document_of(api);
    let schemas = SchemaSet::from_document(&document);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (component, schema) in document["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        for (property, property_schema) in schema["properties"].as_object().into_iter().flatten() {
            let Some(example) = property_schema.get("example") else {
                continue;
            };
            checked += 1;
            for violation in violations(&schemas.schema(property_schema), example) {
                failures.push(format!("{component}.{property}: {violation}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "field examples fail their schemas:\n{}",
        failures.join("\n")
    );
    checked
}

#[test]
fn field_examples_validate() {
    assert!(
        check_schema_examples(&kitchen_sink::api()) > 0,
        "the kitchen sink has field examples"
    );
    assert!(
        check_schema_examples(&minimal_api()) > 0,
        "minimal.yaml has field examples"
    );
    // The real spec has none today; any it gains must validate.
    check_schema_examples(&real_api());
}

/// Validates `instance` against a component of the kitchen sink's document.
struct KitchenSink {
    schemas: SchemaSet,
}

impl KitchenSink {
    fn new() -> Self {
        Self {
            schemas: SchemaSet::from_document(&document_of(&kitchen_sink::api())),
        }
    }

    fn accepts(&self, component: &str, instance: &Value) -> bool {
        violations(&self.schemas.component(component), instance).is_empty()
    }

    /// A `userAdd` reply whose user has `member` set to `value`.
    fn user_with(&self, member: &str, value: Value) -> bool {
        let mut user = json!({"uid": 7002123456_i64, "name": "example_user"});
        user[member] = value;
        self.accepts(
            "UserAddReply",
            &json!({"code": 1, "message": "操作完成", "data": user}),
        )
    }
}

#[test]
fn number_or_numeric_string_accepts_both_and_nothing_else() {
    let sink = KitchenSink::new();
    assert!(sink.user_with("uid", json!(7002123456_i64)));
    assert!(sink.user_with("uid", json!("7002123456")));
    assert!(sink.user_with("uid", json!("-1")));
    assert!(
        !sink.user_with("uid", json!("abc")),
        "uid \"abc\" must fail"
    );
    assert!(
        !sink.user_with("uid", json!("12.5")),
        "an integer-or-string is not a decimal"
    );
    assert!(!sink.user_with("uid", json!(12.5)));
    assert!(!sink.user_with("uid", Value::Null), "uid is not nullable");
}

#[test]
fn money_datetime_and_flags_follow_their_wire() {
    let sink = KitchenSink::new();
    // `price` is a decimal written as a string.
    assert!(sink.user_with("price", json!("29122.0219")));
    assert!(sink.user_with("price", json!("0")));
    assert!(!sink.user_with("price", json!("12.5x")));
    assert!(!sink.user_with("price", json!("1,000.00")));
    assert!(
        !sink.user_with("price", json!(12.5)),
        "wire string: a number is not the documented form"
    );
    // `balance` is a decimal in either form, and nullable.
    assert!(sink.user_with("balance", json!(12.5)));
    assert!(sink.user_with("balance", json!("12.50")));
    assert!(sink.user_with("balance", Value::Null));
    assert!(!sink.user_with("balance", json!("twelve")));
    // Date-times: every documented form, one separator throughout.
    for accepted in [
        "2015/03/19 13:21",
        "2015-03-19 13:21",
        "2014/12/11 9:58",
        "2015/03/19 13:21:05",
    ] {
        assert!(sink.user_with("created", json!(accepted)), "{accepted}");
    }
    for refused in [
        "2015-03/19 13:21",
        "2015/03/19",
        "1426744428",
        "2015/3/19 13:21",
    ] {
        assert!(!sink.user_with("created", json!(refused)), "{refused}");
    }
    // A flag written as a string is "0" or "1".
    assert!(sink.user_with("verified", json!("1")));
    assert!(!sink.user_with("verified", json!("2")));
    assert!(!sink.user_with("verified", json!(1)));
    // Coded enums are open: the listed codes and codes the document does not list, as numbers
    // or (this field) as strings of digits; nothing else.
    assert!(sink.user_with("status", json!(1)));
    assert!(sink.user_with("status", json!("0")));
    assert!(
        sink.user_with("status", json!(7)),
        "an unknown code decodes"
    );
    assert!(sink.user_with("status", json!("7")));
    assert!(!sink.user_with("status", json!("enabled")));
    assert!(!sink.user_with("status", json!(1.5)));
    assert!(
        !sink.user_with("status", Value::Null),
        "status is not nullable"
    );
    assert!(sink.user_with("old_status", Value::Null), "old_status is");
    assert!(sink.user_with("old_status", json!("1")));
}

#[test]
fn nullable_references_accept_null_and_the_object_only() {
    let sink = KitchenSink::new();
    assert!(sink.user_with("group", Value::Null));
    assert!(sink.user_with("group", json!({"id": "144"})));
    assert!(
        !sink.user_with("group", json!({"name": "no id"})),
        "the group's id is required"
    );
    assert!(!sink.user_with("group", json!("144")));
    assert!(!sink.user_with("note", json!(5)));
}

#[test]
fn replies_are_open_and_require_only_the_envelope() {
    let sink = KitchenSink::new();
    assert!(
        sink.user_with("added_by_the_server_later", json!({"any": "thing"})),
        "reply objects stay open"
    );
    // A failure reply shares HTTP 200, so it must validate against every reply schema.
    let failure = json!({"code": 10001, "message": "token 错误"});
    for reply in [
        "AuthorizeReply",
        "UserAddReply",
        "UserListReply",
        "ChargeReply",
        "GroupDeleteReply",
    ] {
        assert!(
            sink.accepts(reply, &failure),
            "{reply} refuses a failure reply"
        );
    }
    assert!(
        !sink.accepts(
            "GroupDeleteReply",
            &json!({"code": "1", "message": "操作完成"})
        ),
        "code is a number"
    );
    assert!(
        !sink.accepts("GroupDeleteReply", &json!({"code": 1})),
        "message is required"
    );
    assert!(
        !sink.accepts(
            "ChargeReply",
            &json!({"code": 1, "message": "", "data": 200})
        ),
        "data is a decimal string"
    );
}

#[test]
fn requests_are_closed_and_require_their_required_fields() {
    let sink = KitchenSink::new();
    let valid = json!({"token": "t", "name": "n", "cdnconfig": [{"type": "rtmp"}]});
    assert!(sink.accepts("UserAddRequest", &valid));
    let mut without_name = valid.clone();
    without_name.as_object_mut().map(|body| body.remove("name"));
    assert!(
        !sink.accepts("UserAddRequest", &without_name),
        "name is required"
    );
    let mut without_token = valid.clone();
    without_token
        .as_object_mut()
        .map(|body| body.remove("token"));
    assert!(
        !sink.accepts("UserAddRequest", &without_token),
        "the token is required"
    );
    assert!(!sink.accepts(
        "UserAddRequest",
        &json!({"token": "t", "name": "n", "nmae": "typo"})
    ));
    assert!(
        !sink.accepts(
            "UserAddRequest",
            &json!({"token": "t", "name": "n", "cdnconfig": [{"type": "rtmp", "bill": "x"}]})
        ),
        "request-only objects are closed"
    );
    // String-coded enums are open too: a code the document does not list is a string.
    assert!(sink.accepts(
        "UserAddRequest",
        &json!({"token": "t", "name": "n", "cdnconfig": [{"type": "ftp"}]})
    ));
    assert!(!sink.accepts(
        "UserAddRequest",
        &json!({"token": "t", "name": "n", "cdnconfig": [{"type": 5}]})
    ));
    assert!(!sink.accepts(
        "UserAddRequest",
        &json!({"token": "t", "name": "n", "notify": 2})
    ));
    assert!(
        !sink.accepts(
            "AuthorizeRequest",
            &json!({"username": "u", "password": "p", "token": "t"})
        ),
        "authorize takes no token"
    );
}

/// Mutations of the real spec's examples that its schemas must refuse, for every endpoint.
#[test]
fn real_spec_refuses_broken_examples() {
    let api = real_api();
    let document = document_of(&api);
    let schemas = SchemaSet::from_document(&document);
    let failure = json!({"code": 0, "message": "失败"});
    let mut missed = Vec::new();
    let mut required_checked = 0;
    for endpoint in &api.endpoints {
        let (request, reply) = operation_components(&document, &endpoint.name);
        let (request, reply) = (schemas.component(&request), schemas.component(&reply));
        let refuses = |validator, value: &Value| !violations(validator, value).is_empty();

        let mut unknown_member = endpoint.request_example.clone();
        unknown_member["not_a_documented_field"] = json!(1);
        if !refuses(&request, &unknown_member) {
            missed.push(format!("{}: request with an unknown member", endpoint.name));
        }
        let required = endpoint
            .request
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire_name.as_str());
        let token = endpoint
            .needs_token
            .then_some(api.info.token_field.as_str());
        for member in token.into_iter().chain(required) {
            let mut without = endpoint.request_example.clone();
            if without
                .as_object_mut()
                .and_then(|body| body.remove(member))
                .is_some()
            {
                required_checked += 1;
                if !refuses(&request, &without) {
                    missed.push(format!(
                        "{}: request without required `{member}`",
                        endpoint.name
                    ));
                }
            }
        }
        let mut string_code = endpoint.reply_example.clone();
        string_code[&api.info.envelope.code_field] = json!("1");
        if !refuses(&reply, &string_code) {
            missed.push(format!("{}: reply with code \"1\"", endpoint.name));
        }
        if refuses(&reply, &failure) {
            missed.push(format!("{}: a failure reply is refused", endpoint.name));
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
    assert!(
        required_checked > api.endpoints.len(),
        "too few required members were checked"
    );
}

#[test]
fn the_converter_keeps_nullable_only_beside_a_type() {
    // The test harness's reading of `nullable` matches OpenAPI 3.0.3 and Prism.
    assert_eq!(
        to_json_schema(&json!({"type": "string", "nullable": true})),
        json!({"type": ["string", "null"]})
    );
    assert_eq!(
        to_json_schema(&json!({"allOf": [{"$ref": "#/components/schemas/X"}], "nullable": true})),
        json!({"allOf": [{"$ref": "#/definitions/X"}]})
    );
    assert_eq!(
        to_json_schema(
            &json!({"type": "integer", "enum": [1], "nullable": true, "example": {"nullable": true}})
        ),
        json!({"type": ["integer", "null"], "enum": [1, null], "example": {"nullable": true}})
    );
}
