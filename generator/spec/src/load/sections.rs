//! Turns the parsed document into [`RawSpec`] one element at a time, so that a bad key in one
//! endpoint does not hide the errors of another: `info`, then each group, type and endpoint
//! is deserialized on its own and every failure is reported with its full YAML path.
//!
//! A shape error does not stop the rest of the file from being checked. Each is reported, then
//! recovered from where that can be done without inventing anything a later check could
//! complain about: an unknown key is dropped (with a "did you mean" for a misspelling), a
//! departure that does not read is dropped, and a field that does not read stands as a field
//! of type `json` (which conforms to anything). An element that still does not read is left
//! out and named in [`Broken`], so that validation says nothing about what its absence causes
//! (an undefined type, group or endpoint that is merely unreadable). Validation then runs on
//! the rest, and one run reports every problem.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::{Mapping, Value};

use super::Broken;
use crate::diagnostics::{Reporter, did_you_mean};
use crate::format::{RawEnvelope, RawInfo, RawLogin, RawSpec};
use crate::source_map::{child, item};

const TOP_LEVEL: [&str; 5] = ["info", "groups", "sources", "types", "endpoints"];
const TOP_LEVEL_KEYS: &str = "`info`, `groups`, `sources`, `types` and `endpoints`";

/// Recoveries tried on one element before it counts as unreadable: each drops a key or a
/// departure, or replaces a field, so an element has at most as many as it has nodes, and the
/// bound keeps a hostile element from costing quadratic time.
const MAX_RECOVERIES: usize = 64;

/// The merge key of YAML 1.1, which serde_yaml leaves as an ordinary key.
const MERGE_KEY: &str = "<<";

/// Deserializes every part of the document; `None` only when the document is not a mapping.
/// Every problem is reported; the parts that could not be read are in the [`Broken`].
pub(crate) fn raw_spec(root: Value, reporter: &mut Reporter<'_>) -> Option<(RawSpec, Broken)> {
    let Value::Mapping(mut root) = root else {
        reporter.error(
            "",
            format!("the spec must be a YAML mapping, found {}", kind(&root)),
            format!("start the file with the top-level keys {TOP_LEVEL_KEYS}"),
        );
        return None;
    };
    report_merge_keys(&mut root, "", reporter);
    let mut broken = Broken::default();
    let mut info = None;
    let mut groups = None;
    let mut sources = None;
    let mut types = None;
    let mut endpoints = None;
    for (key, value) in root {
        match key.as_str() {
            Some("info") => {
                info = element("info", value, Fields::None, reporter);
                broken.info = info.is_none();
            }
            Some("groups") => {
                groups = Some(entries(
                    "groups",
                    value,
                    Fields::None,
                    &mut broken.groups,
                    reporter,
                ))
            }
            Some("sources") => {
                sources = Some(entries(
                    "sources",
                    value,
                    Fields::None,
                    &mut broken.sources,
                    reporter,
                ))
            }
            Some("types") => {
                types = Some(entries(
                    "types",
                    value,
                    Fields::OfType,
                    &mut broken.types,
                    reporter,
                ))
            }
            Some("endpoints") => {
                endpoints = Some(entries(
                    "endpoints",
                    value,
                    Fields::OfEndpoint,
                    &mut broken.endpoints,
                    reporter,
                ));
            }
            Some(other) => {
                let hint = match did_you_mean(other, TOP_LEVEL) {
                    Some(meant) => {
                        format!("did you mean `{meant}`? The top-level keys are {TOP_LEVEL_KEYS}")
                    }
                    None => format!("the top-level keys are {TOP_LEVEL_KEYS}"),
                };
                reporter.error(other, format!("unknown top-level key `{other}`"), hint);
            }
            None => reporter.error(
                "",
                format!("a top-level key is {}, not a string", kind(&key)),
                format!("the top-level keys are {TOP_LEVEL_KEYS}"),
            ),
        }
    }
    for (key, present) in [
        ("info", info.is_some() || broken.info),
        ("groups", groups.is_some()),
        ("endpoints", endpoints.is_some()),
    ] {
        if !present {
            reporter.error(
                "",
                format!("missing top-level key `{key}`"),
                format!("the top-level keys are {TOP_LEVEL_KEYS}"),
            );
        }
    }
    broken.info |= info.is_none();
    let raw = RawSpec {
        info: info.unwrap_or_else(placeholder_info),
        groups: groups.unwrap_or_default(),
        sources: sources.unwrap_or_default(),
        types: types.unwrap_or_default(),
        endpoints: endpoints.unwrap_or_default(),
    };
    Some((raw, broken))
}

