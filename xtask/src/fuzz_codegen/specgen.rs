//! Random specs that look valid, as a proptest strategy.
//!
//! A spec is generated as an abstract [`SpecGen`] (names as vocabulary words, references as
//! indexes into the lists generated beside them) and rendered to YAML by [`SpecGen::to_yaml`].
//! Rendering resolves every reference against what exists, so shrinking (which removes list
//! elements and moves choices toward the start of their list) always leaves a spec whose
//! references point somewhere. The documented examples are computed from the fields, so that
//! they conform; what the generator cannot see coming (two names that collide once converted,
//! a keyword, non-ASCII) is for validation to refuse, with a located diagnostic.

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value as Json, json};
use serde_yaml::{Mapping, Value as Yaml};

use super::vocabulary as words;

/// A spec before rendering.
#[derive(Debug, Clone)]
pub struct SpecGen {
    title: Prose,
    description: Prose,
    notes: Vec<Prose>,
    token_field: &'static str,
    envelope: (&'static str, &'static str, &'static str),
    success_code: i64,
    groups: Vec<GroupGen>,
    types: Vec<TypeGen>,
    login: LoginGen,
    endpoints: Vec<EndpointGen>,
}

/// Prose: vocabulary pieces and how they are joined.
#[derive(Debug, Clone)]
struct Prose {
    pieces: Vec<&'static str>,
    joiner: &'static str,
}

#[derive(Debug, Clone)]
struct GroupGen {
    key: &'static str,
    zh: Prose,
    en: Prose,
}

#[derive(Debug, Clone)]
struct Docs {
    zh: Option<Prose>,
    en: Prose,
    notes: Option<Prose>,
    departures: Vec<(usize, Prose, Prose)>,
}

#[derive(Debug, Clone)]
struct TypeGen {
    name: &'static str,
    docs: Docs,
    kind: KindGen,
}

#[derive(Debug, Clone)]
enum KindGen {
    Object(Vec<FieldGen>),
    IntegerEnum(Vec<(i64, &'static str, Option<Prose>, Prose)>),
    StringEnum(Vec<(&'static str, &'static str, Option<Prose>, Prose)>),
}

/// A type expression; `Named` indexes the types a field may refer to.
#[derive(Debug, Clone)]
enum TyGen {
    Scalar(usize),
    Named(Index),
    List(Box<TyGen>),
    Map(Box<TyGen>),
}

#[derive(Debug, Clone)]
struct FieldGen {
    wire_name: &'static str,
    ty: TyGen,
    /// 0: none; 1: number; 2: string; 3: either (taken modulo what the type allows).
    wire: usize,
    required: bool,
    nullable: bool,
    secret: bool,
    rust_name: Option<&'static str>,
    /// Whether a wire name that gives no Rust identifier gets a `rust_name` (as validation
    /// asks); without one, validation refuses the spec.
    name_fixed: bool,
    example: bool,
    docs: Docs,
}

#[derive(Debug, Clone)]
struct LoginGen {
    name: &'static str,
    group: Index,
    username: &'static str,
    password: &'static str,
    access_token: &'static str,
    expires: &'static str,
    expires_unixtime: bool,
    password_secret: bool,
    docs: Docs,
}

#[derive(Debug, Clone)]
struct EndpointGen {
    name: &'static str,
    group: Index,
    path_end: &'static str,
    token: bool,
    read_only: bool,
    docs: Docs,
    request: Vec<FieldGen>,
    reply: ReplyGen,
    /// Whether the examples also show optional members.
    full_examples: bool,
}

#[derive(Debug, Clone)]
enum ReplyGen {
    Nothing,
    Data(FieldGen),
    Fields(Vec<FieldGen>),
    DataAndFields(FieldGen, Vec<FieldGen>),
    Paged {
        item: TyGen,
        page_required: bool,
        page_wire: usize,
        /// The page number's scalar: `integer` mostly, anything else refused.
        page_type: usize,
        page_nullable: bool,
        echo: bool,
        extra: Vec<FieldGen>,
    },
}

const SCALARS: &[&str] = &[
    "string", "integer", "decimal", "flag", "datetime", "unixtime", "json",
];

const DEPARTURE_KINDS: &[&str] = &[
    "type",
    "description",
    "curl-url",
    "param-added",
    "param-removed",
    "request-example",
    "reply-example",
    "required",
    "wire",
];

/// A word of `list`, whose first `plain` words are drawn three times as often as the rest.
fn word(list: &'static [&'static str], plain: usize) -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => select(&list[..plain]), 1 => select(list)]
}

