//! How drafted values are written: departures, examples as JSON text, TODO texts.

use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use super::super::docs::{DocsJson, InvalidJson};
use spec::format::{DRAFT_MARKER, DepartureKind};

pub(super) fn departure(kind: DepartureKind, docs: &str, why: &str) -> Yaml {
    let mut entry = Mapping::new();
    entry.insert("kind".into(), kind.as_str().into());
    entry.insert("docs".into(), docs.into());
    entry.insert("why".into(), why.into());
    Yaml::Mapping(entry)
}

pub(super) fn push_departure(field: &mut Mapping, entry: Yaml) {
    match field.get_mut("departures").and_then(Yaml::as_sequence_mut) {
        Some(list) => list.push(entry),
        None => {
            field.insert("departures".into(), Yaml::Sequence(vec![entry]));
        }
    }
}

/// The line of the docs' text where its JSON first goes wrong.
pub(super) fn invalid_quote(json: Option<&DocsJson>) -> String {
    let Some(json) = json else {
        return String::new();
    };
    let Some(invalid) = &json.invalid else {
        return String::new();
    };
    let line = invalid.repairs.first().map_or(invalid.line, |r| r.line);
    let offset = line.saturating_sub(json.line);
    json.text
        .lines()
        .nth(offset)
        .map(str::trim)
        .unwrap_or_default()
        .to_owned()
}

pub(super) fn repairs_text(invalid: &InvalidJson) -> String {
    if invalid.repairs.is_empty() {
        return format!(
            "the docs' JSON is invalid ({}); repair the example by hand.",
            invalid.error
        );
    }
    let repairs: Vec<&str> = invalid.repairs.iter().map(|r| r.message.as_str()).collect();
    format!(
        "invalid JSON ({}) repaired by docs-drift: {}; check the example.",
        invalid.error,
        repairs.join("; ")
    )
}

/// A text left for a person: it starts with the spec's draft marker, which validation refuses
/// until the person has settled it.
pub(super) fn todo(what: &str) -> String {
    format!("{DRAFT_MARKER}: {what}")
}

pub(super) fn todo_translate(zh: &str) -> String {
    if zh.is_empty() {
        todo("describe")
    } else {
        todo(&format!("translate \"{zh}\""))
    }
}

pub(super) fn is_scalar(value: &Json) -> bool {
    matches!(value, Json::String(_) | Json::Number(_) | Json::Bool(_))
}

pub(super) fn json_to_yaml(value: &Json) -> Yaml {
    serde_yaml::to_value(value).unwrap_or(Yaml::Null)
}

/// An example as the spec holds it: JSON text, pretty-printed or on one line as the docs
/// write their requests (`{"token": "…", "page": 1}`).
pub(super) fn json_text(value: &Json, pretty: bool) -> String {
    let mut text = if pretty {
        serde_json::to_string_pretty(value).unwrap_or_default()
    } else {
        let mut bytes = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, OneLine);
        match serde::Serialize::serialize(value, &mut serializer) {
            Ok(()) => String::from_utf8(bytes).unwrap_or_default(),
            Err(_) => String::new(),
        }
    };
    text.push('\n');
    text
}

/// serde_json's compact output with a space after each `:` and `,`.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}
