//! Documentation keys: text a reader sees and no client acts on.

use super::Comparison;
use crate::report::Change;
use crate::rules::RuleId;
use serde_json::Value;
use spec::model::{Departure, Endpoint, Field, Locator, NamedType, Provenance, Source};

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

    /// Where an endpoint was read, and which of its examples no source shows: both are shown
    /// to readers of the generated docs.
    pub(super) fn provenance(&mut self, parent: &str, old: &Endpoint, new: &Endpoint) {
        let summary = |list: &[Provenance]| (!list.is_empty()).then(|| summarise_provenance(list));
        self.doc(
            parent,
            "provenance",
            summary(&old.provenance).as_deref(),
            summary(&new.provenance).as_deref(),
        );
        let constructed = |endpoint: &Endpoint| {
            let sides: Vec<&str> = [
                ("request", endpoint.constructed.request),
                ("reply", endpoint.constructed.reply),
            ]
            .into_iter()
            .filter_map(|(side, built)| built.then_some(side))
            .collect();
            (!sides.is_empty()).then(|| sides.join(", "))
        };
        self.doc(
            parent,
            "examples.constructed",
            constructed(old).as_deref(),
            constructed(new).as_deref(),
        );
    }

    /// The spec's sources, matched by key: what outputs say of each when they cite it.
    pub(super) fn sources(&mut self) {
        let (old, new) = (self.old, self.new);
        for source in &old.sources {
            let after = new.source(&source.key);
            self.doc_at(
                child("sources", &source.key),
                "source",
                Some(&describe_source(source)),
                after.map(describe_source).as_deref(),
            );
        }
        for source in new.sources.iter().filter(|s| old.source(&s.key).is_none()) {
            self.doc_at(
                child("sources", &source.key),
                "source",
                None,
                Some(&describe_source(source)),
            );
        }
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
        "examples.constructed" => "examples built by the spec's author",
        "provenance" => "provenance (where the endpoint was read)",
        "title" => "title",
        "description" => "description",
        "name" => "name",
        other => other,
    }
}

fn summarise(departures: &[Departure]) -> String {
    departures
        .iter()
        .map(|d| match &d.source {
            Some(source) => format!("{} ({source}): {}", d.kind.as_str(), d.docs),
            None => format!("{}: {}", d.kind.as_str(), d.docs),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn summarise_provenance(provenance: &[Provenance]) -> String {
    provenance
        .iter()
        .map(|p| match &p.locator {
            Locator::Line(line) => format!("{} line {line}", p.source),
            Locator::Section(section) => format!("{} section {section}", p.source),
            Locator::Method(method) => format!("{} method {method}", p.source),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe_source(source: &Source) -> String {
    // The title first: change reports cut long values short.
    let mut parts = vec![source.title.clone(), source.kind.as_str().to_owned()];
    parts.extend(source.url.clone());
    parts.extend(source.file.clone());
    parts.extend(source.commit.as_ref().map(|commit| format!("at {commit}")));
    parts.extend(source.notes.clone());
    parts.join(", ")
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