fn wire_name() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => word(words::WIRE, words::WIRE_PLAIN),
        1 => word(words::SNAKE, words::SNAKE_PLAIN),
    ]
}

fn prose() -> impl Strategy<Value = Prose> {
    (
        prop::collection::vec(word(words::PROSE, words::PROSE_PLAIN), 1..4),
        select(words::JOINERS),
    )
        .prop_map(|(pieces, joiner)| Prose { pieces, joiner })
}

fn docs() -> impl Strategy<Value = Docs> {
    (
        prop::option::of(prose()),
        prose(),
        prop::option::of(prose()),
        prop::collection::vec((0..DEPARTURE_KINDS.len(), prose(), prose()), 0..2),
    )
        .prop_map(|(zh, en, notes, departures)| Docs {
            zh,
            en,
            notes,
            departures,
        })
}

fn ty() -> impl Strategy<Value = TyGen> {
    let leaf = prop_oneof![
        3 => (0..SCALARS.len()).prop_map(TyGen::Scalar),
        1 => any::<Index>().prop_map(TyGen::Named),
    ];
    leaf.prop_recursive(3, 8, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| TyGen::List(Box::new(t))),
            inner.prop_map(|t| TyGen::Map(Box::new(t))),
        ]
    })
}

fn field() -> impl Strategy<Value = FieldGen> {
    (
        wire_name(),
        ty(),
        0..4usize,
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
        (
            prop::option::weighted(0.2, word(words::SNAKE, words::SNAKE_PLAIN)),
            prop::bool::weighted(0.9),
        ),
        any::<bool>(),
        docs(),
    )
        .prop_map(
            |(
                wire_name,
                ty,
                wire,
                required,
                nullable,
                secret,
                (rust_name, name_fixed),
                example,
                docs,
            )| {
                FieldGen {
                    wire_name,
                    ty,
                    wire,
                    required,
                    nullable,
                    secret,
                    rust_name,
                    name_fixed,
                    example,
                    docs,
                }
            },
        )
}

fn fields(max: usize) -> impl Strategy<Value = Vec<FieldGen>> {
    prop::collection::vec(field(), 0..max)
}

fn named_type() -> impl Strategy<Value = TypeGen> {
    let integer_values = prop::collection::vec(
        (
            select(words::INTEGER_CODE),
            word(words::VARIANT, words::VARIANT_PLAIN),
            prop::option::of(prose()),
            prose(),
        ),
        1..4,
    );
    let string_values = prop::collection::vec(
        (
            word(words::STRING_CODE, words::STRING_CODE_PLAIN),
            word(words::VARIANT, words::VARIANT_PLAIN),
            prop::option::of(prose()),
            prose(),
        ),
        1..4,
    );
    let kind = prop_oneof![
        3 => fields(5).prop_map(KindGen::Object),
        1 => integer_values.prop_map(KindGen::IntegerEnum),
        1 => string_values.prop_map(KindGen::StringEnum),
    ];
    (word(words::PASCAL, words::PASCAL_PLAIN), docs(), kind)
        .prop_map(|(name, docs, kind)| TypeGen { name, docs, kind })
}

fn reply() -> impl Strategy<Value = ReplyGen> {
    prop_oneof![
        1 => Just(ReplyGen::Nothing),
        2 => field().prop_map(ReplyGen::Data),
        1 => fields(3).prop_map(ReplyGen::Fields),
        1 => (field(), fields(3)).prop_map(|(data, fields)| ReplyGen::DataAndFields(data, fields)),
        2 => (
            ty(),
            (any::<bool>(), 0..4usize),
            (prop_oneof![6 => Just(1usize), 1 => 0..SCALARS.len()], prop::bool::weighted(0.25)),
            any::<bool>(),
            prop::collection::vec(field(), 0..2),
        )
            .prop_map(
                |(item, (page_required, page_wire), (page_type, page_nullable), echo, extra)| {
                    ReplyGen::Paged {
                        item,
                        page_required,
                        page_wire,
                        page_type,
                        page_nullable,
                        echo,
                        extra,
                    }
                },
            ),
    ]
}

