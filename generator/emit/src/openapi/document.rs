//! The subset of OpenAPI 3.0.3 this project emits, as serde types.
//!
//! Field order is key order in the output, and every optional member is left out when empty,
//! so the document reads the same on every run and carries no noise such as `"nullable": false`.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

/// The version of the OpenAPI Specification the document follows.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The media type of every request and reply body.
pub const JSON_MEDIA_TYPE: &str = "application/json";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub openapi: &'static str,
    pub info: Info,
    pub servers: Vec<Server>,
    pub tags: Vec<Tag>,
    /// Path → item; paths are unique per endpoint and every endpoint is a `POST`.
    pub paths: IndexMap<String, PathItem>,
    pub components: Components,
    #[serde(rename = "x-verycloud-envelope")]
    pub envelope: EnvelopeExtension,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info {
    pub title: String,
    pub description: String,
    pub version: String,
    /// JSON has no comments, so the `@generated` marker every generated file carries is here.
    #[serde(rename = "x-generated")]
    pub generated: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathItem {
    pub post: Operation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub tags: Vec<String>,
    pub summary: String,
    pub description: String,
    pub operation_id: String,
    pub request_body: RequestBody,
    /// Status code → response; only `"200"`, because failures share it (see the envelope).
    pub responses: IndexMap<String, Response>,
    /// The body field that carries the access token, on operations that need one.
    #[serde(rename = "x-token-in-body", skip_serializing_if = "Option::is_none")]
    pub token_in_body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    pub description: String,
    pub required: bool,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub description: String,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaType {
    pub schema: Schema,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Components {
    pub schemas: IndexMap<String, Schema>,
}

/// `x-verycloud-envelope`: the reply wrapper, machine-readable, for tools that unwrap it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvelopeExtension {
    pub code_field: String,
    pub message_field: String,
    pub data_field: String,
    /// The only code that means success; any other is a failure even on HTTP 200.
    pub success_code: i64,
}

/// A schema or a reference to one in `components/schemas`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Schema {
    Reference(Reference),
    Object(Box<SchemaObject>),
}

/// `{"$ref": "#/components/schemas/Name"}`. OpenAPI 3.0 ignores any member beside `$ref`, so a
/// reference that needs a description or `nullable` is wrapped in `allOf` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    #[serde(rename = "$ref")]
    pub target: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    Array,
    Integer,
    Number,
    Object,
    String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaObject {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Type>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<&'static str>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enumeration: Vec<Value>,
    /// Names for the `enum` values, in the same order (read by openapi-generator and others).
    #[serde(rename = "x-enum-varnames", skip_serializing_if = "Vec::is_empty")]
    pub enum_varnames: Vec<String>,
    #[serde(rename = "x-enum-descriptions", skip_serializing_if = "Vec::is_empty")]
    pub enum_descriptions: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Members a successful reply always has, beyond `required` (which a failure reply must
    /// meet too, as failures come with the same HTTP status).
    #[serde(
        rename = "x-required-on-success",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub required_on_success: Vec<String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, Schema>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<AdditionalProperties>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

/// `additionalProperties`: `false` closes an object; a schema types a map's values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    Allowed(bool),
    Values(Box<Schema>),
}

impl Schema {
    pub fn reference(target: String) -> Self {
        Self::Reference(Reference { target })
    }

    pub fn object(object: SchemaObject) -> Self {
        Self::Object(Box::new(object))
    }
}
