//! The spec file as written: serde types that mirror `spec/verycloud.yaml` key by key.
//!
//! Nothing here is resolved or checked beyond its YAML shape; `validate` does that and
//! `model` turns the result into what the emitters read. Every struct rejects unknown keys
//! so that a misspelt key is an error, not a silently ignored line. Maps are `IndexMap` so
//! that the order a spec author wrote is the order every output uses.
//!
//! `spec/README.md` documents each key for spec authors; keep the two in step.

use indexmap::IndexMap;
use serde::Deserialize;

/// The whole spec file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    /// API-wide facts: address, envelope, login.
    pub info: RawInfo,
    /// Groups keyed by their snake_case name, which becomes the client accessor
    /// (`client.profile()`).
    pub groups: IndexMap<String, RawGroup>,
    /// What the spec was transcribed from (the vendor's docs, a web page, an SDK), keyed by a
    /// short kebab-case name that endpoints' `provenance` and departures' `source` cite.
    #[serde(default)]
    pub sources: IndexMap<String, RawSource>,
    /// Named types (objects and coded enums), keyed by their PascalCase name.
    #[serde(default)]
    pub types: IndexMap<String, RawType>,
    /// Endpoints keyed by their stable operation name (camelCase, usually the path's last segment).
    pub endpoints: IndexMap<String, RawEndpoint>,
}

/// API-wide facts (`info`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInfo {
    /// The API's title (`VeryCloud API`).
    pub title: String,
    /// Semver of the API description; the generated crate and OpenAPI `info.version` use it.
    pub version: String,
    /// The URL every `path` is below (`https://api3.verycloud.cn`).
    pub base_url: String,
    /// Prose for the crate docs and the OpenAPI `info.description`.
    pub description: String,
    /// Name of the body field that carries the access token on endpoints with `token: true`.
    pub token_field: String,
    /// The reply wrapper every endpoint shares.
    pub envelope: RawEnvelope,
    /// What `client.login()` calls.
    pub login: RawLogin,
    /// Why-notes that apply to the whole API (rules such as required-ness).
    #[serde(default)]
    pub notes: Vec<String>,
    /// Who publishes the API, for the OpenAPI `info.contact`.
    #[serde(default)]
    pub contact: Option<RawContact>,
}

/// Who publishes the API (`info.contact`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// The publisher's name (`VeryCloud`).
    pub name: String,
    /// The publisher's site.
    pub url: String,
}

/// The reply wrapper every endpoint shares: `{"code": 1, "message": "...", "data": ...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// Wire name of the member holding the result code (`code`).
    pub code_field: String,
    /// Wire name of the member holding the human-readable message (`message`).
    pub message_field: String,
    /// Wire name of the member holding the result (`data`).
    pub data_field: String,
    /// The value of `code_field` that means success; anything else is a failure, even on HTTP 200.
    pub success_code: i64,
}

/// Which endpoint trades a username and password for a token, and where in it they stand.
/// The client's `login` and its automatic re-login use this.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLogin {
    /// Key of an entry of `endpoints`.
    pub endpoint: String,
    /// The request field of that endpoint holding the user name (`username`).
    pub username_field: String,
    /// The request field of that endpoint holding the password (`password`).
    pub password_field: String,
    /// The top-level reply field of that endpoint holding the access token (`access_token`).
    pub access_token_field: String,
    /// The top-level reply field of that endpoint holding the Unix seconds at which the token
    /// expires (`expires`).
    pub expires_field: String,
}

/// A group of endpoints (`groups.<name>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Chinese name, as the docs give it.
    pub zh: String,
    /// English name and one-line description.
    pub en: String,
}

/// One thing the spec was transcribed from. Which of `file`, `url` and `commit` it needs
/// depends on its `kind`; validation says which.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// What kind of thing it is: which keys it takes and how provenance points into it.
    pub kind: SourceKind,
    /// How outputs name it to a reader (`VeryCloud's official Java SDK`).
    pub title: String,
    /// `docs`: the docs file's name; `sdk`: the file's path in the repository.
    #[serde(default)]
    pub file: Option<String>,
    /// `page`: the page's address; `sdk`: the repository's address; `docs`: where the vendor
    /// publishes the text, if known.
    #[serde(default)]
    pub url: Option<String>,
    /// `sdk`: the commit that was read.
    #[serde(default)]
    pub commit: Option<String>,
    /// What a reader of the spec should know about the source as a whole.
    #[serde(default)]
    pub notes: Option<String>,
}

