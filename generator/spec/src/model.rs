//! The resolved API: what every emitter and tool reads.
//!
//! Built from a validated spec by [`crate::build`], so everything here is known to be
//! consistent: named types exist, generated names are unique and legal, examples parse as JSON
//! and conform. Emitters never see YAML; they see this. The model says what the API is; how
//! each output spells it is [`crate::names`]' business.

use std::collections::{BTreeMap, BTreeSet};

use crate::format::DepartureKind;
pub use crate::format::{ExampleSide, SourceKind};
pub use crate::scalar::{Scalar, Wire};
pub use crate::type_ref::{CodeKind, EnumCode, TypeRef};

/// The whole API.
///
/// The named types are private so that their lookup index can never disagree with them:
/// build an `Api` with [`Api::new`] (or [`build`](crate::build::build)) and read the types with
/// [`Api::types`].
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// What the whole API shares: its address, envelope and login.
    pub info: Info,
    /// Groups of endpoints, in spec order.
    pub groups: Vec<Group>,
    /// What the spec was transcribed from, in spec order; empty for a spec that does not say.
    pub sources: Vec<Source>,
    /// Endpoints in spec order.
    pub endpoints: Vec<Endpoint>,
    /// Named types in spec order.
    types: Vec<NamedType>,
    /// Where each named type stands in `types` by spec key, so that [`Api::named_type`] is no
    /// scan: emitters look a type up per field, and a scan each made generation quadratic in
    /// the spec's size.
    type_index: BTreeMap<String, usize>,
}

/// What the whole API shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// The API's name (`VeryCloud API`).
    pub title: String,
    /// Semver of the API description; the generated crate and OpenAPI `info.version` use it.
    pub version: String,
    /// The address every path is below, without a trailing `/` (`https://api3.verycloud.cn`).
    pub base_url: String,
    /// What the API is, in a paragraph.
    pub description: String,
    /// The body member that carries the access token (`token`).
    pub token_field: String,
    /// The reply wrapper every endpoint shares.
    pub envelope: Envelope,
    /// How to trade a user name and password for a token.
    pub login: Login,
    /// Rules that apply to the whole API.
    pub notes: Vec<String>,
    /// Who publishes the API.
    pub contact: Option<Contact>,
}

/// Who publishes the API.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The publisher's name (`VeryCloud`).
    pub name: String,
    /// The publisher's site.
    pub url: String,
}

/// The reply wrapper: `{"code": 1, "message": "操作完成", "data": …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The member holding the result code (`code`).
    pub code_field: String,
    /// The member holding the human-readable message (`message`).
    pub message_field: String,
    /// The member holding the result (`data`).
    pub data_field: String,
    /// The code that means success; any other is a failure, even on HTTP 200.
    pub success_code: i64,
}

/// The login endpoint and the wire names the client needs to log in with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Login {
    /// Operation name of the login endpoint.
    pub endpoint: String,
    /// Its request member holding the user name.
    pub username_field: String,
    /// Its request member holding the (encoded) password.
    pub password_field: String,
    /// Its top-level reply member holding the access token.
    pub access_token_field: String,
    /// Its top-level reply member holding the token's expiry (Unix seconds).
    pub expires_field: String,
}

/// A group of endpoints, as the docs group them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The spec key, for example `profile`.
    pub key: String,
    /// The docs' title of the group.
    pub zh: String,
    /// English title.
    pub en: String,
}

/// One thing the spec was transcribed from: the vendor's docs, a web page or an SDK.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The spec key, for example `java-sdk`.
    pub key: String,
    /// What kind of thing it is, which decides how provenance points into it.
    pub kind: SourceKind,
    /// How outputs name it to a reader.
    pub title: String,
    /// The docs file's name, or the SDK file's path in its repository.
    pub file: Option<String>,
    /// The page's or the repository's address.
    pub url: Option<String>,
    /// The SDK commit that was read.
    pub commit: Option<String>,
    /// What a reader should know about the source as a whole.
    pub notes: Option<String>,
}