/// The `info` validation works with when the real one cannot be read; it never checks it.
fn placeholder_info() -> RawInfo {
    RawInfo {
        title: String::new(),
        version: String::new(),
        base_url: String::new(),
        description: String::new(),
        contact: None,
        token_field: String::new(),
        envelope: RawEnvelope {
            code_field: String::new(),
            message_field: String::new(),
            data_field: String::new(),
            success_code: 0,
        },
        login: RawLogin {
            endpoint: String::new(),
            username_field: String::new(),
            password_field: String::new(),
            access_token_field: String::new(),
            expires_field: String::new(),
        },
        notes: Vec::new(),
    }
}

/// Reports every YAML merge key (`<<: *base`) at or below `path`, and then merges it as YAML
/// 1.1 would (or, if it cannot be merged, drops it), so that the rest of the mapping is checked
/// as its author meant it, and a key the merge supplied is not reported missing.
fn report_merge_keys(mapping: &mut Mapping, path: &str, reporter: &mut Reporter<'_>) {
    // Inner merge keys first: merging this mapping's would merge (and hide) them.
    for (key, value) in mapping.iter_mut() {
        let key = key.as_str().unwrap_or("?");
        merge_keys_in(value, &child(path, key), reporter);
    }
    if mapping.contains_key(MERGE_KEY) {
        reporter.error(
            &child(path, MERGE_KEY),
            "YAML merge keys (`<<:`) are not supported",
            "write the keys out in full in this mapping (or, for fields several types share, a named type under `types`): each element of the spec reads on its own",
        );
        let mut merged = Value::Mapping(std::mem::take(mapping));
        let applied = merged.apply_merge().is_ok();
        if let Value::Mapping(merged) = merged {
            *mapping = merged;
        }
        if !applied {
            mapping.remove(MERGE_KEY);
        }
    }
}

fn merge_keys_in(value: &mut Value, path: &str, reporter: &mut Reporter<'_>) {
    match value {
        Value::Mapping(mapping) => report_merge_keys(mapping, path, reporter),
        Value::Sequence(items) => {
            for (index, each) in items.iter_mut().enumerate() {
                merge_keys_in(each, &item(path, index), reporter);
            }
        }
        Value::Tagged(tagged) => merge_keys_in(&mut tagged.value, path, reporter),
        _ => {}
    }
}

/// Where, inside an element, its fields stand: a field that does not read is replaced there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// The element has no fields (`info`, a group).
    None,
    /// A named type: `fields.<name>`.
    OfType,
    /// An endpoint: `request.<name>`, `reply.data`, `reply.fields.<name>`.
    OfEndpoint,
}

impl Fields {
    /// How many leading keys of `keys` name the field the error is in, if it is in one.
    fn entry(self, keys: &[Option<&str>]) -> Option<usize> {
        let len = match (self, keys) {
            (Fields::OfType, [Some("fields"), Some(_), ..]) => 2,
            (Fields::OfEndpoint, [Some("request"), Some(_), ..]) => 2,
            (Fields::OfEndpoint, [Some("reply"), Some("data"), ..]) => 2,
            (Fields::OfEndpoint, [Some("reply"), Some("fields"), Some(_), ..]) => 3,
            _ => return None,
        };
        Some(len)
    }
}

/// A mapping of name → element, each element deserialized on its own; the names of those that
/// could not be read go to `broken`.
fn entries<T: DeserializeOwned>(
    section: &str,
    value: Value,
    fields: Fields,
    broken: &mut std::collections::BTreeSet<String>,
    reporter: &mut Reporter<'_>,
) -> IndexMap<String, T> {
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => Mapping::new(),
        other => {
            reporter.error(
                section,
                format!(
                    "`{section}` must be a mapping of name → definition, found {}",
                    kind(&other)
                ),
                "write one `name:` key per entry, indented below it",
            );
            return IndexMap::new();
        }
    };
    let mut parsed = IndexMap::new();
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            reporter.error(
                section,
                format!("a key of `{section}` is {}, not a string", kind(&key)),
                "quote the key so that it is a string",
            );
            continue;
        };
        let path = child(section, name);
        match element::<T>(&path, value, fields, reporter) {
            Some(element) => {
                parsed.insert(name.to_owned(), element);
            }
            None => {
                broken.insert(name.to_owned());
            }
        }
    }
    parsed
}

