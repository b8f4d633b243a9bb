//! Documented examples and field `example`s against the declared types.

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::checked::{CheckedEndpoint, CheckedField, CheckedKind, CheckedType};
use super::conformance::{Codes, Conformance, Mismatch, MismatchKind};
use crate::diagnostics::Reporter;
use crate::format::RawInfo;
use crate::source_map::child;

pub(crate) fn check_endpoint(
    name: &str,
    endpoint: &CheckedEndpoint,
    info: &RawInfo,
    types: &IndexMap<String, CheckedType>,
    reporter: &mut Reporter<'_>,
) {
    let examples_path = child(&child("endpoints", name), "examples");
    if let Some(example) = &endpoint.request_example {
        let mismatches = request(example, endpoint, info, types);
        report(
            &child(&examples_path, "request"),
            "request example",
            mismatches,
            reporter,
        );
    }
    if let Some(example) = &endpoint.reply_example {
        let mismatches = reply(example, endpoint, info, types);
        report(
            &child(&examples_path, "reply"),
            "reply example",
            mismatches,
            reporter,
        );
    }
}

/// The fields' own `example`s, of object types and of endpoints.
pub(crate) fn check_field_examples<'f>(
    fields: impl IntoIterator<Item = &'f CheckedField>,
    types: &IndexMap<String, CheckedType>,
    reporter: &mut Reporter<'_>,
) {
    let conformance = Conformance {
        types,
        codes: Codes::Listed,
    };
    for field in fields {
        if let Some(example) = &field.example {
            let mut mismatches = Vec::new();
            conformance.value(example, field.into(), "", &mut mismatches);
            report(
                &child(&field.path, "example"),
                "example",
                mismatches,
                reporter,
            );
        }
    }
}

/// Every field of every object type and endpoint.
pub(crate) fn all_fields<'a>(
    types: &'a IndexMap<String, CheckedType>,
    endpoints: &'a IndexMap<String, CheckedEndpoint>,
) -> impl Iterator<Item = &'a CheckedField> {
    let of_types = types.values().flat_map(|t| match &t.kind {
        CheckedKind::Object(fields) => fields.values().collect::<Vec<_>>(),
        CheckedKind::Enum { .. } => Vec::new(),
    });
    let of_endpoints = endpoints.values().flat_map(|e| {
        e.request
            .values()
            .chain(e.data.as_ref())
            .chain(e.reply_fields.values())
    });
    of_types.chain(of_endpoints)
}

/// A request example holds the request fields, plus the token when the endpoint takes one
/// (the docs show it in every example of such an endpoint).
fn request(
    example: &Json,
    endpoint: &CheckedEndpoint,
    info: &RawInfo,
    types: &IndexMap<String, CheckedType>,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let Json::Object(members) = example else {
        out.push(Mismatch::new(
            MismatchKind::Wrong,
            "the example is not a JSON object".to_owned(),
        ));
        return out;
    };
    let conformance = Conformance {
        types,
        codes: Codes::Listed,
    };
    let token = &info.token_field;
    for (key, member) in members {
        if key == token && endpoint.raw.token {
            if !member.is_string() {
                out.push(Mismatch::new(
                    MismatchKind::Wrong,
                    format!("the token `{key}` is not a string"),
                ));
            }
            continue;
        }
        match endpoint.request.get(key) {
            Some(field) => conformance.value(member, field.into(), key, &mut out),
            None if key == token => out.push(Mismatch::new(
                MismatchKind::Unlisted,
                format!("the example sends the token `{key}`, but the endpoint has `token: false`"),
            )),
            None => out.push(Mismatch::new(
                MismatchKind::Unlisted,
                format!("`{key}` is not a request field the spec lists"),
            )),
        }
    }
    if endpoint.raw.token && !members.contains_key(token) {
        out.push(Mismatch::new(
            MismatchKind::MissingToken,
            format!(
                "the endpoint has `token: true`, but the example lacks the token field `{token}`"
            ),
        ));
    }
    conformance.required_present(members, &endpoint.request, "", &mut out);
    out
}

/// A reply example is the envelope with the success code, a message, `data` as declared and
/// the reply fields. Unlisted enum codes pass: the client keeps codes it does not know.
fn reply(
    example: &Json,
    endpoint: &CheckedEndpoint,
    info: &RawInfo,
    types: &IndexMap<String, CheckedType>,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let Json::Object(members) = example else {
        out.push(Mismatch::new(
            MismatchKind::Wrong,
            "the example is not a JSON object".to_owned(),
        ));
        return out;
    };
    let envelope = &info.envelope;
    let conformance = Conformance {
        types,
        codes: Codes::AnyOfTheRightType,
    };
    match members.get(&envelope.code_field) {
        Some(code) if code.as_i64() == Some(envelope.success_code) => {}
        Some(code) => out.push(Mismatch::new(
            MismatchKind::Wrong,
            format!(
                "`{}` is {code}, not the success code {}",
                envelope.code_field, envelope.success_code
            ),
        )),
        None => out.push(Mismatch::new(
            MismatchKind::Missing,
            format!("the envelope's `{}` is missing", envelope.code_field),
        )),
    }
    match members.get(&envelope.message_field) {
        Some(Json::String(_)) => {}
        Some(_) => out.push(Mismatch::new(
            MismatchKind::Wrong,
            format!("`{}` is not a string", envelope.message_field),
        )),
        None => out.push(Mismatch::new(
            MismatchKind::Missing,
            format!("the envelope's `{}` is missing", envelope.message_field),
        )),
    }
    for (key, member) in members {
        if *key == envelope.code_field || *key == envelope.message_field {
            continue;
        }
        if *key == envelope.data_field {
            match &endpoint.data {
                Some(data) => conformance.value(member, data.into(), key, &mut out),
                None => out.push(Mismatch::new(
                    MismatchKind::Unlisted,
                    format!("the example has `{key}`, but `reply` declares no `data`"),
                )),
            }
            continue;
        }
        match endpoint.reply_fields.get(key) {
            Some(field) => conformance.value(member, field.into(), key, &mut out),
            None => out.push(Mismatch::new(
                MismatchKind::Unlisted,
                format!("`{key}` is not a reply field the spec lists"),
            )),
        }
    }
    let data_required = endpoint.data.as_ref().is_some_and(|data| data.raw.required);
    if data_required && !members.contains_key(&envelope.data_field) {
        out.push(Mismatch::new(
            MismatchKind::Missing,
            format!("the required `{}` is missing", envelope.data_field),
        ));
    }
    conformance.required_present(members, &endpoint.reply_fields, "", &mut out);
    out
}

fn report(path: &str, what: &str, mismatches: Vec<Mismatch>, reporter: &mut Reporter<'_>) {
    for mismatch in mismatches {
        let hint = match mismatch.kind {
            MismatchKind::Unlisted => {
                "list the field in the spec: every field a documented example shows belongs in it"
            }
            MismatchKind::Missing => {
                "add it to the example, or make the field optional (a `required` departure excuses a documented example that omits it)"
            }
            MismatchKind::MissingToken => {
                "add the token to the example: request examples show the token, as the docs do"
            }
            MismatchKind::Wrong => {
                "correct the example (recording a change to a documented one as a departure), or the field's `type` or `wire`"
            }
            MismatchKind::OutOfRange => {
                "correct the example; if the API's values really are this large, the field is `type: string`"
            }
        };
        reporter.error(path, format!("{what}: {}", mismatch.message), hint);
    }
}
