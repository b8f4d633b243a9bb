//! What goes into `components/schemas`, under which name, and how each named type is used.
//!
//! Decided once, before any schema is built, so that every reference points at a component
//! that exists and names never collide.

use std::collections::{BTreeSet, HashSet};

use indexmap::IndexMap;

use spec::model::{Api, CodeKind, Field, TypeKind, Wire};
use spec::names::openapi as names;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

#[derive(Debug, Clone)]
pub struct ComponentPlan {
    /// Integer-coded enum (spec key) → the component holding its codes written as strings,
    /// for enums some field writes as strings (`"1"`).
    string_forms: IndexMap<String, String>,
    /// Per endpoint, in spec order: the request and reply component names.
    requests: Vec<String>,
    replies: Vec<String>,
    /// Object types a reply can contain; these stay open to members the docs do not list.
    in_replies: HashSet<String>,
    /// Object types a request can contain.
    in_requests: HashSet<String>,
}

impl ComponentPlan {
    pub fn new(api: &Api) -> Self {
        let mut taken: BTreeSet<String> = api.types().iter().map(|t| t.name.clone()).collect();
        let mut requests = Vec::with_capacity(api.endpoints.len());
        let mut replies = Vec::with_capacity(api.endpoints.len());
        for endpoint in &api.endpoints {
            requests.push(claim(&mut taken, names::request(&endpoint.name)));
            replies.push(claim(&mut taken, names::reply(&endpoint.name)));
        }
        let string_forms = enums_written_as_strings(api)
            .into_iter()
            .map(|name| {
                let component = claim(&mut taken, names::string_form(&name));
                (name, component)
            })
            .collect();
        let request_fields = api.endpoints.iter().flat_map(|e| &e.request);
        let reply_fields = api
            .endpoints
            .iter()
            .flat_map(|e| e.reply.data.iter().chain(&e.reply.fields));
        Self {
            string_forms,
            requests,
            replies,
            in_replies: reachable_object_types(api, reply_fields),
            in_requests: reachable_object_types(api, request_fields),
        }
    }

    pub fn request(&self, endpoint_index: usize) -> &str {
        &self.requests[endpoint_index]
    }

    pub fn reply(&self, endpoint_index: usize) -> &str {
        &self.replies[endpoint_index]
    }

    /// The component of an integer-coded enum's string form, where one is emitted.
    pub fn string_form(&self, enum_name: &str) -> Option<&str> {
        self.string_forms.get(enum_name).map(String::as_str)
    }

    pub fn string_forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.string_forms
            .iter()
            .map(|(name, component)| (name.as_str(), component.as_str()))
    }

    /// Whether an object type is closed (`additionalProperties: false`): only types that appear
    /// in requests and never in replies, so that a mock server rejects a misspelt request member
    /// while a client stays tolerant of members a server adds.
    pub fn is_closed(&self, type_name: &str) -> bool {
        self.in_requests.contains(type_name) && !self.in_replies.contains(type_name)
    }
}

/// The `$ref` target of a component.
pub fn reference_to(component: &str) -> String {
    format!("{SCHEMA_PREFIX}{component}")
}

fn claim(taken: &mut BTreeSet<String>, wanted: String) -> String {
    let mut name = wanted.clone();
    let mut suffix = 2;
    while taken.contains(&name) {
        name = format!("{wanted}{suffix}");
        suffix += 1;
    }
    taken.insert(name.clone());
    name
}

/// Integer-coded enums that some field, anywhere, writes as a string or as either form.
fn enums_written_as_strings(api: &Api) -> Vec<String> {
    let written_as_strings: HashSet<&str> = api
        .all_fields()
        .filter(|field| field.wire != Wire::Number)
        .filter_map(|field| field.ty.innermost_named())
        .collect();
    // Spec order, like every other list in the output.
    api.types()
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TypeKind::Enum {
                    code: CodeKind::Integer,
                    ..
                }
            )
        })
        .filter(|t| written_as_strings.contains(t.name.as_str()))
        .map(|t| t.name.clone())
        .collect()
}

/// Named object types reachable from `fields`, through the fields of other object types.
fn reachable_object_types<'a>(
    api: &Api,
    fields: impl Iterator<Item = &'a Field>,
) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut pending: Vec<&str> = fields.filter_map(|f| f.ty.innermost_named()).collect();
    while let Some(name) = pending.pop() {
        let Some(named) = api.named_type(name) else {
            continue;
        };
        let TypeKind::Object { fields } = &named.kind else {
            continue;
        };
        if seen.insert(name.to_owned()) {
            pending.extend(fields.iter().filter_map(|f| f.ty.innermost_named()));
        }
    }
    seen
}