fn endpoint() -> impl Strategy<Value = EndpointGen> {
    (
        word(words::CAMEL, words::CAMEL_PLAIN),
        any::<Index>(),
        word(words::PATH_END, words::PATH_END_PLAIN),
        any::<bool>(),
        any::<bool>(),
        docs(),
        // Up to nine, so that a request's `new` may take more than clippy's seven arguments.
        fields(9),
        reply(),
        any::<bool>(),
    )
        .prop_map(
            |(name, group, path_end, token, read_only, docs, request, reply, full_examples)| {
                EndpointGen {
                    name,
                    group,
                    path_end,
                    token,
                    read_only,
                    docs,
                    request,
                    reply,
                    full_examples,
                }
            },
        )
}

/// A login field: mostly its usual name, so that the four rarely collide.
fn login_field(usual: &'static str) -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => Just(usual), 1 => wire_name()]
}

fn login() -> impl Strategy<Value = LoginGen> {
    (
        word(words::CAMEL, words::CAMEL_PLAIN),
        any::<Index>(),
        (
            login_field("username"),
            login_field("password"),
            login_field("access_token"),
            login_field("expires"),
        ),
        any::<bool>(),
        any::<bool>(),
        docs(),
    )
        .prop_map(
            |(
                name,
                group,
                (username, password, access_token, expires),
                expires_unixtime,
                password_secret,
                docs,
            )| {
                LoginGen {
                    name,
                    group,
                    username,
                    password,
                    access_token,
                    expires,
                    expires_unixtime,
                    password_secret,
                    docs,
                }
            },
        )
}

fn group() -> impl Strategy<Value = GroupGen> {
    (word(words::SNAKE, words::SNAKE_PLAIN), prose(), prose()).prop_map(|(key, zh, en)| GroupGen {
        key,
        zh,
        en,
    })
}

/// Every spec the fuzzer tries. Shrinking goes through the parts in this order, each as far
/// as it goes: the endpoints and types first, so that a shrunk spec loses what it does not
/// need before its prose is made plain.
pub fn spec() -> impl Strategy<Value = SpecGen> {
    (
        prop::collection::vec(endpoint(), 0..6),
        prop::collection::vec(named_type(), 0..6),
        prop::collection::vec(group(), 1..4),
        login(),
        (prose(), prose(), prop::collection::vec(prose(), 0..2)),
        (
            select(words::TOKEN_FIELD),
            select(words::ENVELOPE),
            select(words::SUCCESS_CODE),
        ),
    )
        .prop_map(
            |(
                endpoints,
                types,
                groups,
                login,
                (title, description, notes),
                (token_field, envelope, success_code),
            )| SpecGen {
                title,
                description,
                notes,
                token_field,
                envelope,
                success_code,
                groups,
                types,
                login,
                endpoints,
            },
        )
}

impl Prose {
    fn text(&self) -> String {
        self.pieces.join(self.joiner)
    }

    /// The text for an `en`, which validation wants not blank (it becomes the docs): blank
    /// prose gets a word, so that the case is not refused for it alone.
    fn described(&self) -> String {
        let text = self.text();
        if text.trim().is_empty() {
            format!("Described.{text}")
        } else {
            text
        }
    }
}

/// What rendering knows: the names of the groups and types as rendered.
struct Scope<'a> {
    spec: &'a SpecGen,
    groups: Vec<&'static str>,
    types: Vec<&'a TypeGen>,
}

