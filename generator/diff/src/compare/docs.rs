//! Documentation keys: text a reader sees and no client acts on.

use super::Comparison;
use crate::report::Change;
use crate::rules::RuleId;
use serde_json::Value;
use spec::model::{Departure, Endpoint, Field, NamedType};

use spec::source_map::{child, item};

/// The prose every endpoint, type and field carries.
pub(super) struct Prose<'a> {
    pub(super) zh: Option<&'a str>,
    pub(super) en: &'a str,
    pub(super) notes: Option<&'a str>,
    pub(super) departures: &'a [Departure],
}

impl<'a> From<&'a Field> for Prose<'a> {
    fn from(field: &'a Field) -> Self {
        Prose {
            zh: field.zh.as_deref(),
            en: &field.en,
            notes: field.notes.as_deref(),
            departures: &field.departures,
        }
    }
}

impl<'a> From<&'a NamedType> for Prose<'a> {
    fn from(named: &'a NamedType) -> Self {
        Prose {
            zh: named.zh.as_deref(),
            en: &named.en,
            notes: named.notes.as_deref(),
            departures: &named.departures,
        }
    }
}

impl<'a> From<&'a Endpoint> for Prose<'a> {
    fn from(endpoint: &'a Endpoint) -> Self {
        Prose {
            zh: Some(&endpoint.zh),
            en: &endpoint.en,
            notes: endpoint.notes.as_deref(),
            departures: &endpoint.departures,
        }
    }
}

impl Comparison<'_> {
    /// Reports each of an element's `zh`, `en`, `notes` and `departures` that changed.
    pub(super) fn prose<'a>(
        &mut self,
        path: &str,
        old: impl Into<Prose<'a>>,
        new: impl Into<Prose<'a>>,
    ) {
        let (old, new) = (old.into(), new.into());
        self.doc(path, "zh", old.zh, new.zh);
        self.doc(path, "en", Some(old.en), Some(new.en));
        self.doc(path, "notes", old.notes, new.notes);
        self.departures(path, old.departures, new.departures);
    }

    /// Reports the documentation key `key` of the element at `parent` when it changed.
    pub(super) fn doc(&mut self, parent: &str, key: &str, old: Option<&str>, new: Option<&str>) {
        self.doc_at(child(parent, key), describe_key(key), old, new);
    }

    /// Reports the documentation element at `path`, described to a reader as `what`.
    pub(super) fn doc_at(
        &mut self,
        path: String,
        what: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        if old == new {
            return;
        }
        let message = match (old, new) {
            (None, _) => format!("{what} added"),
            (_, None) => format!("{what} removed"),
            _ => format!("{what} changed"),
        };
        self.push(Change::new(RuleId::DocChanged, path, message).values(old, new));
    }

    pub(super) fn departures(&mut self, parent: &str, old: &[Departure], new: &[Departure]) {
        if old != new {
            let summary = |list: &[Departure]| (!list.is_empty()).then(|| summarise(list));
            self.doc(
                parent,
                "departures",
                summary(old).as_deref(),
                summary(new).as_deref(),
            );
        }
    }

    /// Compares JSON examples by value, so that re-indenting an example or reordering its keys
    /// is no change. The change names the first place inside the example that differs, and
    /// shows the values there rather than the whole example.
    pub(super) fn example(
        &mut self,
        parent: &str,
        key: &str,
        old: Option<&Value>,
        new: Option<&Value>,
    ) {
        if old == new {
            return;
        }
        let (Some(old), Some(new)) = (old, new) else {
            let text = |value: Option<&Value>| value.map(Value::to_string);
            return self.doc(parent, key, text(old).as_deref(), text(new).as_deref());
        };
        let mut differences = Vec::new();
        differences_between(old, new, String::new(), &mut differences);
        let Some((place, before, after)) = differences.first() else {
            return;
        };
        let more = match differences.len() {
            1 => String::new(),
            2 => " (and 1 more place)".to_owned(),
            n => format!(" (and {} more places)", n - 1),
        };
        let at = if place.is_empty() {
            String::new()
        } else {
            format!(" at `{place}`")
        };
        let text =
            |value: &Option<&Value>| value.map_or_else(|| "(absent)".to_owned(), Value::to_string);
        self.push(
            Change::new(
                RuleId::DocChanged,
                child(parent, key),
                format!("{} changed{at}{more}", describe_key(key)),
            )
            .old_new(text(before), text(after)),
        );
    }
}

/// The places where two JSON values differ, as (path, old, new), in document order; a member
/// only one side has is `None` on the other.
fn differences_between<'v>(
    old: &'v Value,
    new: &'v Value,
    place: String,
    found: &mut Vec<(String, Option<&'v Value>, Option<&'v Value>)>,
) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let place = child(&place, key);
                match b.get(key) {
                    Some(other) => differences_between(value, other, place, found),
                    None => found.push((place, Some(value), None)),
                }
            }
            for (key, value) in b.iter().filter(|(key, _)| !a.contains_key(*key)) {
                found.push((child(&place, key), None, Some(value)));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences_between(x, y, item(&place, index), found);
            }
        }
        _ if old != new => found.push((place, Some(old), Some(new))),
        _ => {}
    }
}

fn describe_key(key: &str) -> &str {
    match key {
        "zh" => "Chinese text",
        "en" => "English text",
        "notes" => "notes",
        "departures" => "departures from the docs",
        "example" => "example",
        "examples.request" => "request example",
        "examples.reply" => "reply example",
        "title" => "title",
        "description" => "description",
        "name" => "name",
        other => other,
    }
}

fn summarise(departures: &[Departure]) -> String {
    departures
        .iter()
        .map(|d| format!("{}: {}", d.kind.as_str(), d.docs))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_every_place_two_examples_differ() {
        let old = json!({"code": 1, "data": [{"id": 1, "name": "a"}], "gone": true});
        let new = json!({"data": [{"name": "b", "id": 1}], "code": 1, "added": null});
        let mut found = Vec::new();
        differences_between(&old, &new, String::new(), &mut found);
        let places: Vec<(&str, Option<String>, Option<String>)> = found
            .iter()
            .map(|(place, a, b)| {
                (
                    place.as_str(),
                    a.map(Value::to_string),
                    b.map(Value::to_string),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                ("data[0].name", Some("\"a\"".into()), Some("\"b\"".into())),
                ("gone", Some("true".into()), None),
                ("added", None, Some("null".into())),
            ]
        );
    }
}
