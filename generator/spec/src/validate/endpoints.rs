//! Endpoints one at a time (group, path, fields, examples) and the rules between them
//! (unique paths, paging, the token).

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::checked::CheckedEndpoint;
use super::fields;
use super::json_text;
use super::shapes::Shapes;
use crate::diagnostics::Reporter;
use crate::format::{RawEndpoint, RawGroup, RawInfo};
use crate::scalar::Scalar;
use crate::source_map::child;
use crate::type_ref::TypeRef;

/// Every endpoint. `unreadable_groups` were reported by loading, and are not undefined;
/// without `info` (unreadable too), the checks that need it are left out.
pub(crate) fn check_all(
    endpoints: &IndexMap<String, RawEndpoint>,
    groups: &IndexMap<String, RawGroup>,
    unreadable_groups: &std::collections::BTreeSet<String>,
    info: Option<&RawInfo>,
    shapes: &Shapes,
    reporter: &mut Reporter<'_>,
) -> IndexMap<String, CheckedEndpoint> {
    let mut paths: BTreeMap<&str, &str> = BTreeMap::new();
    let mut checked = IndexMap::new();
    for (name, raw) in endpoints {
        let path = child("endpoints", name);
        if !groups.contains_key(&raw.group) && !unreadable_groups.contains(&raw.group) {
            let known: Vec<&str> = groups.keys().map(String::as_str).collect();
            let hint = match crate::diagnostics::did_you_mean(&raw.group, known.iter().copied()) {
                Some(meant) => format!("did you mean `{meant}`?"),
                None => format!("use a key of `groups`: {}", known.join(", ")),
            };
            reporter.error(
                &child(&path, "group"),
                format!("undefined group `{}`", raw.group),
                hint,
            );
        }
        check_path(&raw.path, &child(&path, "path"), reporter);
        if let Some(first) = paths.get(raw.path.as_str()) {
            reporter.error(
                &child(&path, "path"),
                format!(
                    "duplicate endpoint path `{}` (also the path of `{first}`)",
                    raw.path
                ),
                "each endpoint has its own path; remove the duplicate endpoint or correct its path",
            );
        } else {
            paths.insert(&raw.path, name);
        }
        if let Some(info) = info.filter(|info| raw.request.contains_key(&info.token_field)) {
            reporter.error(
                &child(&child(&path, "request"), &info.token_field),
                format!("the request lists the token field `{}`", info.token_field),
                "leave it out: `token: true` makes the client fill it in",
            );
        }
        let request = fields::check_all(&raw.request, &child(&path, "request"), shapes, reporter);
        let reply_path = child(&path, "reply");
        let data_field = info.map_or("data", |info| info.envelope.data_field.as_str());
        let data = raw.reply.data.as_ref().map(|data| {
            fields::check(
                data_field,
                data,
                &child(&reply_path, "data"),
                shapes,
                reporter,
            )
        });
        let reply_fields = fields::check_all(
            &raw.reply.fields,
            &child(&reply_path, "fields"),
            shapes,
            reporter,
        );
        let envelope = info.map(|info| &info.envelope);
        let envelope_members = envelope.iter().flat_map(|envelope| {
            [
                &envelope.code_field,
                &envelope.message_field,
                &envelope.data_field,
            ]
        });
        for envelope_member in envelope_members {
            if raw.reply.fields.contains_key(envelope_member) {
                reporter.error(
                    &child(&child(&reply_path, "fields"), envelope_member),
                    format!("`{envelope_member}` is part of the reply envelope, not a reply field"),
                    "remove it; use `reply.data` for what `data` holds",
                );
            }
        }
        let examples_path = child(&path, "examples");
        let request_example = json_text::parse(
            &raw.examples.request,
            &child(&examples_path, "request"),
            reporter,
        );
        let reply_example = json_text::parse(
            &raw.examples.reply,
            &child(&examples_path, "reply"),
            reporter,
        );
        let endpoint = CheckedEndpoint {
            raw: raw.clone(),
            request,
            data,
            reply_fields,
            request_example,
            reply_example,
        };
        if raw.reply.paged {
            check_paging(&endpoint, &reply_path, reporter);
        }
        checked.insert(name.clone(), endpoint);
    }
    checked
}

/// A paging member is an `integer`, written as the API writes it (`wire`). A type that did
/// not resolve (reported already, and `json` since) is not reported again.
fn check_counter(field: &super::checked::CheckedField, reporter: &mut Reporter<'_>) {
    let unresolved = field.ty == TypeRef::Scalar(Scalar::Json) && field.raw.ty.trim() != "json";
    if field.ty != TypeRef::Scalar(Scalar::Integer) && !unresolved {
        reporter.error(
            &child(&field.path, "type"),
            format!(
                "`paged: true` counts pages with `{}`, but its type is `{}`",
                field.wire_name,
                field.raw.ty.trim()
            ),
            "make it `type: integer` (with `wire: string` or `wire: either` if the API writes it as text)",
        );
    }
}

fn check_path(path: &str, yaml_path: &str, reporter: &mut Reporter<'_>) {
    if !path.starts_with('/') || path.contains(|c: char| c.is_whitespace() || c == '?' || c == '#')
    {
        reporter.error(
            yaml_path,
            format!("the path `{path}` is not a plain path below the base URL"),
            "write it as documented, starting with `/`, without spaces, query or fragment: `/API/profile/detail`",
        );
    }
}

/// `paged: true` promises what `Page<T>` reads: `page` and `limit` in the request, `total`
/// and `totalpage` in the reply, all integers (the client counts pages with them), and a list
/// in `data`.
fn check_paging(endpoint: &CheckedEndpoint, reply_path: &str, reporter: &mut Reporter<'_>) {
    let paged_path = child(reply_path, "paged");
    for wanted in ["page", "limit"] {
        match endpoint.request.get(wanted) {
            Some(field) => check_counter(field, reporter),
            None => reporter.error(
                &paged_path,
                format!("`paged: true` but the request has no `{wanted}` field"),
                "add the paging fields to `request`, or remove `paged`",
            ),
        }
    }
    for wanted in ["total", "totalpage"] {
        match endpoint.reply_fields.get(wanted) {
            Some(field) => check_counter(field, reporter),
            None => reporter.error(
                &paged_path,
                format!("`paged: true` but the reply has no `{wanted}` field"),
                "add the paging counters to `reply.fields`, or remove `paged`",
            ),
        }
    }
    let data_is_list = endpoint
        .data
        .as_ref()
        .is_some_and(|data| matches!(data.ty, TypeRef::List(_)));
    let data_unresolved = endpoint
        .data
        .as_ref()
        .is_some_and(|data| data.ty == TypeRef::Scalar(Scalar::Json));
    if !data_is_list && !data_unresolved {
        reporter.error(
            &paged_path,
            "`paged: true` but `reply.data` is not a `list<…>`",
            "a page holds a list: make `data` a `list<T>`, or remove `paged`",
        );
    }
}