/// A resolved type expression, for the YAML and for examples.
#[derive(Debug, Clone)]
enum Ty<'a> {
    Scalar(&'static str),
    Named(&'a TypeGen),
    List(Box<Ty<'a>>),
    Map(Box<Ty<'a>>),
}

impl Ty<'_> {
    fn expression(&self) -> String {
        match self {
            Ty::Scalar(scalar) => (*scalar).to_owned(),
            Ty::Named(named) => named.name.to_owned(),
            Ty::List(item) => format!("list<{}>", item.expression()),
            Ty::Map(item) => format!("map<{}>", item.expression()),
        }
    }

    fn innermost(&self) -> &Self {
        match self {
            Ty::List(item) | Ty::Map(item) => item.innermost(),
            other => other,
        }
    }
}

/// How the innermost value of a type may be written: which `wire` words it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Numeric,
    Text,
    Any,
}

fn encoding(ty: &Ty<'_>) -> Encoding {
    match ty.innermost() {
        Ty::Scalar("integer" | "decimal" | "flag" | "unixtime") => Encoding::Numeric,
        Ty::Scalar("string" | "datetime") => Encoding::Text,
        Ty::Named(named) => match named.kind {
            KindGen::IntegerEnum(_) => Encoding::Numeric,
            KindGen::StringEnum(_) => Encoding::Text,
            KindGen::Object(_) => Encoding::Any,
        },
        _ => Encoding::Any,
    }
}

/// The `wire` word a field writes, or none.
fn wire_word(choice: usize, encoding: Encoding) -> Option<&'static str> {
    match encoding {
        Encoding::Numeric => [None, Some("number"), Some("string"), Some("either")][choice % 4],
        Encoding::Text => [None, Some("string")][choice % 2],
        Encoding::Any => None,
    }
}

