//! What goes into `components/schemas`, under which name, and how each named type is used.
//!
//! Decided once, before any schema is built, so that every reference points at a component
//! that exists, every component is referred to, and no two names can become one name in a
//! generated client.
//!
//! Every schema a client generator would name by itself is a component here: the enums (a
//! spec enum, its codes written as strings, the flag), the unions (a value written as a number
//! or a string, an enum's code or a code the document does not list, a value or `null`). Only
//! plain scalars, arrays and maps stay inline, which generators turn into their own types
//! without naming anything.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use spec::model::{Api, CodeKind, Field, Scalar, TypeKind, TypeRef, Wire};
use spec::names::openapi as names;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// A component the document may hold, by what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A spec type (object or enum) by its spec key; an enum here lists only its known codes.
    Named(String),
    /// An integer-coded enum's codes written as strings.
    StringForm(String),
    /// An enum's code as fields hold it: a known code or any other of the same JSON type.
    OpenEnum(String, EnumForm),
    /// A scalar written as a number or as a numeric string.
    Either(Scalar),
    /// A flag (`0` or `1`) in a wire form.
    Flag(Wire),
    /// Another component's value, or `null`.
    OrNull(Box<Key>),
    /// An endpoint's request body, by endpoint index.
    Request(usize),
    /// An endpoint's reply, envelope included, by endpoint index.
    Reply(usize),
}

/// How a field writes an enum's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumForm {
    /// In the codes' own JSON type (numbers for integer codes, strings for string codes).
    Native,
    /// Integer codes written as strings.
    AsString,
    /// Integer codes written either way.
    Either,
}

#[derive(Debug, Clone)]
pub struct ComponentPlan {
    /// Every component, in document order, with its name.
    components: IndexMap<Key, String>,
    /// Object types a reply can contain; these stay open to members the docs do not list.
    in_replies: BTreeSet<String>,
    /// Object types a request can contain.
    in_requests: BTreeSet<String>,
}

impl ComponentPlan {
    pub fn new(api: &Api) -> Self {
        let in_replies = api.reply_types();
        let in_requests = api.request_types();

        // The keys in document order: the named types any operation reaches, in spec order
        // (the others would be unused components); the components fields need, in the order
        // fields first need them; each endpoint's request and reply.
        let mut keys: Vec<Key> = api
            .types()
            .iter()
            .filter(|t| in_replies.contains(&t.name) || in_requests.contains(&t.name))
            .map(|t| Key::Named(t.name.clone()))
            .collect();
        let reachable_fields = api
            .types()
            .iter()
            .filter(|t| in_replies.contains(&t.name) || in_requests.contains(&t.name))
            .flat_map(|t| match &t.kind {
                TypeKind::Object { fields } => fields.as_slice(),
                TypeKind::Enum { .. } => &[],
            })
            .chain(api.endpoints.iter().flat_map(|e| e.fields()));
        let mut derived = Vec::new();
        for field in reachable_fields {
            // A list or map refers to its innermost type's component from its items, so that
            // component is needed even where the field itself stays inline.
            let keys = [type_key(api, &field.ty, field.wire), field_key(api, field)];
            for key in keys.into_iter().flatten() {
                need(key, &mut derived);
            }
        }
        // Named types come first whatever order `derived` found them in.
        keys.extend(derived.into_iter().filter(|k| !matches!(k, Key::Named(_))));
        for index in 0..api.endpoints.len() {
            keys.push(Key::Request(index));
            keys.push(Key::Reply(index));
        }

        // Names are claimed in priority order, so that a spec type keeps its spec key and an
        // operation's body its natural name: named types, then bodies, then derived ones.
        let mut taken = BTreeSet::new();
        let mut named: IndexMap<Key, String> = IndexMap::new();
        let priority = |key: &Key| match key {
            Key::Named(_) => 0,
            Key::Request(_) | Key::Reply(_) => 1,
            _ => 2,
        };
        let mut by_priority: Vec<&Key> = keys.iter().collect();
        by_priority.sort_by_key(|key| priority(key));
        for key in by_priority {
            let wanted = wanted_name(api, key, &named);
            named.insert(key.clone(), claim(&mut taken, wanted));
        }
        let components = keys
            .into_iter()
            .map(|key| {
                let name = named[&key].clone();
                (key, name)
            })
            .collect();
        Self {
            components,
            in_replies,
            in_requests,
        }
    }

    /// Every component, in document order.
    pub fn components(&self) -> impl Iterator<Item = (&Key, &str)> {
        self.components
            .iter()
            .map(|(key, name)| (key, name.as_str()))
    }