/// What kind of thing a source is, which decides how an endpoint's `provenance` points into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A text file of the vendor's docs in the layout `docs-drift` reads; cited by `line`.
    Docs,
    /// A published web page; cited by `section` (its heading).
    Page,
    /// A source file of an SDK in a repository; cited by `method`.
    Sdk,
}

impl SourceKind {
    /// The kind as spec authors write it (`sdk`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Docs => "docs",
            SourceKind::Page => "page",
            SourceKind::Sdk => "sdk",
        }
    }

    /// The provenance key that points into a source of this kind.
    pub fn locator(self) -> &'static str {
        match self {
            SourceKind::Docs => "line",
            SourceKind::Page => "section",
            SourceKind::Sdk => "method",
        }
    }
}

/// Where in one source an endpoint was read: exactly the locator its source's kind takes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvenance {
    /// Key of an entry of `sources`.
    pub source: String,
    /// `docs`: the line of the endpoint's title (1-based).
    #[serde(default)]
    pub line: Option<u64>,
    /// `page`: the heading of the endpoint's section, verbatim.
    #[serde(default)]
    pub section: Option<String>,
    /// `sdk`: the name of the method that calls the endpoint.
    #[serde(default)]
    pub method: Option<String>,
}

/// A named type: exactly one of `fields` (an object) or `enum` (a coded enum).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    /// Chinese description, where the docs give one.
    #[serde(default)]
    pub zh: Option<String>,
    /// English description.
    pub en: String,
    /// Why-notes for readers.
    #[serde(default)]
    pub notes: Option<String>,
    /// Where the spec departs from the docs.
    #[serde(default)]
    pub departures: Vec<RawDeparture>,
    /// An object type's fields, keyed by wire name.
    #[serde(default)]
    pub fields: Option<IndexMap<String, RawField>>,
    /// A coded enum (the `enum` key).
    #[serde(default, rename = "enum")]
    pub enumeration: Option<RawEnum>,
}

/// A coded enum: a value from a documented list of codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnum {
    /// `integer` or `string`: the JSON type of the codes.
    pub code: String,
    /// The documented codes; codes and names are unique within an enum.
    pub values: Vec<RawEnumValue>,
}

/// One documented code of a coded enum.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    /// The code on the wire: an integer or a string, as the enum's `code` says.
    pub code: serde_yaml::Value,
    /// English name of the variant (becomes the Rust variant in PascalCase).
    pub name: String,
    /// The label as documented.
    #[serde(default)]
    pub zh: Option<String>,
    /// English meaning of the code.
    pub en: String,
}

/// One field of a request, a reply or a named object type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// A type expression: `string`, `integer`, `decimal`, `flag`, `datetime`, `unixtime`,
    /// `json`, a named type, `list<T>` or `map<T>` (string keys).
    #[serde(rename = "type")]
    pub ty: String,
    /// How the scalar inside `ty` is written in JSON: `number`, `string` or `either`
    /// (a number or a numeric string). Defaults by type; see spec/README.md.
    #[serde(default)]
    pub wire: Option<String>,
    /// A request must carry it, or a successful reply always does; see the required-ness rule
    /// in spec/README.md.
    #[serde(default)]
    pub required: bool,
    /// The value may be JSON `null`.
    #[serde(default)]
    pub nullable: bool,
    /// A credential (a password, an access token): clients never show it in `Debug` output.
    #[serde(default)]
    pub secret: bool,
    /// The description as documented, verbatim; absent where the docs have none.
    #[serde(default)]
    pub zh: Option<String>,
    /// English description.
    pub en: String,
    /// An example value, conforming to `ty` and `wire`.
    #[serde(default)]
    pub example: Option<serde_yaml::Value>,
    /// The Rust name when it must differ from the wire name (a misspelling kept on the wire).
    #[serde(default)]
    pub rust_name: Option<String>,
    /// Why-notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Where the spec departs from the docs.
    #[serde(default)]
    pub departures: Vec<RawDeparture>,
}