/// The wire a value is written in: the field's word, else the type's default.
fn effective_wire(word: Option<&'static str>, encoding: Encoding) -> &'static str {
    match (word, encoding) {
        (Some(word), _) => word,
        (None, Encoding::Numeric) => "number",
        (None, _) => "string",
    }
}

fn text(value: impl Into<String>) -> Yaml {
    Yaml::String(value.into())
}

fn insert(map: &mut Mapping, key: &str, value: Yaml) {
    map.insert(text(key), value);
}

impl SpecGen {
    /// The spec as YAML text.
    pub fn to_yaml(&self) -> String {
        let scope = Scope::new(self);
        let mut root = Mapping::new();
        insert(&mut root, "info", scope.info());
        let mut groups = Mapping::new();
        for group in &self.groups {
            let mut entry = Mapping::new();
            insert(&mut entry, "zh", text(group.zh.text()));
            insert(&mut entry, "en", text(group.en.described()));
            if !groups.contains_key(group.key) {
                insert(&mut groups, group.key, Yaml::Mapping(entry));
            }
        }
        insert(&mut root, "groups", Yaml::Mapping(groups));
        let mut types = Mapping::new();
        for (index, named) in scope.types.iter().enumerate() {
            insert(&mut types, named.name, scope.named_type(index, named));
        }
        insert(&mut root, "types", Yaml::Mapping(types));
        let mut endpoints = Mapping::new();
        insert(&mut endpoints, self.login.name, scope.login());
        for (index, endpoint) in self.endpoints.iter().enumerate() {
            if !endpoints.contains_key(endpoint.name) {
                insert(
                    &mut endpoints,
                    endpoint.name,
                    scope.endpoint(index, endpoint),
                );
            }
        }
        insert(&mut root, "endpoints", Yaml::Mapping(endpoints));
        let yaml = serde_yaml::to_string(&Yaml::Mapping(root))
            .unwrap_or_else(|error| format!("# cannot render: {error}\n"));
        format!("# A spec from `cargo xtask fuzz-codegen`.\n{yaml}")
    }
}

impl<'a> Scope<'a> {
    fn new(spec: &'a SpecGen) -> Self {
        let mut groups: Vec<&'static str> = Vec::new();
        for group in &spec.groups {
            if !groups.contains(&group.key) {
                groups.push(group.key);
            }
        }
        let mut types: Vec<&TypeGen> = Vec::new();
        for named in &spec.types {
            if !types.iter().any(|t| t.name == named.name) {
                types.push(named);
            }
        }
        Self {
            spec,
            groups,
            types,
        }
    }

    fn info(&self) -> Yaml {
        let spec = self.spec;
        let mut info = Mapping::new();
        insert(&mut info, "title", text(spec.title.text()));
        insert(&mut info, "version", text("0.1.0"));
        insert(&mut info, "base_url", text("https://api.example.cn"));
        insert(&mut info, "description", text(spec.description.text()));
        insert(&mut info, "token_field", text(spec.token_field));
        let mut envelope = Mapping::new();
        insert(&mut envelope, "code_field", text(spec.envelope.0));
        insert(&mut envelope, "message_field", text(spec.envelope.1));
        insert(&mut envelope, "data_field", text(spec.envelope.2));
        insert(
            &mut envelope,
            "success_code",
            Yaml::Number(spec.success_code.into()),
        );
        insert(&mut info, "envelope", Yaml::Mapping(envelope));
        let login = &spec.login;
        let mut login_map = Mapping::new();
        insert(&mut login_map, "endpoint", text(login.name));
        insert(&mut login_map, "username_field", text(login.username));
        insert(&mut login_map, "password_field", text(login.password));
        insert(
            &mut login_map,
            "access_token_field",
            text(login.access_token),
        );
        insert(&mut login_map, "expires_field", text(login.expires));
        insert(&mut info, "login", Yaml::Mapping(login_map));
        if !spec.notes.is_empty() {
            let notes = spec.notes.iter().map(|note| text(note.text())).collect();
            insert(&mut info, "notes", Yaml::Sequence(notes));
        }
        Yaml::Mapping(info)
    }

    fn group(&self, index: &Index) -> &'static str {
        self.groups[index.index(self.groups.len())]
    }

    /// A type expression; a named type held directly (not in a list or map) by the type at
    /// `direct_limit` must come before it, so that no type contains itself.
    fn resolve(&self, ty: &TyGen, direct_limit: usize) -> Ty<'a> {
        match ty {
            TyGen::Scalar(index) => Ty::Scalar(SCALARS[*index]),
            TyGen::Named(index) => {
                let limit = direct_limit.min(self.types.len());
                if limit == 0 {
                    Ty::Scalar("string")
                } else {
                    Ty::Named(self.types[index.index(limit)])
                }
            }
            TyGen::List(item) => Ty::List(Box::new(self.resolve(item, usize::MAX))),
            TyGen::Map(item) => Ty::Map(Box::new(self.resolve(item, usize::MAX))),
        }
    }

    fn docs(&self, docs: &Docs, map: &mut Mapping) {
        if let Some(zh) = &docs.zh {
            insert(map, "zh", text(zh.text()));
        }
        insert(map, "en", text(docs.en.described()));
        if let Some(notes) = &docs.notes {
            insert(map, "notes", text(notes.text()));
        }
        if !docs.departures.is_empty() {
            let departures = docs
                .departures
                .iter()
                .map(|(kind, said, why)| {
                    let mut departure = Mapping::new();
                    insert(&mut departure, "kind", text(DEPARTURE_KINDS[*kind]));
                    insert(&mut departure, "docs", text(said.text()));
                    insert(&mut departure, "why", text(why.text()));
                    Yaml::Mapping(departure)
                })
                .collect();
            insert(map, "departures", Yaml::Sequence(departures));
        }
    }

    fn named_type(&self, index: usize, named: &TypeGen) -> Yaml {
        let mut map = Mapping::new();
        self.docs(&named.docs, &mut map);
        match &named.kind {
            KindGen::Object(fields) => {
                insert(&mut map, "fields", self.fields(fields, index));
            }
            KindGen::IntegerEnum(values) => {
                let values = distinct(values, |value| (value.0.to_string(), value.1))
                    .into_iter()
                    .map(|(code, name, zh, en)| {
                        enum_value(Yaml::Number((*code).into()), name, zh.as_ref(), en)
                    })
                    .collect();
                insert(&mut map, "enum", enumeration("integer", values));
            }
            KindGen::StringEnum(values) => {
                let values = distinct(values, |value| (value.0.to_owned(), value.1))
                    .into_iter()
                    .map(|(code, name, zh, en)| enum_value(text(*code), name, zh.as_ref(), en))
                    .collect();
                insert(&mut map, "enum", enumeration("string", values));
            }
        }
        Yaml::Mapping(map)
    }

    /// A map of fields; `direct_limit` as for [`Scope::resolve`].
    fn fields(&self, fields: &[FieldGen], direct_limit: usize) -> Yaml {
        let mut map = Mapping::new();
        for (position, field) in dedup(fields.to_vec()).iter().enumerate() {
            let mut rendered = self.field(field, direct_limit);
            let usable =
                spec::names::rust::is_plain_identifier(&spec::names::rust::snake(field.wire_name));
            if field.rust_name.is_none()
                && field.name_fixed
                && !usable
                && let Yaml::Mapping(entries) = &mut rendered
            {
                insert(entries, "rust_name", text(format!("field{position}")));
            }
            insert(&mut map, field.wire_name, rendered);
        }
        Yaml::Mapping(map)
    }

    fn field(&self, field: &FieldGen, direct_limit: usize) -> Yaml {
        let ty = self.resolve(&field.ty, direct_limit);
        let encoding = encoding(&ty);
        let wire = wire_word(field.wire, encoding);
        let mut map = Mapping::new();
        insert(&mut map, "type", text(ty.expression()));
        if let Some(wire) = wire {
            insert(&mut map, "wire", text(wire));
        }
        if field.required {
            insert(&mut map, "required", Yaml::Bool(true));
        }
        if field.nullable {
            insert(&mut map, "nullable", Yaml::Bool(true));
        }
        if field.secret && matches!(ty, Ty::Scalar("string")) {
            insert(&mut map, "secret", Yaml::Bool(true));
        }
        if let Some(rust_name) = field.rust_name {
            insert(&mut map, "rust_name", text(rust_name));
        }
        self.docs(&field.docs, &mut map);
        if field.example {
            let example = self.example(&ty, effective_wire(wire, encoding), 0, false);
            if let Ok(example) = serde_yaml::to_value(&example) {
                insert(&mut map, "example", example);
            }
        }
        Yaml::Mapping(map)
    }

    fn login(&self) -> Yaml {
        let login = &self.spec.login;
        let string_field = |wire_name, secret| FieldGen {
            wire_name,
            ty: TyGen::Scalar(0),
            wire: 0,
            required: true,
            nullable: false,
            secret,
            rust_name: None,
            name_fixed: true,
            example: false,
            docs: login.docs.clone(),
        };
        let request = vec![
            string_field(login.username, false),
            string_field(login.password, login.password_secret),
        ];
        let expires = FieldGen {
            ty: TyGen::Scalar(if login.expires_unixtime { 5 } else { 1 }),
            ..string_field(login.expires, false)
        };
        let fields = vec![string_field(login.access_token, false), expires];
        let endpoint = EndpointGen {
            name: login.name,
            group: login.group,
            path_end: "authorize",
            token: false,
            read_only: false,
            docs: login.docs.clone(),
            request,
            reply: ReplyGen::Fields(fields),
            full_examples: true,
        };
        self.endpoint(usize::MAX, &endpoint)
    }

    fn endpoint(&self, index: usize, endpoint: &EndpointGen) -> Yaml {
        let spec = self.spec;
        let mut map = Mapping::new();
        let number = if index == usize::MAX {
            "login".to_owned()
        } else {
            index.to_string()
        };
        insert(
            &mut map,
            "path",
            text(format!("/API/{number}/{}", endpoint.path_end)),
        );
        insert(&mut map, "group", text(self.group(&endpoint.group)));
        let title = endpoint
            .docs
            .zh
            .as_ref()
            .map_or_else(String::new, Prose::text);
        let mut docs = endpoint.docs.clone();
        docs.zh = None;
        insert(&mut map, "zh", text(title));
        self.docs(&docs, &mut map);
        insert(&mut map, "token", Yaml::Bool(endpoint.token));
        insert(&mut map, "read_only", Yaml::Bool(endpoint.read_only));

        let mut request = endpoint.request.clone();
        let mut data: Option<FieldGen> = None;
        let mut reply_fields: Vec<FieldGen> = Vec::new();
        let mut paged = false;
        match &endpoint.reply {
            ReplyGen::Nothing => {}
            ReplyGen::Data(field) => data = Some(field.clone()),
            ReplyGen::Fields(fields) => reply_fields = fields.clone(),
            ReplyGen::DataAndFields(field, fields) => {
                data = Some(field.clone());
                reply_fields = fields.clone();
            }
            ReplyGen::Paged {
                item,
                page_required,
                page_wire,
                page_type,
                page_nullable,
                echo,
                extra,
            } => {
                paged = true;
                let counter = |wire_name, required| FieldGen {
                    wire_name,
                    ty: TyGen::Scalar(1),
                    wire: *page_wire,
                    required,
                    nullable: false,
                    secret: false,
                    rust_name: None,
                    name_fixed: true,
                    example: false,
                    docs: docs.clone(),
                };
                request.retain(|field| !["page", "limit"].contains(&field.wire_name));
                request.push(FieldGen {
                    ty: TyGen::Scalar(*page_type),
                    nullable: *page_nullable,
                    ..counter("page", *page_required)
                });
                request.push(counter("limit", false));
                reply_fields.push(counter("total", false));
                reply_fields.push(counter("totalpage", false));
                if *echo {
                    reply_fields.push(counter("page", false));
                    reply_fields.push(counter("limit", false));
                }
                reply_fields.extend(extra.iter().cloned());
                data = Some(FieldGen {
                    wire_name: "data",
                    ty: TyGen::List(Box::new(item.clone())),
                    required: false,
                    ..counter("data", false)
                });
            }
        }
        let request = dedup(request);
        let envelope = [spec.envelope.0, spec.envelope.1, spec.envelope.2];
        reply_fields.retain(|field| !envelope.contains(&field.wire_name));
        let reply_fields = dedup(reply_fields);
        if !request.is_empty() {
            insert(&mut map, "request", self.fields(&request, usize::MAX));
        }
        let mut reply = Mapping::new();
        if let Some(data) = &data {
            insert(&mut reply, "data", self.field(data, usize::MAX));
        }
        if !reply_fields.is_empty() {
            insert(&mut reply, "fields", self.fields(&reply_fields, usize::MAX));
        }
        if paged {
            insert(&mut reply, "paged", Yaml::Bool(true));
        }
        insert(&mut map, "reply", Yaml::Mapping(reply));

        let full = endpoint.full_examples;
        let mut request_example = serde_json::Map::new();
        if endpoint.token {
            request_example.insert(
                spec.token_field.to_owned(),
                json!("5d8531de68ae272eacb8670afe084d60"),
            );
        }
        for field in &request {
            if field.required || full {
                request_example.insert(field.wire_name.to_owned(), self.example_of(field));
            }
        }
        let mut reply_example = serde_json::Map::new();
        reply_example.insert(spec.envelope.0.to_owned(), json!(spec.success_code));
        reply_example.insert(spec.envelope.1.to_owned(), json!("操作完成"));
        if let Some(data) = data.as_ref().filter(|data| data.required || full) {
            reply_example.insert(spec.envelope.2.to_owned(), self.example_of(data));
        }
        for field in &reply_fields {
            if field.required || full {
                reply_example.insert(field.wire_name.to_owned(), self.example_of(field));
            }
        }
        let mut examples = Mapping::new();
        insert(
            &mut examples,
            "request",
            text(Json::Object(request_example).to_string()),
        );
        insert(
            &mut examples,
            "reply",
            text(Json::Object(reply_example).to_string()),
        );
        insert(&mut map, "examples", Yaml::Mapping(examples));
        Yaml::Mapping(map)
    }

    fn example_of(&self, field: &FieldGen) -> Json {
        let ty = self.resolve(&field.ty, usize::MAX);
        let encoding = encoding(&ty);
        let wire = effective_wire(wire_word(field.wire, encoding), encoding);
        if field.nullable && field.example {
            return Json::Null;
        }
        self.example(&ty, wire, 0, field.example)
    }
}