/// Where in one source an endpoint was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Key of the source ([`Source::key`]).
    pub source: String,
    /// The place in it.
    pub locator: Locator,
}

/// A place in a source, of the form its kind takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locator {
    /// The line of the endpoint's title in a docs file (1-based).
    Line(u64),
    /// The heading of the endpoint's section of a web page.
    Section(String),
    /// The method of an SDK that calls the endpoint.
    Method(String),
}

/// Which of an endpoint's examples no source shows, so that the spec's author built them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Constructed {
    /// The request example was built from the documented fields.
    pub request: bool,
    /// The reply example was built from the documented fields (or is the bare envelope).
    pub reply: bool,
}

/// A named object or enum type.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// The spec key, for example `SubaccountGroup`.
    pub name: String,
    /// The docs' description, verbatim.
    pub zh: Option<String>,
    /// English description.
    pub en: String,
    /// Why-notes.
    pub notes: Option<String>,
    /// Where the spec departs from the docs.
    pub departures: Vec<Departure>,
    /// An object or a coded enum.
    pub kind: TypeKind,
    /// YAML path of the definition, for example `types.SubaccountGroup`.
    pub yaml_path: String,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A JSON object with these members.
    Object {
        /// Its members in spec order.
        fields: Vec<Field>,
    },
    /// A value from a documented list of codes.
    Enum {
        /// The JSON type of the codes.
        code: CodeKind,
        /// The documented codes, in spec order.
        values: Vec<EnumValue>,
    },
}

/// One documented code of a coded enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The code on the wire.
    pub code: EnumCode,
    /// The English name as written in the spec (`success`); outputs derive their names from it.
    pub name: String,
    /// The documented label.
    pub zh: Option<String>,
    /// English meaning.
    pub en: String,
}

/// A field of a request, a reply or an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire, exactly as documented.
    pub wire_name: String,
    /// The spec's `rust_name`: the Rust name when it must differ from the wire name's
    /// snake_case (see [`crate::names::rust::field`]).
    pub rust_name: Option<String>,
    /// Its type.
    pub ty: TypeRef,
    /// How the innermost scalar or coded enum of `ty` is written in JSON.
    pub wire: Wire,
    /// A success always carries it (replies), or a request must (requests).
    pub required: bool,
    /// The value may be JSON `null`.
    pub nullable: bool,
    /// A credential: never shown in `Debug` output.
    pub secret: bool,
    /// The docs' description, verbatim.
    pub zh: Option<String>,
    /// English description.
    pub en: String,
    /// An example value, conforming to `ty` and `wire`.
    pub example: Option<serde_json::Value>,
    /// Why-notes.
    pub notes: Option<String>,
    /// Where the spec departs from the docs.
    pub departures: Vec<Departure>,
    /// YAML path, for example `endpoints.subaccountAdd.request.cdnconfig`.
    pub yaml_path: String,
}

/// One endpoint: a `POST` of a JSON object to `path`.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The stable operation name, for example `subaccountAdd`.
    pub name: String,
    /// The path below the base URL (`/API/profile/detail`).
    pub path: String,
    /// Key of the endpoint's group.
    pub group: String,
    /// The docs' title, verbatim.
    pub zh: String,
    /// English summary.
    pub en: String,
    /// The body carries the access token ([`Info::token_field`]).
    pub needs_token: bool,
    /// Read-only, so safe to retry.
    pub read_only: bool,
    /// Why-notes.
    pub notes: Option<String>,
    /// Where the endpoint was read, one entry per source; empty when the spec does not say.
    pub provenance: Vec<Provenance>,
    /// Where the spec departs from the docs.
    pub departures: Vec<Departure>,
    /// Body members other than the token, in documented order.
    pub request: Vec<Field>,
    /// What a success carries.
    pub reply: Reply,
    /// The documented request example (the token included where the endpoint takes one).
    pub request_example: serde_json::Value,
    /// The documented reply example, envelope included.
    pub reply_example: serde_json::Value,
    /// Which of the two examples the spec's author built because no source shows one.
    pub constructed: Constructed,
    /// YAML path, for example `endpoints.subaccountAdd`.
    pub yaml_path: String,
}

