//! Turns the parsed document into [`RawSpec`] one element at a time, so that a bad key in one
//! endpoint does not hide the errors of another: `info`, then each group, type and endpoint
//! is deserialized on its own and every failure is reported with its full YAML path.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::Reporter;
use crate::format::RawSpec;
use crate::source_map::{child, item};

const TOP_LEVEL_KEYS: &str = "`info`, `groups`, `sources`, `types` and `endpoints`";

/// Deserializes every part of the document; `None` if any part failed (each failure reported).
pub(crate) fn raw_spec(root: Value, reporter: &mut Reporter<'_>) -> Option<RawSpec> {
    let Value::Mapping(root) = root else {
        reporter.error(
            "",
            format!("the spec must be a YAML mapping, found {}", kind(&root)),
            format!("start the file with the top-level keys {TOP_LEVEL_KEYS}"),
        );
        return None;
    };
    let mut info = None;
    let mut groups = None;
    let mut sources = Some(IndexMap::new());
    let mut types = Some(IndexMap::new());
    let mut endpoints = None;
    for (key, value) in root {
        match key.as_str() {
            Some("info") => info = element("info", value, reporter),
            Some("groups") => groups = entries("groups", value, reporter),
            Some("sources") => sources = entries("sources", value, reporter),
            Some("types") => types = entries("types", value, reporter),
            Some("endpoints") => endpoints = entries("endpoints", value, reporter),
            Some(other) => reporter.error(
                other,
                format!("unknown top-level key `{other}`"),
                format!("the top-level keys are {TOP_LEVEL_KEYS}"),
            ),
            None => reporter.error(
                "",
                format!("a top-level key is {}, not a string", kind(&key)),
                format!("the top-level keys are {TOP_LEVEL_KEYS}"),
            ),
        }
    }
    let info = required("info", info, reporter);
    let groups = required("groups", groups, reporter);
    let endpoints = required("endpoints", endpoints, reporter);
    match (info, groups, sources, types, endpoints) {
        (Some(info), Some(groups), Some(sources), Some(types), Some(endpoints))
            if !reporter.has_errors() =>
        {
            Some(RawSpec {
                info,
                groups,
                sources,
                types,
                endpoints,
            })
        }
        _ => None,
    }
}

/// A required top-level section; one that is present but failed has been reported already.
fn required<T>(key: &str, section: Option<T>, reporter: &mut Reporter<'_>) -> Option<T> {
    if section.is_none() && reporter.map().get(key).is_none() {
        reporter.error(
            "",
            format!("missing top-level key `{key}`"),
            format!("the top-level keys are {TOP_LEVEL_KEYS}"),
        );
    }
    section
}

/// A mapping of name → element, each element deserialized on its own.
fn entries<T: DeserializeOwned>(
    section: &str,
    value: Value,
    reporter: &mut Reporter<'_>,
) -> Option<IndexMap<String, T>> {
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
            return None;
        }
    };
    let mut parsed = IndexMap::new();
    let mut complete = true;
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            reporter.error(
                section,
                format!("a key of `{section}` is {}, not a string", kind(&key)),
                "quote the key so that it is a string",
            );
            complete = false;
            continue;
        };
        let path = child(section, name);
        match element::<T>(&path, value, reporter) {
            Some(element) => {
                parsed.insert(name.to_owned(), element);
            }
            None => complete = false,
        }
    }
    complete.then_some(parsed)
}

/// One element deserialized with the path of whatever fails inside it.
fn element<T: DeserializeOwned>(
    path: &str,
    value: Value,
    reporter: &mut Reporter<'_>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(element) => Some(element),
        Err(error) => {
            let mut inner_path = path.to_owned();
            for segment in error.path().iter() {
                inner_path = match segment {
                    Segment::Map { key } => child(&inner_path, key),
                    Segment::Seq { index } => item(&inner_path, *index),
                    Segment::Enum { variant } => child(&inner_path, variant),
                    Segment::Unknown => inner_path,
                };
            }
            let message = error.into_inner().to_string();
            let (path, hint) = shape_hint(&inner_path, &message);
            reporter.error(&path, message, hint);
            None
        }
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
        return (
            path,
            "remove the key or correct its spelling; spec/README.md documents every key".to_owned(),
        );
    }
    if message.starts_with("missing field") {
        return (
            path.to_owned(),
            "add the key; spec/README.md lists the required keys".to_owned(),
        );
    }
    if message.starts_with("unknown variant") {
        return (path.to_owned(), "use one of the listed values".to_owned());
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
