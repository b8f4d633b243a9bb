//! The emitted OpenAPI document read by an independent model (`openapiv3`), and the
//! structural promises other tools rely on: one `POST` per endpoint, unique operation ids,
//! one 2xx schema per operation (what progenitor 0.15 needs), resolvable references, the
//! token and envelope conventions, and byte-stable output.

mod openapi_support;

use std::collections::BTreeSet;

use openapi_support::{document_of, kitchen_sink, real_api};
use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use serde_json::Value;
use spec::model::Api;

/// Parses the document with `openapiv3` and checks that nothing was lost on the way: a member
/// `openapiv3` does not know would be dropped and the re-serialised document would differ.
fn parse_strictly(api: &Api) -> OpenAPI {
    let document = document_of(api);
    let parsed: OpenAPI = serde_json::from_value(document.clone())
        .unwrap_or_else(|error| panic!("openapiv3 cannot read the document: {error}"));
    let reserialised = serde_json::to_value(&parsed).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        reserialised, document,
        "openapiv3 dropped or changed something"
    );
    parsed
}

fn check_operations(api: &Api, parsed: &OpenAPI) {
    assert!(
        parsed.openapi.starts_with("3.0."),
        "progenitor 0.15 reads OpenAPI 3.0.x only"
    );
    assert_eq!(
        parsed.paths.paths.len(),
        api.endpoints.len(),
        "one path per endpoint"
    );
    let mut operation_ids = BTreeSet::new();
    for endpoint in &api.endpoints {
        let item = parsed
            .paths
            .paths
            .get(&endpoint.path)
            .and_then(ReferenceOr::as_item);
        let item = item.unwrap_or_else(|| panic!("no path item for {}", endpoint.path));
        assert_eq!(item.iter().count(), 1, "{}: only POST", endpoint.path);
        let post = item
            .post
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no POST", endpoint.path));
        let operation_id = post.operation_id.clone().unwrap_or_default();
        assert_eq!(operation_id, endpoint.name);
        assert!(
            operation_ids.insert(operation_id),
            "{}: duplicate operationId",
            endpoint.name
        );
        assert_eq!(post.tags, vec![endpoint.group.clone()]);
        assert_eq!(post.summary.as_deref(), Some(endpoint.en.as_str()));
        assert!(
            post.description
                .as_deref()
                .unwrap_or_default()
                .contains(&endpoint.zh),
            "{}: Chinese title",
            endpoint.name
        );

        let body = post.request_body.as_ref().and_then(ReferenceOr::as_item);
        let body = body.unwrap_or_else(|| panic!("{}: no inline request body", endpoint.name));
        assert!(body.required, "{}: the body is required", endpoint.name);
        assert_eq!(
            body.content.keys().collect::<Vec<_>>(),
            ["application/json"]
        );

        // progenitor 0.15 requires every 2xx response to share one schema; we declare one.
        let success: Vec<_> = post
            .responses
            .responses
            .iter()
            .filter(|(status, _)| {
                matches!(status, StatusCode::Code(200..=299) | StatusCode::Range(2))
            })
            .collect();
        assert_eq!(
            success.len(),
            1,
            "{}: exactly one 2xx response",
            endpoint.name
        );
        assert!(post.responses.default.is_none());
    }
}

#[test]
fn kitchen_sink_reads_as_openapi_3_0_with_one_post_per_endpoint() {
    let api = kitchen_sink::api();
    check_operations(&api, &parse_strictly(&api));
}

#[test]
fn real_spec_reads_as_openapi_3_0_with_one_post_per_endpoint() {
    let api = real_api();
    assert_eq!(
        api.endpoints.len(),
        60,
        "the docs document 35 endpoints, the SDKs 25 more"
    );
    check_operations(&api, &parse_strictly(&api));
}

/// Every `$ref` points into `components/schemas` at a schema that exists, and carries no
/// sibling members (OpenAPI 3.0 ignores them, so one would be a silent loss).
fn check_references(document: &Value) {
    let components = document["components"]["schemas"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut references = Vec::new();
    collect_references(document, &mut references);
    assert!(!references.is_empty());
    for (target, siblings) in references {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("foreign $ref {target}"));
        assert!(components.contains_key(name), "dangling $ref {target}");
        assert_eq!(siblings, 0, "$ref {target} has siblings");
    }
}