/// One element deserialized with the path of whatever fails inside it, recovering from what
/// can be recovered (see the module docs).
fn element<T: DeserializeOwned>(
    path: &str,
    mut value: Value,
    fields: Fields,
    reporter: &mut Reporter<'_>,
) -> Option<T> {
    for _ in 0..MAX_RECOVERIES {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(element) => return Some(element),
            Err(error) => error,
        };
        let segments: Vec<Segment> = error.path().iter().cloned().collect();
        let message = error.into_inner().to_string();
        let mut inner_path = path.to_owned();
        for segment in &segments {
            inner_path = match segment {
                Segment::Map { key } => child(&inner_path, key),
                Segment::Seq { index } => item(&inner_path, *index),
                Segment::Enum { variant } => child(&inner_path, variant),
                Segment::Unknown => inner_path,
            };
        }
        let (reported_path, hint) = shape_hint(&inner_path, &message);
        reporter.error(&reported_path, message.clone(), hint);
        let recovered = if let Some(field) = quoted_after(&message, "unknown field `") {
            remove_key(&mut value, &segments, field)
        } else if let Some(at) = departure(&segments) {
            remove_item(&mut value, &segments[..at], at_index(&segments[at]))
        } else {
            let keys: Vec<Option<&str>> = segments
                .iter()
                .map(|segment| match segment {
                    Segment::Map { key } => Some(key.as_str()),
                    _ => None,
                })
                .collect();
            fields
                .entry(&keys)
                .is_some_and(|len| replace(&mut value, &segments[..len], placeholder_field()))
        };
        if !recovered {
            return None;
        }
    }
    None
}

/// A field that stands for one that does not read: of type `json`, optional, so that nothing
/// about it is reported again.
fn placeholder_field() -> Value {
    let mut field = Mapping::new();
    field.insert(
        Value::String("type".to_owned()),
        Value::String("json".to_owned()),
    );
    field.insert(
        Value::String("en".to_owned()),
        Value::String("(unreadable)".to_owned()),
    );
    Value::Mapping(field)
}

/// The index of the `departures` item the error is in, as a position in `segments`.
fn departure(segments: &[Segment]) -> Option<usize> {
    segments
        .windows(2)
        .enumerate()
        .rev()
        .find_map(|(at, pair)| match pair {
            [Segment::Map { key }, Segment::Seq { .. }] if key == "departures" => Some(at + 1),
            _ => None,
        })
}

fn at_index(segment: &Segment) -> usize {
    match segment {
        Segment::Seq { index } => *index,
        _ => usize::MAX,
    }
}

/// The node at `segments` below `value`.
fn node_mut<'v>(value: &'v mut Value, segments: &[Segment]) -> Option<&'v mut Value> {
    let mut node = value;
    for segment in segments {
        node = match (segment, node) {
            (Segment::Map { key }, Value::Mapping(mapping)) => mapping.get_mut(key.as_str())?,
            (Segment::Seq { index }, Value::Sequence(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Removes the key `field` of the mapping the path leads to (serde_path_to_error ends the path
/// of an unknown key with the key itself, or with its mapping).
fn remove_key(value: &mut Value, segments: &[Segment], field: &str) -> bool {
    let parent = match segments.last() {
        Some(Segment::Map { key }) if key == field => &segments[..segments.len() - 1],
        _ => segments,
    };
    match node_mut(value, parent) {
        Some(Value::Mapping(mapping)) => mapping.remove(field).is_some(),
        _ => false,
    }
}

fn remove_item(value: &mut Value, segments: &[Segment], index: usize) -> bool {
    match node_mut(value, segments) {
        Some(Value::Sequence(items)) if index < items.len() => {
            items.remove(index);
            true
        }
        _ => false,
    }
}

fn replace(value: &mut Value, segments: &[Segment], with: Value) -> bool {
    match node_mut(value, segments) {
        Some(node) if *node != with => {
            *node = with;
            true
        }
        _ => false,
    }
}

/// Where to point and what to suggest for a serde shape error.
fn shape_hint(path: &str, message: &str) -> (String, String) {
    if let Some(field) = quoted_after(message, "unknown field `") {
        // serde_path_to_error already ends the path with the unknown key.
        let path = if path.ends_with(&format!(".{field}")) {
            path.to_owned()
        } else {
            child(path, field)
        };
        let hint = match did_you_mean(field, expected(message)) {
            Some(meant) => format!("did you mean `{meant}`?"),
            None => "remove the key or correct its spelling; spec/README.md documents every key"
                .to_owned(),
        };
        return (path, hint);
    }
    if message.starts_with("missing field") {
        return (
            path.to_owned(),
            "add the key; spec/README.md lists the required keys".to_owned(),
        );
    }
    if let Some(variant) = quoted_after(message, "unknown variant `") {
        let hint = match did_you_mean(variant, expected(message)) {
            Some(meant) => format!("did you mean `{meant}`?"),
            None => "use one of the listed values".to_owned(),
        };
        return (path.to_owned(), hint);
    }
    if message.starts_with("invalid type") {
        let hint = if message.ends_with("expected a string") {
            "quote the value to make it a string"
        } else {
            "write a value of the type named after `expected`"
        };
        return (path.to_owned(), hint.to_owned());
    }
    (
        path.to_owned(),
        "see spec/README.md for the shape of this element".to_owned(),
    )
}

/// The names serde lists after `expected` (`expected one of `a`, `b``).
fn expected(message: &str) -> Vec<&str> {
    message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// The text between `prefix` and the next backtick in `message`.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(quoted, _)| quoted)
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
