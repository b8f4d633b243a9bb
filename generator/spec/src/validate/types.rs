//! Named types: object fields, enum values, and types that would contain themselves.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::checked::{CheckedEnumValue, CheckedKind, CheckedType};
use super::fields;
use super::shapes::{Shape, Shapes};
use crate::diagnostics::Reporter;
use crate::format::{RawEnum, RawType};
use crate::names::rust as names;
use crate::source_map::{child, item};
use crate::type_ref::{CodeKind, EnumCode, TypeRef};

/// Every type with a valid shape, checked; broken ones are reported and left out.
pub(crate) fn check_all(
    types: &IndexMap<String, RawType>,
    shapes: &Shapes,
    reporter: &mut Reporter<'_>,
) -> IndexMap<String, CheckedType> {
    let mut checked = IndexMap::new();
    for (name, raw) in types {
        let path = child("types", name);
        let kind =
            match (shapes.get(name), &raw.fields, &raw.enumeration) {
                (Some(Shape::Object), Some(raw_fields), _) => CheckedKind::Object(
                    fields::check_all(raw_fields, &child(&path, "fields"), shapes, reporter),
                ),
                (Some(Shape::Enum(code)), _, Some(enumeration)) => CheckedKind::Enum {
                    code,
                    values: enum_values(enumeration, code, &child(&path, "enum"), reporter),
                },
                _ => continue,
            };
        checked.insert(
            name.clone(),
            CheckedType {
                raw: raw.clone(),
                kind,
            },
        );
    }
    checked
}

fn enum_values(
    enumeration: &RawEnum,
    code_kind: CodeKind,
    path: &str,
    reporter: &mut Reporter<'_>,
) -> Vec<CheckedEnumValue> {
    let values_path = child(path, "values");
    if enumeration.values.is_empty() {
        reporter.error(
            &values_path,
            "the enum has no values",
            "list each documented code with its name and meaning",
        );
    }
    // Code → the name of the value that has it; name → its code (as written).
    let mut codes: BTreeMap<EnumCode, &str> = BTreeMap::new();
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    let mut variants: BTreeMap<String, &str> = BTreeMap::new();
    let mut checked = Vec::new();
    for (index, value) in enumeration.values.iter().enumerate() {
        let value_path = item(&values_path, index);
        let code = enum_code(
            &value.code,
            code_kind,
            &child(&value_path, "code"),
            reporter,
        );
        if let Some(code) = &code {
            if let Some(first) = codes.get(code) {
                reporter.error(
                    &child(&value_path, "code"),
                    format!(
                        "duplicate enum code {} (also the code of `{first}`)",
                        code.shown()
                    ),
                    "each code appears once; remove or correct one of them",
                );
            } else {
                codes.insert(code.clone(), &value.name);
            }
        }
        let name_path = child(&value_path, "name");
        let variant = names::variant_name(&value.name);
        if let Some(first) = names.get(value.name.as_str()) {
            reporter.error(
                &name_path,
                format!(
                    "duplicate enum name `{}` (also the name of the code {first})",
                    value.name
                ),
                "give each value its own name",
            );
        } else if let Some(first) = variants.get(&variant) {
            reporter.error(
                &name_path,
                format!(
                    "enum names `{first}` and `{}` both become the Rust variant `{variant}`",
                    value.name
                ),
                "rename one of them",
            );
        } else if variant == names::UNKNOWN_VARIANT {
            reporter.error(
                &name_path,
                format!(
                    "the enum name `{}` becomes the variant `{}`, which the client keeps for codes the spec does not list",
                    value.name,
                    names::UNKNOWN_VARIANT
                ),
                "choose another name",
            );
        } else if !names::is_plain_identifier(&variant) || value.name.trim().is_empty() {
            reporter.error(
                &name_path,
                format!(
                    "the enum name `{}` gives no usable Rust variant",
                    value.name
                ),
                "use an English name in snake_case or PascalCase",
            );
        }
        names
            .entry(value.name.as_str())
            .or_insert_with(|| yaml_text(&value.code));
        variants.entry(variant).or_insert(value.name.as_str());
        if let Some(code) = code {
            checked.push(CheckedEnumValue {
                code,
                raw: value.clone(),
            });
        }
    }
    checked
}