/// One endpoint (`endpoints.<operationName>`): a `POST` of a JSON object to `path`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndpoint {
    /// The path below the base URL, for example `/API/profile/detail`.
    pub path: String,
    /// Key of an entry of `groups`.
    pub group: String,
    /// The title as documented.
    pub zh: String,
    /// English summary.
    pub en: String,
    /// The endpoint takes the access token in its body (`info.token_field`).
    pub token: bool,
    /// Read-only and safe to retry.
    pub read_only: bool,
    /// Why-notes, shown in the method docs and the OpenAPI description.
    #[serde(default)]
    pub notes: Option<String>,
    /// Where the endpoint was read, one entry per source, the source its `zh` quotes first.
    #[serde(default)]
    pub provenance: Vec<RawProvenance>,
    /// Where the spec departs from the docs.
    #[serde(default)]
    pub departures: Vec<RawDeparture>,
    /// Request body fields other than the token, in documented order.
    #[serde(default)]
    pub request: IndexMap<String, RawField>,
    /// What a successful reply carries besides the envelope's code and message.
    pub reply: RawReply,
    /// The documented request and reply examples.
    pub examples: RawExamples,
}

/// What a successful reply carries besides the envelope's code and message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReply {
    /// What `data` holds; absent when the reply has no `data`.
    #[serde(default)]
    pub data: Option<RawField>,
    /// Fields beside `code`, `message` and `data` (paging counters, `access_token`, ...).
    #[serde(default)]
    pub fields: IndexMap<String, RawField>,
    /// `data` is one page of a list: the request has `page` and `limit`, the reply
    /// has `total` and `totalpage`.
    #[serde(default)]
    pub paged: bool,
}

/// Documented examples, each a JSON text (the docs' own, repaired where they were invalid).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    /// The request body, the token included where the endpoint takes one.
    pub request: String,
    /// The whole reply, envelope included.
    pub reply: String,
    /// The examples no source shows, which the spec's author built from the documented fields.
    #[serde(default)]
    pub constructed: Vec<ExampleSide>,
}

/// One of an endpoint's two examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExampleSide {
    /// The request example.
    Request,
    /// The reply example.
    Reply,
}

impl ExampleSide {
    /// The side as spec authors write it (`reply`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleSide::Request => "request",
            ExampleSide::Reply => "reply",
        }
    }
}

/// A place where the spec departs from, or interprets, the vendor's docs or another source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeparture {
    /// What kind of departure this is; `docs-drift` matches differences on it.
    pub kind: DepartureKind,
    /// What the docs (or `source`) say, quoted as closely as a line allows.
    pub docs: String,
    /// Why the spec says something else.
    pub why: String,
    /// Key of the entry of `sources` that `docs` quotes; absent for the vendor's docs the
    /// endpoint was transcribed from.
    #[serde(default)]
    pub source: Option<String>,
}

/// The kinds of departure from the docs. Each names the part of the docs that differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DepartureKind {
    /// The curl line's URL differs from the endpoint's address line.
    CurlUrl,
    /// The documented type word (`int`, `string`, `array`, `decimal`) differs from the spec's type.
    Type,
    /// The documented description is interpreted, corrected or completed.
    Description,
    /// The spec has a request field the docs' table lacks.
    ParamAdded,
    /// The docs' table has a request field the spec leaves out.
    ParamRemoved,
    /// The documented request example was invalid JSON or lacked or mistyped a key.
    RequestExample,
    /// The documented reply example was invalid JSON or disagrees with the spec's types.
    ReplyExample,
    /// Required-ness decided against what a documented example shows.
    Required,
    /// The wire encoding differs between the docs' table and its examples.
    Wire,
    /// A source sends the field under another wire name than the spec's.
    ParamRenamed,
}

impl DepartureKind {
    /// The kind as spec authors write it (`curl-url`).
    pub fn as_str(self) -> &'static str {
        match self {
            DepartureKind::CurlUrl => "curl-url",
            DepartureKind::Type => "type",
            DepartureKind::Description => "description",
            DepartureKind::ParamAdded => "param-added",
            DepartureKind::ParamRemoved => "param-removed",
            DepartureKind::RequestExample => "request-example",
            DepartureKind::ReplyExample => "reply-example",
            DepartureKind::Required => "required",
            DepartureKind::Wire => "wire",
            DepartureKind::ParamRenamed => "param-renamed",
        }
    }
}

/// How a text left for a person starts: `docs-drift --skeleton` drafts every English text,
/// note and departure `why` it cannot write as `TODO: …`.
pub const DRAFT_MARKER: &str = "TODO";

/// Whether a text is a draft left for a person: it starts with [`DRAFT_MARKER`]. Validation
/// refuses drafts; `docs-drift` lets no draft departure explain a difference.
pub fn is_draft(text: &str) -> bool {
    text.trim_start().starts_with(DRAFT_MARKER)
}
