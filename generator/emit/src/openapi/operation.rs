//! One endpoint → one `POST` operation, its request body component and its reply envelope
//! component.

use indexmap::IndexMap;
use serde_json::Value;

use super::components::{ComponentPlan, Key, reference_to};
use super::document::{
    AdditionalProperties, JSON_MEDIA_TYPE, MediaType, Operation, RequestBody, Response, Schema,
    SchemaObject, Type,
};
use super::schema::{SchemaBuilder, required_names};
use super::text::operation_description;
use spec::model::{Api, Endpoint};

/// The status of every reply of the API, failures included.
pub const SUCCESS_STATUS: &str = "200";

/// The statuses of the HTTP layer (a gateway, a path the server does not know), listed so that
/// tools that check statuses (schemathesis, Redocly) know them; the API never answers with
/// them, and their bodies are not documented.
pub const HTTP_LAYER_STATUSES: [(&str, &str); 2] = [
    (
        "4XX",
        "Refused by the HTTP layer before the API saw the call (an unknown path, a method other \
         than POST). The API itself answers failures with 200 and a `code` other than success; \
         this body is not documented.",
    ),
    (
        "5XX",
        "A failure of the HTTP layer (a gateway or server error). The API itself answers \
         failures with 200 and a `code` other than success; this body is not documented.",
    ),
];

pub fn operation(api: &Api, endpoint: &Endpoint, index: usize, plan: &ComponentPlan) -> Operation {
    let request_component = plan.name(&Key::Request(index));
    let reply_component = plan.name(&Key::Reply(index));
    let request_body = RequestBody {
        description: if endpoint.constructed.request {
            format!(
                "The `{}` request; its example is built from the documented fields, as no source shows one.",
                endpoint.name
            )
        } else {
            format!("The `{}` request; its documented example.", endpoint.name)
        },
        required: true,
        content: json_content(request_component, endpoint.request_example.clone()),
    };
    let response = Response {
        description: format!(
            "The reply envelope. `{code}` {success} is success; any other `{code}` is a failure \
             with `{message}` saying why.",
            code = api.info.envelope.code_field,
            success = api.info.envelope.success_code,
            message = api.info.envelope.message_field,
        ),
        content: json_content(reply_component, endpoint.reply_example.clone()),
    };
    Operation {
        tags: vec![endpoint.group.clone()],
        summary: endpoint.en.clone(),
        description: operation_description(api, endpoint),
        operation_id: endpoint.name.clone(),
        request_body,
        responses: std::iter::once((SUCCESS_STATUS.to_owned(), response))
            .chain(HTTP_LAYER_STATUSES.iter().map(|(status, description)| {
                let response = Response {
                    description: (*description).to_owned(),
                    content: IndexMap::new(),
                };
                ((*status).to_owned(), response)
            }))
            .collect(),
        security: Vec::new(),
        token_in_body: endpoint.needs_token.then(|| api.info.token_field.clone()),
    }
}

fn json_content(component: &str, example: Value) -> IndexMap<String, MediaType> {
    let media_type = MediaType {
        schema: Schema::reference(reference_to(component)),
        example: Some(example),
    };
    IndexMap::from([(JSON_MEDIA_TYPE.to_owned(), media_type)])
}

/// The request body: the token first where the endpoint takes one, then the documented
/// fields. Closed, so that a mock server or validator rejects a member the API does not know.
pub fn request_schema(api: &Api, endpoint: &Endpoint, schemas: &SchemaBuilder<'_>) -> Schema {
    let token_field = &api.info.token_field;
    let mut properties = IndexMap::new();
    let mut required = Vec::new();
    if endpoint.needs_token {
        properties.insert(token_field.clone(), token_schema(api));
        required.push(token_field.clone());
    }
    for field in &endpoint.request {
        properties.insert(field.wire_name.clone(), schemas.field(field));
    }
    required.extend(required_names(&endpoint.request));
    Schema::object(SchemaObject {
        description: Some(format!(
            "Request body of `{}` ({}).",
            endpoint.name, endpoint.zh
        )),
        ty: Some(Type::Object),
        required,
        properties,
        additional_properties: Some(AdditionalProperties::Allowed(false)),
        ..SchemaObject::default()
    })
}

fn token_schema(api: &Api) -> Schema {
    Schema::object(SchemaObject {
        description: Some(format!(
            "The access token (密钥) from `{}`; it travels in the body, not in a header.",
            api.info.login.endpoint
        )),
        ty: Some(Type::String),
        format: Some("password"),
        ..SchemaObject::default()
    })
}

/// The whole reply envelope. Only the code and message are `required`: a failure comes with
/// the same HTTP status and carries nothing else. What a success always carries is in
/// `x-required-on-success`. Open, because servers add members.
pub fn reply_schema(api: &Api, endpoint: &Endpoint, schemas: &SchemaBuilder<'_>) -> Schema {
    let envelope = &api.info.envelope;
    let mut properties = IndexMap::new();
    properties.insert(
        envelope.code_field.clone(),
        Schema::object(SchemaObject {
            description: Some(format!(
                "{} on success; any other value is a failure, even on HTTP 200.",
                envelope.success_code
            )),
            ty: Some(Type::Integer),
            format: Some("int64"),
            ..SchemaObject::default()
        }),
    );
    properties.insert(
        envelope.message_field.clone(),
        Schema::object(SchemaObject {
            description: Some(
                "What happened: `操作完成` (done) on success, the reason on failure.".to_owned(),
            ),
            ty: Some(Type::String),
            ..SchemaObject::default()
        }),
    );
    let members: Vec<_> = endpoint
        .reply
        .data
        .iter()
        .chain(&endpoint.reply.fields)
        .collect();
    for field in &members {
        properties.insert(field.wire_name.clone(), schemas.field(field));
    }
    let required_on_success = members
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire_name.clone())
        .collect();
    Schema::object(SchemaObject {
        description: Some(format!(
            "Reply of `{}` ({}), envelope included.",
            endpoint.name, endpoint.zh
        )),
        ty: Some(Type::Object),
        required: vec![envelope.code_field.clone(), envelope.message_field.clone()],
        required_on_success,
        properties,
        ..SchemaObject::default()
    })
}