    /// The name of a component the plan holds.
    ///
    /// # Panics
    /// When the plan does not hold it: the schema builder asked for a component that
    /// [`field_key`] does not know, a bug in this module.
    pub fn name(&self, key: &Key) -> &str {
        self.components
            .get(key)
            .unwrap_or_else(|| panic!("the component plan has no {key:?}"))
    }

    /// `$ref` to a component the plan holds.
    pub fn reference(&self, key: &Key) -> String {
        reference_to(self.name(key))
    }

    /// Whether an object type is closed (`additionalProperties: false`): only types that appear
    /// in requests and never in replies, so that a mock server rejects a misspelt request member
    /// while a client stays tolerant of members a server adds.
    pub fn is_closed(&self, type_name: &str) -> bool {
        self.in_requests.contains(type_name) && !self.in_replies.contains(type_name)
    }
}

/// The component a field's schema refers to, if it refers to one (`None` for plain scalars,
/// arrays and maps, which stay inline); nullable fields refer to the `…OrNull` form.
pub fn field_key(api: &Api, field: &Field) -> Option<Key> {
    let key = type_key(api, &field.ty, field.wire)?;
    if field.nullable && !field.ty.is_container() {
        return Some(Key::OrNull(Box::new(key)));
    }
    // A container holds the component; the field itself is inline.
    (!field.ty.is_container()).then_some(key)
}

/// The component of the innermost type of `ty` written as `wire`, if it has one.
pub fn type_key(api: &Api, ty: &TypeRef, wire: Wire) -> Option<Key> {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) => type_key(api, inner, wire),
        TypeRef::Scalar(Scalar::Flag) => Some(Key::Flag(wire)),
        TypeRef::Scalar(scalar) => (wire == Wire::Either && scalar.schema_forms().is_some())
            .then_some(Key::Either(*scalar)),
        TypeRef::Named(name) => match api.named_type(name).map(|t| &t.kind) {
            Some(TypeKind::Enum {
                code: CodeKind::Integer,
                ..
            }) => Some(Key::OpenEnum(
                name.clone(),
                match wire {
                    Wire::Number => EnumForm::Native,
                    Wire::String => EnumForm::AsString,
                    Wire::Either => EnumForm::Either,
                },
            )),
            Some(TypeKind::Enum {
                code: CodeKind::String,
                ..
            }) => Some(Key::OpenEnum(name.clone(), EnumForm::Native)),
            Some(TypeKind::Object { .. }) | None => Some(Key::Named(name.clone())),
        },
    }
}

/// Adds `key` and the components its schema refers to, each once, dependencies first.
fn need(key: Key, found: &mut Vec<Key>) {
    if found.contains(&key) {
        return;
    }
    match &key {
        Key::OpenEnum(name, form) => {
            need(Key::Named(name.clone()), found);
            if *form != EnumForm::Native {
                need(Key::StringForm(name.clone()), found);
            }
        }
        Key::Flag(Wire::Either) => {
            need(Key::Flag(Wire::Number), found);
            need(Key::Flag(Wire::String), found);
        }
        Key::OrNull(inner) => need((**inner).clone(), found),
        _ => {}
    }
    found.push(key);
}

/// The name `key` asks for; an `…OrNull` form builds on the name its inner component got.
fn wanted_name(api: &Api, key: &Key, named: &IndexMap<Key, String>) -> String {
    match key {
        Key::Named(name) => name.clone(),
        Key::StringForm(name) => names::string_form(name),
        Key::OpenEnum(name, form) => {
            names::open_enum(name, *form == EnumForm::AsString, *form == EnumForm::Either)
        }
        Key::Either(scalar) => names::either(*scalar),
        Key::Flag(wire) => names::flag(*wire == Wire::String, *wire == Wire::Either),
        Key::OrNull(inner) => match named.get(&**inner) {
            Some(inner) => names::or_null(inner),
            None => names::or_null(&wanted_name(api, inner, named)),
        },
        Key::Request(index) => names::request(&api.endpoints[*index].name),
        Key::Reply(index) => names::reply(&api.endpoints[*index].name),
    }
}

/// The `$ref` target of a component.
pub fn reference_to(component: &str) -> String {
    format!("{SCHEMA_PREFIX}{component}")
}

/// `wanted`, or `wanted2`, `wanted3`… : the first whose folded form (see
/// [`names::folded`]) no earlier component has.
fn claim(taken: &mut BTreeSet<String>, wanted: String) -> String {
    let mut name = wanted.clone();
    let mut suffix = 2;
    while taken.contains(&names::folded(&name)) {
        name = format!("{wanted}{suffix}");
        suffix += 1;
    }
    taken.insert(names::folded(&name));
    name
}
