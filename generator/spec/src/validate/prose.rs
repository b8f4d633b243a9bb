//! Every element has an English description: it is the generated code's documentation (the
//! crate denies missing docs), so a blank one is refused where it stands.

use crate::diagnostics::Reporter;
use crate::format::{RawField, RawSpec};
use crate::source_map::{child, item};

pub(crate) fn check(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    for (key, group) in &raw.groups {
        required(&group.en, &child("groups", key), "group", reporter);
    }
    for (name, named) in &raw.types {
        let path = child("types", name);
        required(&named.en, &path, "type", reporter);
        for (wire_name, field) in named.fields.iter().flatten() {
            check_field(field, &child(&child(&path, "fields"), wire_name), reporter);
        }
        let values = named
            .enumeration
            .iter()
            .flat_map(|enumeration| &enumeration.values);
        for (index, value) in values.enumerate() {
            let value_path = item(&child(&child(&path, "enum"), "values"), index);
            required(&value.en, &value_path, "enum value", reporter);
        }
    }
    for (name, endpoint) in &raw.endpoints {
        let path = child("endpoints", name);
        required(&endpoint.en, &path, "endpoint", reporter);
        for (wire_name, field) in &endpoint.request {
            check_field(field, &child(&child(&path, "request"), wire_name), reporter);
        }
        let reply = child(&path, "reply");
        if let Some(data) = &endpoint.reply.data {
            check_field(data, &child(&reply, "data"), reporter);
        }
        for (wire_name, field) in &endpoint.reply.fields {
            check_field(field, &child(&child(&reply, "fields"), wire_name), reporter);
        }
    }
}

fn check_field(field: &RawField, path: &str, reporter: &mut Reporter<'_>) {
    required(&field.en, path, "field", reporter);
}

fn required(en: &str, path: &str, what: &str, reporter: &mut Reporter<'_>) {
    if en.trim().is_empty() {
        reporter.error(
            &child(path, "en"),
            format!("the {what}'s English description `en` is empty"),
            "describe it in a few English words: they become its documentation in the generated code",
        );
    }
}
