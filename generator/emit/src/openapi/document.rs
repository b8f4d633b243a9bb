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

/// The whole document, as `openapi.json` holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The OpenAPI version the document follows: always [`OPENAPI_VERSION`].
    pub openapi: &'static str,
    /// What the API is, and the spec's version.
    pub info: Info,
    /// The one server, at the spec's `base_url`.
    pub servers: Vec<Server>,
    /// One tag per group of endpoints, in spec order.
    pub tags: Vec<Tag>,
    /// Path → item; paths are unique per endpoint and every endpoint is a `POST`.
    pub paths: IndexMap<String, PathItem>,
    /// The named types and each operation's request and reply schemas.
    pub components: Components,
    /// The reply wrapper, machine-readable (`x-verycloud-envelope`).
    #[serde(rename = "x-verycloud-envelope")]
    pub envelope: EnvelopeExtension,
}

/// The document's `info`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info {
    /// The API's title (`VeryCloud API`).
    pub title: String,
    /// Markdown: the spec's description, the API's conventions and the spec's notes.
    pub description: String,
    /// The spec's `info.version`, a semver string.
    pub version: String,
    /// Who publishes the API: the spec's `info.contact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The license of this description (the project's, as for the generated crate).
    pub license: License,
    /// JSON has no comments, so the `@generated` marker every generated file carries is here.
    #[serde(rename = "x-generated")]
    pub generated: String,
}

/// `info.contact`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    /// The publisher's name (`VeryCloud`).
    pub name: String,
    /// The publisher's site.
    pub url: String,
}

/// `info.license`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct License {
    /// An SPDX license expression (`MIT OR Apache-2.0`).
    pub name: String,
    /// Where the licenses it names are defined.
    pub url: String,
}

/// A server the API answers at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// The address every path is below (`https://api3.verycloud.cn`).
    pub url: String,
}

/// A group of endpoints, as a tag its operations carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    /// The group's spec key (`profile`).
    pub name: String,
    /// The group's English description, then its Chinese name in parentheses.
    pub description: String,
}

/// The operations at one path: only ever a `POST`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathItem {
    /// The endpoint's one operation.
    pub post: Operation,
}

/// One endpoint as an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Only the endpoint's group key.
    pub tags: Vec<String>,
    /// The endpoint's English summary.
    pub summary: String,
    /// Markdown: the documented title, the notes and the departures from the docs.
    pub description: String,
    /// The spec's operation name (`subaccountAdd`).
    pub operation_id: String,
    /// The JSON body, referring to the request's component.
    pub request_body: RequestBody,
    /// Status code → response: `"200"`, which failures share (see the envelope), then the
    /// statuses of the HTTP layer (`4XX`, `5XX`), which carry no documented body.
    pub responses: IndexMap<String, Response>,
    /// Always empty: no security scheme applies, as the token travels in the body
    /// (`x-token-in-body`), which OpenAPI's schemes cannot say.
    pub security: Vec<IndexMap<String, Vec<String>>>,
    /// The body field that carries the access token, on operations that need one.
    #[serde(rename = "x-token-in-body", skip_serializing_if = "Option::is_none")]
    pub token_in_body: Option<String>,
}

/// An operation's request body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// One line naming the operation.
    pub description: String,
    /// Always `true`: every operation's body is a JSON object.
    pub required: bool,
    /// Media type → body; only [`JSON_MEDIA_TYPE`].
    pub content: IndexMap<String, MediaType>,
}

/// An operation's reply, envelope included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// How to read the envelope's code and message.
    pub description: String,
    /// Media type → body; only [`JSON_MEDIA_TYPE`]; empty for statuses without a documented
    /// body.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub content: IndexMap<String, MediaType>,
}

/// A body in one media type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaType {
    /// The body's schema: a reference to its component.
    pub schema: Schema,
    /// The documented example of the whole body (a reply's envelope included).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

/// The document's reusable parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Components {
    /// Component name → schema: the named types in spec order, the string forms of
    /// integer-coded enums, then each endpoint's request and reply.
    pub schemas: IndexMap<String, Schema>,
}

