//! Which optional parts of the runtime a spec uses: the features the runtime's `Cargo.toml`
//! declares besides the generated crate's own, each decided from the model by what the
//! generated code will call.

use std::collections::BTreeSet;

use super::super::replies::{self, ReplyShape};
use super::super::typing;
use spec::model::{Api, Field, TypeKind, Wire};
use spec::type_ref::CodeKind;

/// The features of the generated crate itself, which its users turn on (the runtime's
/// `Cargo.toml` declares them first): the emitter copies them and their `cfg`s as written. A
/// test checks that the emitter decides every other feature the runtime declares.
pub(super) const CRATE_FEATURES: [&str; 2] = ["tracing", "mock"];

/// The runtime's parts: the features of its `Cargo.toml` (`[features]`, `default` and the
/// crate's own aside), each with the features it turns on too, in the order written.
pub(super) fn declared(manifest: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let Some(start) = manifest.find("\n[features]\n") else {
        return Vec::new();
    };
    let table = &manifest[start + "\n[features]\n".len()..];
    let table = table.find("\n[").map_or(table, |end| &table[..end]);
    table
        .lines()
        .filter_map(|line| {
            let (name, implied) = line.split_once('=')?;
            let name = name.trim();
            if name.starts_with('#') || name == "default" || CRATE_FEATURES.contains(&name) {
                return None;
            }
            let implied = implied
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|feature| feature.trim().trim_matches('"'))
                .filter(|feature| !feature.is_empty())
                .collect();
            Some((name, implied))
        })
        .collect()
}

/// The names of the runtime's parts (see [`declared`]).
pub(super) fn parts(manifest: &'static str) -> BTreeSet<&'static str> {
    declared(manifest)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The features `api` uses, with those they turn on.
pub(super) fn used(api: &Api, manifest: &'static str) -> BTreeSet<&'static str> {
    let declared = declared(manifest);
    let mut on: BTreeSet<&'static str> = declared
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| wanted(api, name) == Some(true))
        .collect();
    // Close over what features turn on (a short chain: one pass per feature is enough).
    for _ in 0..declared.len() {
        for (name, implied) in &declared {
            if on.contains(name) {
                on.extend(implied.iter().copied());
            }
        }
    }
    on
}

/// Whether the code generated for `api` calls what `feature` marks; `None` for a feature this
/// emitter does not know (a test keeps there being none).
fn wanted(api: &Api, feature: &str) -> Option<bool> {
    let shapes = || api.endpoints.iter().map(replies::shape);
    let enum_codes = |kind: CodeKind| {
        api.types()
            .iter()
            .any(|named| matches!(&named.kind, TypeKind::Enum { code, .. } if *code == kind))
    };
    let per_wire = |string: bool| {
        struct_fields(api).any(|field| {
            typing::encodes_per_wire(api, &field.ty) && (field.wire == Wire::String) == string
        })
    };
    let wanted = match feature {
        "data" => shapes().any(|shape| matches!(shape, ReplyShape::Data(_))),
        "data-member" => {
            shapes().any(|shape| matches!(shape, ReplyShape::Data(_) | ReplyShape::Page { .. }))
        }
        "paging" => shapes().any(|shape| matches!(shape, ReplyShape::Page { .. })),
        // The mock server's encoder of an endpoint that returns nothing.
        "nothing" => shapes().any(|shape| matches!(shape, ReplyShape::Nothing)),
        // `crate::wire::lenient`, in fields' serde attributes (a reply's `data` decodes through
        // `Reply::data`).
        "lenient" => struct_fields(api).any(|field| typing::decodes_leniently(&field.ty)),
        "wire-number" => per_wire(false),
        "wire-string" => per_wire(true),
        "integer-codes" => enum_codes(CodeKind::Integer),
        "string-codes" => enum_codes(CodeKind::String),
        // The trait behind the four above; the generated enums implement it.
        "wire-value" => {
            per_wire(false)
                || per_wire(true)
                || enum_codes(CodeKind::Integer)
                || enum_codes(CodeKind::String)
        }
        _ => return None,
    };
    Some(wanted)
}

/// The fields of every struct the emitter writes (and gives serde attributes): the named
/// types', the requests' and the reply structs'.
fn struct_fields(api: &Api) -> impl Iterator<Item = &Field> {
    let of_types = api.types().iter().flat_map(|named| match &named.kind {
        TypeKind::Object { fields } => fields.as_slice(),
        TypeKind::Enum { .. } => &[],
    });
    let of_endpoints = api.endpoints.iter().flat_map(|endpoint| {
        let reply: Vec<&Field> = match replies::shape(endpoint) {
            ReplyShape::Whole => endpoint
                .reply
                .data
                .iter()
                .chain(&endpoint.reply.fields)
                .collect(),
            _ => Vec::new(),
        };
        endpoint.request.iter().chain(reply)
    });
    of_types.chain(of_endpoints)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_features_table() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\n# A comment.\ndefault = [\"a\", \"b\"]\na = []\nb = [\"a\"]\n\n[dependencies]\nc = \"1\"\n";
        assert_eq!(declared(manifest), vec![("a", vec![]), ("b", vec!["a"])]);
    }

    #[test]
    fn the_emitter_decides_every_feature_the_runtime_declares() {
        let api = spec::load_api_str(
            "minimal.yaml",
            include_str!("../../../../../tests/fixtures/specs/minimal.yaml"),
        )
        .expect("the minimal spec loads");
        let declared = declared(super::super::CARGO_TOML);
        assert!(declared.len() >= 7, "{declared:?}");
        for (name, _) in declared {
            assert!(
                wanted(&api, name).is_some(),
                "the emitter cannot decide the feature `{name}`"
            );
        }
    }
}
