//! The docs' request and reply examples against the spec's.
//!
//! Keys are compared, not values: the spec's examples are the docs' own, repaired where they
//! were invalid, and the validator already holds them to the spec's types. So a key the docs'
//! example shows and the spec's does not is drift (or a repair the spec must record), and the
//! walk against the spec's fields only serves to name the type that lacks it.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::docs::DocsJson;
use super::explain::{Finding, Place, Quote, endpoint_place, field_place};
use super::findings::DiffKind;
use super::lenient_json::LIST_ITEM;
use spec::model::{Api, Endpoint, Field, NamedType, TypeKind, TypeRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExampleSide {
    Request,
    Reply,
}

impl ExampleSide {
    fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Reply => "reply",
        }
    }

    fn keys_kind(self) -> DiffKind {
        match self {
            Self::Request => DiffKind::RequestExample,
            Self::Reply => DiffKind::ReplyExample,
        }
    }

    fn invalid_kind(self) -> DiffKind {
        match self {
            Self::Request => DiffKind::RequestExampleInvalid,
            Self::Reply => DiffKind::ReplyExampleInvalid,
        }
    }
}

/// A key's place in an example: `["data", "[]", "group", "id"]`, shown as `data[].group.id`.
type KeyPath = Vec<String>;

const ITEM: &str = LIST_ITEM;

fn show(path: &[String]) -> String {
    let mut text = String::new();
    for segment in path {
        if !text.is_empty() && segment != ITEM {
            text.push('.');
        }
        text.push_str(segment);
    }
    text
}

fn child(path: &[String], segment: &str) -> KeyPath {
    let mut child = path.to_vec();
    child.push(segment.to_owned());
    child
}

pub(crate) fn compare_example<'a>(
    side: ExampleSide,
    docs: Option<&DocsJson>,
    spec: &'a Endpoint,
    api: &'a Api,
) -> Vec<Finding<'a>> {
    let Some(docs) = docs else {
        return Vec::new();
    };
    let endpoint = endpoint_place(spec);
    let mut findings = Vec::new();
    if let Some(invalid) = &docs.invalid {
        let read = if docs.value.is_none() {
            "it could not be read even with repairs".to_owned()
        } else if invalid.repairs.is_empty() {
            "it was read as it stands".to_owned()
        } else {
            let repairs: Vec<String> = invalid
                .repairs
                .iter()
                .map(|r| format!("line {}: {}", r.line, r.message))
                .collect();
            format!("read with repairs ({})", repairs.join("; "))
        };
        let message = format!(
            "the docs' {} example is not valid JSON (a strict parser stops at line {}: {}); {read}",
            side.name(),
            invalid.line,
            invalid.error
        );
        let broken_lines: BTreeSet<usize> = match invalid.repairs.as_slice() {
            [] => BTreeSet::from([invalid.line]),
            repairs => repairs.iter().map(|r| r.line).collect(),
        };
        let quote = Quote::Lines(
            broken_lines
                .into_iter()
                .filter_map(|line| {
                    docs.text
                        .lines()
                        .nth(line.checked_sub(docs.line)?)
                        .map(str::trim)
                        .map(str::to_owned)
                })
                .collect(),
        );
        findings.push(
            Finding::new(
                side.invalid_kind(),
                format!("{} example", side.name()),
                message,
            )
            // The first broken place, which a departure quotes; where a strict parser stops
            // when nothing could be repaired.
            .line(invalid.repairs.first().map_or(invalid.line, |r| r.line))
            .on(vec![endpoint])
            .quoting(quote),
        );
    }
    let Some(value) = &docs.value else {
        return findings;
    };
    let spec_example = match side {
        ExampleSide::Request => &spec.request_example,
        ExampleSide::Reply => &spec.reply_example,
    };

    let mut walk = Walk {
        api,
        unlisted: Vec::new(),
        missing: Vec::new(),
    };
    if let Value::Object(members) = value {
        match side {
            ExampleSide::Request => walk.request(members, spec),
            ExampleSide::Reply => walk.reply(members, spec),
        }
    }

    let docs_keys = key_paths(value);
    let spec_keys = key_paths(spec_example);
    let location = |path: &[String]| format!("{} example: {}", side.name(), show(path));
    for path in topmost(docs_keys.difference(&spec_keys)) {
        let owner = walk
            .unlisted
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, owner)| *owner);
        let shown = show(&path);
        let (message, places) = match owner {
            Some(Some(named)) => (
                format!(
                    "the docs' example has `{shown}`; the spec's type `{}` has no such field and the spec's example lacks it",
                    named.name
                ),
                vec![
                    endpoint,
                    Place {
                        yaml_path: &named.yaml_path,
                        departures: &named.departures,
                    },
                ],
            ),
            Some(None) => (
                format!(
                    "the docs' example has `{shown}`; the spec lists no such field and its example lacks it"
                ),
                vec![endpoint],
            ),
            None => (
                format!("the docs' example has `{shown}`; the spec's example does not"),
                vec![endpoint],
            ),
        };
        findings.push(
            Finding::new(side.keys_kind(), location(&path), message)
                .line(key_line(docs, &path))
                .on(places)
                .quoting(key_quote(&path)),
        );
    }
    for path in topmost(spec_keys.difference(&docs_keys)) {
        let message = format!(
            "the spec's example has `{}`; the docs' example does not",
            show(&path)
        );
        findings.push(
            Finding::new(side.keys_kind(), location(&path), message)
                .line(docs.line)
                .on(vec![endpoint])
                .quoting(key_quote(&path)),
        );
    }
    // Where the spec's example has the field, the key comparison above already reports it.
    for (path, field) in walk
        .missing
        .into_iter()
        .filter(|(path, _)| !spec_keys.contains(path))
    {
        let message = format!(
            "the docs' example leaves out `{}`, which the spec makes required",
            show(&path)
        );
        findings.push(
            Finding::new(DiffKind::Required, location(&path), message)
                .line(docs.line)
                .on(vec![field_place(field)]),
        );
    }
    findings
}

