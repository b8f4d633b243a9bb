//! The resolved API: what every emitter and tool reads.
//!
//! Built from a validated spec by [`build`], so everything here is known to be consistent:
//! named types exist, Rust names are unique and legal, examples parse as JSON and conform.
//! Emitters never see YAML; they see this.

use crate::spec::DepartureKind;

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub info: Info,
    pub groups: Vec<Group>,
    /// Named types in spec order.
    pub types: Vec<NamedType>,
    /// Endpoints in spec order.
    pub endpoints: Vec<Endpoint>,
    /// Where each named type stands in `types`, so that [`Api::named_type`] is no scan:
    /// emitters look a type up per field, and a scan each made generation quadratic in the
    /// spec's size. [`build`] fills it; an empty or outdated index only slows lookups down.
    pub type_index: TypeIndex,
}

/// Positions in [`Api::types`] by spec key. Derived data: it takes no part in comparing two
/// APIs, and prints only its size.
#[derive(Clone, Default)]
pub struct TypeIndex(std::collections::BTreeMap<String, usize>);

impl TypeIndex {
    pub fn of(types: &[NamedType]) -> TypeIndex {
        TypeIndex(
            types
                .iter()
                .enumerate()
                .map(|(at, named)| (named.name.clone(), at))
                .collect(),
        )
    }
}

impl PartialEq for TypeIndex {
    fn eq(&self, _: &TypeIndex) -> bool {
        true
    }
}

impl std::fmt::Debug for TypeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypeIndex({} types)", self.0.len())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub base_url: String,
    pub description: String,
    pub token_field: String,
    pub envelope: Envelope,
    pub login: Login,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub code_field: String,
    pub message_field: String,
    pub data_field: String,
    pub success_code: i64,
}

/// The login endpoint and the wire names the client needs to log in with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Login {
    /// Operation name of the login endpoint.
    pub endpoint: String,
    pub username_field: String,
    pub password_field: String,
    pub access_token_field: String,
    pub expires_field: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The spec key, for example `profile`.
    pub key: String,
    /// snake_case Rust name: the client accessor (`client.profile()`).
    pub rust_name: String,
    /// PascalCase Rust name: the accessor's type (`ProfileApi`).
    pub rust_type: String,
    pub zh: String,
    pub en: String,
}

/// A named object or enum type.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// The spec key, for example `SubaccountGroup`.
    pub name: String,
    /// PascalCase Rust type name.
    pub rust_name: String,
    pub zh: Option<String>,
    pub en: String,
    pub notes: Option<String>,
    pub departures: Vec<Departure>,
    pub kind: TypeKind,
    /// YAML path of the definition, for example `types.SubaccountGroup`.
    pub yaml_path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Object {
        fields: Vec<Field>,
    },
    Enum {
        code: CodeKind,
        values: Vec<EnumValue>,
    },
}

/// The JSON type of an enum's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    Integer,
    String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub code: EnumCode,
    /// The English name as written in the spec.
    pub name: String,
    /// PascalCase Rust variant name.
    pub rust_name: String,
    pub zh: Option<String>,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EnumCode {
    Integer(i64),
    String(String),
}

/// A field of a request, a reply or an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire, exactly as documented.
    pub wire_name: String,
    /// snake_case Rust name, never a keyword (a keyword gets a trailing `_`).
    pub rust_name: String,
    pub ty: TypeRef,
    /// How the innermost scalar of `ty` is written in JSON.
    pub wire: Wire,
    pub required: bool,
    pub nullable: bool,
    /// A credential: never shown in `Debug` output.
    pub secret: bool,
    pub zh: Option<String>,
    pub en: String,
    pub example: Option<serde_json::Value>,
    pub notes: Option<String>,
    pub departures: Vec<Departure>,
    /// YAML path, for example `endpoints.subaccountAdd.request.cdnconfig`.
    pub yaml_path: String,
}

/// A resolved type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Scalar(Scalar),
    /// A named type, by its spec key (an index into `Api::types` via [`Api::named_type`]).
    Named(String),
    List(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    String,
    Integer,
    /// A money amount: exact decimal.
    Decimal,
    /// 0 or 1.
    Flag,
    /// A local date and time as `2015/03/19 13:21` or `2015-03-19 13:21`.
    DateTime,
    /// Seconds since the Unix epoch.
    UnixTime,
    /// Any JSON value, kept as is.
    Json,
}

/// How a scalar is written in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wire {
    Number,
    String,
    /// A number or a numeric string; both decode. Requests send a number.
    Either,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The stable operation name, for example `subaccountAdd`.
    pub name: String,
    /// snake_case method name.
    pub rust_method: String,
    /// PascalCase stem for the endpoint's generated types (`SubaccountAdd` → `SubaccountAddRequest`).
    pub rust_type_stem: String,
    pub path: String,
    /// Key of the endpoint's group.
    pub group: String,
    pub zh: String,
    pub en: String,
    pub needs_token: bool,
    pub read_only: bool,
    pub notes: Option<String>,
    pub departures: Vec<Departure>,
    pub request: Vec<Field>,
    pub reply: Reply,
    pub request_example: serde_json::Value,
    pub reply_example: serde_json::Value,
    /// YAML path, for example `endpoints.subaccountAdd`.
    pub yaml_path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The `data` member; `None` when the reply has none. Its `wire_name` is the envelope's data field.
    pub data: Option<Field>,
    /// Fields beside the envelope's code, message and data.
    pub fields: Vec<Field>,
    pub paged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    pub kind: DepartureKind,
    pub docs: String,
    pub why: String,
}

impl Scalar {
    /// Every scalar, in the order spec/README.md lists them.
    pub const ALL: [Scalar; 7] = [
        Scalar::String,
        Scalar::Integer,
        Scalar::Decimal,
        Scalar::Flag,
        Scalar::DateTime,
        Scalar::UnixTime,
        Scalar::Json,
    ];

    /// The word a spec author writes for this scalar in a type expression.
    pub fn keyword(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Decimal => "decimal",
            Scalar::Flag => "flag",
            Scalar::DateTime => "datetime",
            Scalar::UnixTime => "unixtime",
            Scalar::Json => "json",
        }
    }

    /// The scalar a type-expression word names, if it names one.
    pub fn from_keyword(word: &str) -> Option<Scalar> {
        Scalar::ALL
            .into_iter()
            .find(|scalar| scalar.keyword() == word)
    }
}

impl TypeRef {
    /// The type expression as a spec author writes it: `list<SubaccountGroup>`.
    pub fn expression(&self) -> String {
        match self {
            TypeRef::Scalar(scalar) => scalar.keyword().to_owned(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::List(inner) => format!("list<{}>", inner.expression()),
            TypeRef::Map(inner) => format!("map<{}>", inner.expression()),
        }
    }
}

impl Api {
    /// The named type with this spec key. Validation guarantees every `TypeRef::Named` resolves.
    pub fn named_type(&self, name: &str) -> Option<&NamedType> {
        let indexed = self
            .type_index
            .0
            .get(name)
            .and_then(|&at| self.types.get(at));
        match indexed {
            Some(named) if named.name == name => Some(named),
            _ => self.types.iter().find(|t| t.name == name),
        }
    }

    pub fn group(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.key == key)
    }
}

mod build;
pub(crate) mod naming;

pub use build::build;