fn collect_references(value: &Value, found: &mut Vec<(String, usize)>) {
    match value {
        Value::Object(members) => {
            if let Some(target) = members.get("$ref").and_then(Value::as_str) {
                found.push((target.to_owned(), members.len() - 1));
            }
            for (key, member) in members {
                // Examples are data, not schemas.
                if key != "example" {
                    collect_references(member, found);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_references(item, found)),
        _ => {}
    }
}

#[test]
fn references_resolve_and_stand_alone() {
    check_references(&document_of(&kitchen_sink::api()));
    check_references(&document_of(&real_api()));
}

fn check_conventions(api: &Api) {
    let document = document_of(api);
    let token = &api.info.token_field;
    for endpoint in &api.endpoints {
        let (request, reply) = openapi_support::operation_components(&document, &endpoint.name);
        let request = &document["components"]["schemas"][&request];
        let post = &document["paths"][&endpoint.path]["post"];
        let required: Vec<&str> = request["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            request["additionalProperties"],
            Value::Bool(false),
            "{}: request closed",
            endpoint.name
        );
        if endpoint.needs_token {
            assert_eq!(
                post["x-token-in-body"],
                Value::String(token.clone()),
                "{}",
                endpoint.name
            );
            assert_eq!(
                request["properties"][token]["type"], "string",
                "{}",
                endpoint.name
            );
            assert_eq!(
                request["properties"][token]["format"], "password",
                "{}: the token is a credential",
                endpoint.name
            );
            assert!(
                required.contains(&token.as_str()),
                "{}: token required",
                endpoint.name
            );
        } else {
            assert!(post.get("x-token-in-body").is_none(), "{}", endpoint.name);
            assert!(
                request["properties"].get(token).is_none(),
                "{}",
                endpoint.name
            );
        }
        let reply_schema = &document["components"]["schemas"][&reply];
        let request_secrets = endpoint
            .request
            .iter()
            .filter(|f| f.secret)
            .map(|f| (request, f));
        let reply_secrets = endpoint
            .reply
            .fields
            .iter()
            .filter(|f| f.secret)
            .map(|f| (reply_schema, f));
        for (body, field) in request_secrets.chain(reply_secrets) {
            assert_eq!(
                body["properties"][&field.wire_name]["format"], "password",
                "{}.{}: a secret is `format: password`",
                endpoint.name, field.wire_name
            );
        }
        for field in &endpoint.request {
            assert!(
                request["properties"].get(&field.wire_name).is_some(),
                "{}.{}",
                endpoint.name,
                field.wire_name
            );
            assert_eq!(
                required.contains(&field.wire_name.as_str()),
                field.required,
                "{}.{}",
                endpoint.name,
                field.wire_name
            );
        }

        let reply = &document["components"]["schemas"][&reply];
        let envelope = &api.info.envelope;
        assert_eq!(
            reply["required"],
            serde_json::json!([envelope.code_field, envelope.message_field])
        );
        assert_eq!(reply["properties"][&envelope.code_field]["type"], "integer");
        assert!(
            reply.get("additionalProperties").is_none(),
            "{}: replies stay open",
            endpoint.name
        );
        let on_success: Vec<&str> = reply["x-required-on-success"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for member in endpoint.reply.data.iter().chain(&endpoint.reply.fields) {
            assert!(
                reply["properties"].get(&member.wire_name).is_some(),
                "{}.{}",
                endpoint.name,
                member.wire_name
            );
            assert_eq!(
                on_success.contains(&member.wire_name.as_str()),
                member.required,
                "{}.{}",
                endpoint.name,
                member.wire_name
            );
        }
    }

    let description = document["info"]["description"].as_str().unwrap_or_default();
    assert!(
        description.contains(&format!("the body field `{token}`")),
        "token convention"
    );
    assert!(
        description.contains("even though the HTTP status is 200"),
        "failure on HTTP 200"
    );
    assert_eq!(
        document["x-verycloud-envelope"]["successCode"],
        api.info.envelope.success_code
    );
    assert_eq!(document["servers"][0]["url"], api.info.base_url.as_str());
    assert_eq!(document["info"]["version"], api.info.version.as_str());
    let tags: Vec<&str> = document["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(
        tags,
        api.groups
            .iter()
            .map(|g| g.key.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn token_envelope_and_tags_follow_the_spec() {
    check_conventions(&kitchen_sink::api());
    check_conventions(&real_api());
}

#[test]
fn output_is_stable_pretty_json_ending_in_a_newline() {
    let api = kitchen_sink::api();
    let first = emit::openapi::emit(&api);
    let second = emit::openapi::emit(&api.clone());
    assert_eq!(first, second);
    assert_eq!(first.path, "openapi.json");
    assert!(first.contents.ends_with("}\n") && !first.contents.ends_with("\n\n"));
    assert!(first.contents.starts_with("{\n  \"openapi\": \"3.0.3\",\n"));
    // Chinese stays readable rather than \u-escaped.
    assert!(first.contents.contains("操作完成"));
}