/// The line where the example first writes the key at this path (not merely a key of the
/// same name elsewhere); the example's first line if it does not.
fn key_line(docs: &DocsJson, path: &[String]) -> usize {
    docs.keys
        .iter()
        .find(|key| key.path == path)
        .map_or(docs.line, |key| key.line)
}

/// A departure explains a key difference only if it names the key (its last segment).
fn key_quote(path: &[String]) -> Quote {
    let key = path
        .iter()
        .rev()
        .find(|segment| *segment != ITEM)
        .cloned()
        .unwrap_or_default();
    Quote::Key(key)
}

/// Every key path in a value; list items share one path (`data[]`).
fn key_paths(value: &Value) -> BTreeSet<KeyPath> {
    fn collect(value: &Value, at: &[String], out: &mut BTreeSet<KeyPath>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    let path = child(at, key);
                    out.insert(path.clone());
                    collect(member, &path, out);
                }
            }
            Value::Array(items) => {
                let path = child(at, ITEM);
                for item in items {
                    collect(item, &path, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    collect(value, &[], &mut out);
    out
}

/// The paths none of whose ancestors is among them: a missing object is one difference,
/// not one per key inside it.
fn topmost<'p>(paths: impl Iterator<Item = &'p KeyPath>) -> Vec<KeyPath> {
    let paths: BTreeSet<&KeyPath> = paths.collect();
    paths
        .iter()
        .filter(|path| !(1..path.len()).any(|n| paths.contains(&path[..n].to_vec())))
        .map(|path| (*path).clone())
        .collect()
}

/// The docs' example against the spec's fields: keys the spec does not list (with the named
/// type that would list them) and required fields the example leaves out.
struct Walk<'a> {
    api: &'a Api,
    unlisted: Vec<(KeyPath, Option<&'a NamedType>)>,
    missing: Vec<(KeyPath, &'a Field)>,
}

impl<'a> Walk<'a> {
    fn request(&mut self, members: &Map<String, Value>, spec: &'a Endpoint) {
        let token = self.api.info.token_field.as_str();
        for (key, member) in members {
            if key == token && spec.needs_token {
                continue;
            }
            match spec.request.iter().find(|f| f.wire_name == *key) {
                Some(field) => self.value(member, &field.ty, std::slice::from_ref(key)),
                None => self.unlisted.push((vec![key.clone()], None)),
            }
        }
        self.required(members, &spec.request, &[]);
    }

    fn reply(&mut self, members: &Map<String, Value>, spec: &'a Endpoint) {
        let envelope = &self.api.info.envelope;
        for (key, member) in members {
            if *key == envelope.code_field || *key == envelope.message_field {
                continue;
            }
            let field = if *key == envelope.data_field {
                spec.reply.data.as_ref()
            } else {
                spec.reply.fields.iter().find(|f| f.wire_name == *key)
            };
            match field {
                Some(field) => self.value(member, &field.ty, std::slice::from_ref(key)),
                None => self.unlisted.push((vec![key.clone()], None)),
            }
        }
        if let Some(data) = &spec.reply.data
            && data.required
            && !members.contains_key(&envelope.data_field)
        {
            self.missing.push((vec![envelope.data_field.clone()], data));
        }
        self.required(members, &spec.reply.fields, &[]);
    }

    fn value(&mut self, value: &Value, ty: &TypeRef, at: &[String]) {
        match (ty, value) {
            (TypeRef::Named(name), Value::Object(members)) => {
                let api = self.api;
                if let Some(named) = api.named_type(name)
                    && let TypeKind::Object { fields } = &named.kind
                {
                    for (key, member) in members {
                        let path = child(at, key);
                        match fields.iter().find(|f| f.wire_name == *key) {
                            Some(field) => self.value(member, &field.ty, &path),
                            None => self.unlisted.push((path, Some(named))),
                        }
                    }
                    self.required(members, fields, at);
                }
            }
            (TypeRef::List(item), Value::Array(items)) => {
                let path = child(at, ITEM);
                for each in items {
                    self.value(each, item, &path);
                }
            }
            (TypeRef::Map(item), Value::Object(members)) => {
                for (key, member) in members {
                    self.value(member, item, &child(at, key));
                }
            }
            // Scalars, and shapes that differ from the spec's: the key comparison shows those.
            _ => {}
        }
    }

    fn required(&mut self, members: &Map<String, Value>, fields: &'a [Field], at: &[String]) {
        for field in fields {
            let path = child(at, &field.wire_name);
            if field.required
                && !members.contains_key(&field.wire_name)
                && !self.missing.iter().any(|(p, _)| *p == path)
            {
                self.missing.push((path, field));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shown(paths: &[KeyPath]) -> Vec<String> {
        paths.iter().map(|p| show(p)).collect()
    }

    #[test]
    fn key_paths_merge_list_items() {
        let paths: Vec<KeyPath> =
            key_paths(&json!({"data": [{"a": 1}, {"b": {"c": 2}}], "total": 1}))
                .into_iter()
                .collect();
        assert_eq!(
            shown(&paths),
            ["data", "data[].a", "data[].b", "data[].b.c", "total"]
        );
    }

    #[test]
    fn only_the_topmost_missing_path_is_reported() {
        let docs = key_paths(&json!({"data": {"profile": {"a": 1, "b": 2}, "x": 1}}));
        let spec = key_paths(&json!({"data": {"x": 1}}));
        assert_eq!(shown(&topmost(docs.difference(&spec))), ["data.profile"]);
    }
}