/// The first of each wire name, as a YAML mapping keeps it.
fn dedup(fields: Vec<FieldGen>) -> Vec<FieldGen> {
    let mut kept: Vec<FieldGen> = Vec::new();
    for field in fields {
        if !kept.iter().any(|k| k.wire_name == field.wire_name) {
            kept.push(field);
        }
    }
    kept
}

/// The values whose code and name no earlier value has: a spec lists each once.
fn distinct<T>(values: &[T], key: impl Fn(&T) -> (String, &'static str)) -> Vec<&T> {
    let mut codes = Vec::new();
    let mut names = Vec::new();
    let mut kept = Vec::new();
    for value in values {
        let (code, name) = key(value);
        if !codes.contains(&code) && !names.contains(&name) {
            codes.push(code);
            names.push(name);
            kept.push(value);
        }
    }
    kept
}

fn enumeration(code: &str, values: Vec<Yaml>) -> Yaml {
    let mut map = Mapping::new();
    insert(&mut map, "code", text(code));
    insert(&mut map, "values", Yaml::Sequence(values));
    Yaml::Mapping(map)
}

fn enum_value(code: Yaml, name: &str, zh: Option<&Prose>, en: &Prose) -> Yaml {
    let mut map = Mapping::new();
    insert(&mut map, "code", code);
    insert(&mut map, "name", text(name));
    if let Some(zh) = zh {
        insert(&mut map, "zh", text(zh.text()));
    }
    insert(&mut map, "en", text(en.described()));
    Yaml::Mapping(map)
}

impl Scope<'_> {
    /// A value conforming to `ty` written as `wire`; `edgy` picks extreme values. Lists and
    /// maps deeper than a few levels are empty, so that the examples of recursive types end.
    fn example(&self, ty: &Ty<'_>, wire: &str, depth: usize, edgy: bool) -> Json {
        let number_or_text = |number: Json, as_text: String| match wire {
            "string" => Json::String(as_text),
            _ => number,
        };
        match ty {
            Ty::Scalar("integer" | "unixtime") => {
                let value = if edgy { i64::MIN } else { 1_426_473_466 };
                number_or_text(json!(value), value.to_string())
            }
            Ty::Scalar("decimal") => {
                if wire == "string" {
                    json!(if edgy { "-29122.0219" } else { "300.00" })
                } else {
                    json!(if edgy { 0.5 } else { 12.0 })
                }
            }
            Ty::Scalar("flag") => number_or_text(json!(1), "1".to_owned()),
            Ty::Scalar("datetime") => json!("2015/03/19 13:21"),
            Ty::Scalar("json") => json!({"any": [1, "x", null]}),
            Ty::Scalar(_) => json!(if edgy { "`[x]` <b> \\ ~~~" } else { "example" }),
            Ty::Named(named) => match &named.kind {
                KindGen::IntegerEnum(values) => {
                    let code = values.first().map_or(0, |value| value.0);
                    number_or_text(json!(code), code.to_string())
                }
                KindGen::StringEnum(values) => json!(values.first().map_or("", |value| value.0)),
                KindGen::Object(fields) => {
                    let position = self
                        .types
                        .iter()
                        .position(|t| t.name == named.name)
                        .unwrap_or(0);
                    let mut members = serde_json::Map::new();
                    for field in dedup(fields.clone()) {
                        if field.required {
                            let ty = self.resolve(&field.ty, position);
                            let encoding = encoding(&ty);
                            let wire = effective_wire(wire_word(field.wire, encoding), encoding);
                            let value = self.example(&ty, wire, depth, edgy);
                            members.insert(field.wire_name.to_owned(), value);
                        }
                    }
                    Json::Object(members)
                }
            },
            Ty::List(item) => {
                if depth >= 3 {
                    json!([])
                } else {
                    json!([self.example(item, wire, depth + 1, edgy)])
                }
            }
            Ty::Map(item) => {
                if depth >= 3 {
                    json!({})
                } else {
                    json!({"key": self.example(item, wire, depth + 1, edgy)})
                }
            }
        }
    }
}