/// What a successful reply carries besides the envelope's code and message.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The `data` member; `None` when the reply has none. Its `wire_name` is the envelope's data field.
    pub data: Option<Field>,
    /// Fields beside the envelope's code, message and data.
    pub fields: Vec<Field>,
    /// `data` is one page of a list: the request has `page` and `limit`, the reply `total`
    /// and `totalpage`.
    pub paged: bool,
}

/// A place where the spec departs from, or interprets, the vendor's docs or another source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    /// Which part of the docs differs.
    pub kind: DepartureKind,
    /// What the docs (or [`Departure::source`]) say, quoted as closely as a line allows.
    pub docs: String,
    /// Why the spec says something else.
    pub why: String,
    /// Key of the source `docs` quotes; `None` for the vendor's docs the element was
    /// transcribed from.
    pub source: Option<String>,
}

impl Api {
    /// An API of these parts; the first of two named types with one name wins lookups
    /// (validation refuses such a spec).
    pub fn new(
        info: Info,
        groups: Vec<Group>,
        types: Vec<NamedType>,
        endpoints: Vec<Endpoint>,
    ) -> Api {
        let mut type_index = BTreeMap::new();
        for (at, named) in types.iter().enumerate() {
            type_index.entry(named.name.clone()).or_insert(at);
        }
        Api {
            info,
            groups,
            sources: Vec::new(),
            endpoints,
            types,
            type_index,
        }
    }

    /// The same API citing these sources.
    pub fn with_sources(mut self, sources: Vec<Source>) -> Api {
        self.sources = sources;
        self
    }

    /// The named types, in spec order.
    pub fn types(&self) -> &[NamedType] {
        &self.types
    }

    /// The named type with this spec key. Validation guarantees every `TypeRef::Named` resolves.
    pub fn named_type(&self, name: &str) -> Option<&NamedType> {
        self.type_index.get(name).and_then(|&at| self.types.get(at))
    }

    /// The group with this spec key.
    pub fn group(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.key == key)
    }

    /// The source with this spec key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    /// Every field of every object type and endpoint (requests, `data` and other reply
    /// members), types first, each in spec order.
    pub fn all_fields(&self) -> impl Iterator<Item = &Field> {
        let of_types = self.types.iter().flat_map(|named| match &named.kind {
            TypeKind::Object { fields } => fields.as_slice(),
            TypeKind::Enum { .. } => &[],
        });
        of_types.chain(self.endpoints.iter().flat_map(Endpoint::fields))
    }

    /// The named types some request uses, through any nesting of lists, maps and objects:
    /// callers build these to send them.
    pub fn request_types(&self) -> BTreeSet<String> {
        self.reachable_types(self.endpoints.iter().flat_map(|endpoint| &endpoint.request))
    }

    /// The named types some reply uses (`data` or another member), through any nesting.
    pub fn reply_types(&self) -> BTreeSet<String> {
        self.reachable_types(
            self.endpoints
                .iter()
                .flat_map(|endpoint| endpoint.reply.data.iter().chain(&endpoint.reply.fields)),
        )
    }

    /// The named types `fields` reach, directly or through the fields of object types.
    fn reachable_types<'a>(&'a self, fields: impl Iterator<Item = &'a Field>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<&str> = fields
            .filter_map(|field| field.ty.innermost_named())
            .collect();
        while let Some(name) = pending.pop() {
            let Some(named) = self.named_type(name) else {
                continue;
            };
            if !seen.insert(name.to_owned()) {
                continue;
            }
            if let TypeKind::Object { fields } = &named.kind {
                pending.extend(fields.iter().filter_map(|field| field.ty.innermost_named()));
            }
        }
        seen
    }
}

impl Endpoint {
    /// Whether the endpoint's provenance cites the source with this key.
    pub fn cites(&self, source: &str) -> bool {
        self.provenance.iter().any(|p| p.source == source)
    }

    /// The request fields, then `data`, then the other reply members.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.request
            .iter()
            .chain(&self.reply.data)
            .chain(&self.reply.fields)
    }
}
