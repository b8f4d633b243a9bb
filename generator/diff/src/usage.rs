//! Where each named type is used: in requests, in replies, or both, through any nesting.
//!
//! A change inside a named type is judged by where the type travels: a new required field
//! breaks what clients send, a removed field breaks what they read.

use std::collections::{BTreeMap, BTreeSet};

use spec::model::{Api, TypeKind, TypeRef};

/// The directions a type or field travels in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Directions {
    pub request: bool,
    pub reply: bool,
}

impl Directions {
    pub const REQUEST: Directions = Directions {
        request: true,
        reply: false,
    };
    pub const REPLY: Directions = Directions {
        request: false,
        reply: true,
    };

    pub fn union(self, other: Directions) -> Directions {
        Directions {
            request: self.request || other.request,
            reply: self.reply || other.reply,
        }
    }

    /// A type no endpoint uses is still a public Rust type; it is judged as a reply type
    /// (public fields), the lighter of the two designs.
    pub fn or_reply(self) -> Directions {
        if self.request || self.reply {
            self
        } else {
            Directions::REPLY
        }
    }
}

/// Named type name → where the API uses it.
pub fn usage(api: &Api) -> BTreeMap<String, Directions> {
    let (requests, replies) = (api.request_types(), api.reply_types());
    requests
        .union(&replies)
        .map(|name| {
            let directions = Directions {
                request: requests.contains(name),
                reply: replies.contains(name),
            };
            (name.clone(), directions)
        })
        .collect()
}

/// Named type name → the places that use it directly, each written as its owner and how the
/// field wraps the type: `types.Subaccount _`, `endpoints.subaccountList.reply list<_>`.
/// `endpoint_key` and `type_key` spell an owner's key, so that an old spec's places can be
/// written with the new spec's names of renamed endpoints and types.
pub fn places(
    api: &Api,
    endpoint_key: &dyn Fn(&str) -> String,
    type_key: &dyn Fn(&str) -> String,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |owner: &str, ty: &TypeRef| {
        if let Some((name, wrapper)) = wrapped(ty) {
            found
                .entry(name.to_owned())
                .or_default()
                .insert(format!("{owner} {wrapper}"));
        }
    };
    for named in api.types() {
        if let TypeKind::Object { fields } = &named.kind {
            let owner = format!("types.{}", type_key(&named.name));
            for field in fields {
                add(&owner, &field.ty);
            }
        }
    }
    for endpoint in &api.endpoints {
        let key = endpoint_key(&endpoint.name);
        let request = format!("endpoints.{key}.request");
        for field in &endpoint.request {
            add(&request, &field.ty);
        }
        let reply = format!("endpoints.{key}.reply");
        for field in endpoint.reply.data.iter().chain(&endpoint.reply.fields) {
            add(&reply, &field.ty);
        }
    }
    found
}

/// The named type inside `ty` and `ty` with that name written `_`: `list<_>`.
fn wrapped(ty: &TypeRef) -> Option<(&str, String)> {
    match ty {
        TypeRef::Scalar(_) => None,
        TypeRef::Named(name) => Some((name, "_".to_owned())),
        TypeRef::List(inner) => wrapped(inner).map(|(name, w)| (name, format!("list<{w}>"))),
        TypeRef::Map(inner) => wrapped(inner).map(|(name, w)| (name, format!("map<{w}>"))),
    }
}