fn enum_code(
    code: &serde_yaml::Value,
    kind: CodeKind,
    path: &str,
    reporter: &mut Reporter<'_>,
) -> Option<EnumCode> {
    match (kind, code) {
        (CodeKind::Integer, serde_yaml::Value::Number(number)) if number.as_i64().is_some() => {
            number.as_i64().map(EnumCode::Integer)
        }
        (CodeKind::String, serde_yaml::Value::String(text)) => Some(EnumCode::String(text.clone())),
        (CodeKind::Integer, serde_yaml::Value::Number(number))
            if number.is_u64()
                || number
                    .as_f64()
                    .is_some_and(|n| n.is_finite() && n.fract() == 0.0) =>
        {
            reporter.error(
                path,
                format!(
                    "the code {} is out of range: the client holds {}",
                    yaml_text(code),
                    crate::scalar::INTEGER_RANGE
                ),
                "correct the code, or make the enum `code: string` if the API's codes are this long",
            );
            None
        }
        (CodeKind::Integer, _) => {
            reporter.error(
                path,
                format!(
                    "the code {} is not an integer, but the enum has `code: integer`",
                    yaml_text(code)
                ),
                "write the code as a plain integer, or make the enum `code: string`",
            );
            None
        }
        (CodeKind::String, _) => {
            reporter.error(
                path,
                format!(
                    "the code {} is not a string, but the enum has `code: string`",
                    yaml_text(code)
                ),
                "quote the code, or make the enum `code: integer`",
            );
            None
        }
    }
}

fn yaml_text(value: &serde_yaml::Value) -> String {
    match serde_json::to_string(value) {
        Ok(text) => text,
        Err(_) => "(a value)".to_owned(),
    }
}

/// Reports each type that contains itself other than through a list or map: its Rust struct
/// would be infinitely large.
pub(crate) fn check_recursion(types: &IndexMap<String, CheckedType>, reporter: &mut Reporter<'_>) {
    // Edges from a type to the named types its fields hold directly (not inside a container).
    let edges: IndexMap<&str, Vec<&str>> = types
        .iter()
        .map(|(name, checked)| {
            let direct = checked
                .fields()
                .into_iter()
                .flat_map(|fields| fields.values())
                .filter_map(|field| match &field.ty {
                    TypeRef::Named(target) if types.contains_key(target) => Some(target.as_str()),
                    _ => None,
                })
                .collect();
            (name.as_str(), direct)
        })
        .collect();
    // Iterative depth-first search: a spec may chain thousands of types, more than the
    // stack would take as recursion. `on_trail` holds the current path with each step's next edge.
    let mut finished: BTreeSet<&str> = BTreeSet::new();
    for start in edges.keys().copied() {
        let mut on_trail: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((name, next_edge)) = on_trail.last_mut() {
            let name = *name;
            let Some(target) = edges
                .get(name)
                .and_then(|targets| targets.get(*next_edge))
                .copied()
            else {
                finished.insert(name);
                on_trail.pop();
                continue;
            };
            *next_edge += 1;
            if finished.contains(target) {
                continue;
            }
            if let Some(at) = on_trail.iter().position(|(visited, _)| *visited == target) {
                let cycle: Vec<&str> = on_trail[at..]
                    .iter()
                    .map(|(visited, _)| *visited)
                    .chain([target])
                    .collect();
                reporter.error(
                    &child("types", target),
                    format!(
                        "the type `{target}` contains itself ({}) outside any list or map, so it would be infinitely large",
                        cycle.join(" → ")
                    ),
                    "hold the inner value in a `list<…>` or `map<…>`, or break the cycle",
                );
                continue;
            }
            on_trail.push((target, 0));
        }
    }
}