/// `x-verycloud-envelope`: the reply wrapper, machine-readable, for tools that unwrap it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvelopeExtension {
    /// Wire name of the member holding the result code (`code`).
    pub code_field: String,
    /// Wire name of the member holding the human-readable message (`message`).
    pub message_field: String,
    /// Wire name of the member holding the result (`data`).
    pub data_field: String,
    /// The only code that means success; any other is a failure even on HTTP 200.
    pub success_code: i64,
}

/// A schema or a reference to one in `components/schemas`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Schema {
    /// A bare `$ref`.
    Reference(Reference),
    /// A schema written out; boxed, as schemas nest.
    Object(Box<SchemaObject>),
}

/// `{"$ref": "#/components/schemas/Name"}`. OpenAPI 3.0 ignores any member beside `$ref`, so a
/// reference that needs a description or an example is wrapped in `allOf` instead, and a
/// nullable one in `anyOf` with a schema that accepts only `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The referenced component's JSON pointer (`#/components/schemas/SubaccountGroup`).
    #[serde(rename = "$ref")]
    pub target: String,
}

/// A schema's `type`: the JSON types OpenAPI 3.0 names (`null` is `nullable` instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    /// `array`.
    Array,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `object`.
    Object,
    /// `string`.
    String,
}

/// A schema written out: the members of a JSON Schema object this document uses, each left out
/// when empty. The default is `{}`, which accepts any JSON value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaObject {
    /// Prose in paragraphs; for a field or a named type, its English description, the docs'
    /// own and its why-notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON type; `None` for `{}` and for schemas that combine others (`allOf`, `anyOf`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Type>,
    /// The `format` refining `ty` (`int64`, `password`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// A regular expression a string must match (`^-?[0-9]+$`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<&'static str>,
    /// The only values allowed (`enum`): an enum's codes, a flag's `0` and `1`, or `null`.
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enumeration: Vec<Value>,
    /// Names for the `enum` values, in the same order (read by openapi-generator and others).
    #[serde(rename = "x-enum-varnames", skip_serializing_if = "Vec::is_empty")]
    pub enum_varnames: Vec<String>,
    /// What each `enum` value means, in the same order: English, then the documented label
    /// in parentheses.
    #[serde(rename = "x-enum-descriptions", skip_serializing_if = "Vec::is_empty")]
    pub enum_descriptions: Vec<String>,
    /// The value may also be `null`; OpenAPI 3.0.3 reads it only beside a `type`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// Schemas the value must meet all of; here only one, a reference that needs siblings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// Schemas the value must meet at least one of. Not emitted: generators that model
    /// `oneOf` as a union may not model `anyOf` at all (openapi-generator's `rust`), so every
    /// union is a `oneOf` of schemas that exclude each other.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    /// Schemas the value must meet exactly one of: a value's number and string forms, an
    /// enum's known codes and the codes it does not list, or a schema and `null`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Schema>,
    /// A schema the value must not meet: the known codes, in the branch of an open enum that
    /// holds the codes the document does not list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<Schema>,
    /// The known codes of an open enum (`x-extensible-enum`, after Zalando's API guidelines):
    /// values a client should expect, while others may come.
    #[serde(rename = "x-extensible-enum", skip_serializing_if = "Vec::is_empty")]
    pub extensible_enum: Vec<Value>,
    /// The schema of an array's items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Schema>,
    /// Wire names of the members an object must have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Members a successful reply always has, beyond `required` (which a failure reply must
    /// meet too, as failures come with the same HTTP status).
    #[serde(
        rename = "x-required-on-success",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub required_on_success: Vec<String>,
    /// Wire name → schema of an object's members, in spec order.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, Schema>,
    /// Whether an object takes members beyond `properties`, or the schema of a map's values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<AdditionalProperties>,
    /// The spec's example value of a field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

/// `additionalProperties`: `false` closes an object; a schema types a map's values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    /// `false` for a closed object (a request body, an object type only requests use).
    Allowed(bool),
    /// The schema of every value of a `map<T>`.
    Values(Box<Schema>),
}

impl Schema {
    /// A bare `$ref` to `target`, a JSON pointer (`#/components/schemas/SubaccountGroup`).
    pub fn reference(target: String) -> Self {
        Self::Reference(Reference { target })
    }

    /// A schema written out.
    pub fn object(object: SchemaObject) -> Self {
        Self::Object(Box::new(object))
    }
}
