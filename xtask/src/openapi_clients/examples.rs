//! What every client is asked to decode: each operation's documented request and reply
//! example, read from the document (so that the clients are judged on exactly what it says),
//! and replies carrying an enum code the document does not list, made from the spec's model.

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde_json::Value;

use spec::model::{Api, EnumCode, TypeKind, TypeRef};

/// Whether an example is a request body or a reply body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A documented request body.
    Request,
    /// A documented reply, envelope included.
    Reply,
    /// A documented reply with one enum code replaced by one the document does not list.
    UnknownCode,
}

/// One body to decode with the component the document gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// Unique, readable: `couponList reply`.
    pub id: String,
    /// The component the body's schema refers to (`CouponListReply`).
    pub component: String,
    /// The body as JSON text.
    pub json: String,
    #[serde(skip)]
    pub kind: Kind,
    /// For [`Kind::UnknownCode`]: where the unknown code is, and the code.
    #[serde(skip)]
    pub unknown: Option<(Vec<Step>, Value)>,
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object member.
    Member(String),
    /// An array element.
    Index(usize),
}

/// The value at `path`, if there is one.
pub fn at<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Member(name) => value.get(name),
        Step::Index(index) => value.get(index),
    })
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Member(name) => value.get_mut(name),
        Step::Index(index) => value.get_mut(index),
    })
}

/// A path as `data[0].status`.
pub fn display(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Member(name) if text.is_empty() => text.push_str(name),
            Step::Member(name) => {
                text.push('.');
                text.push_str(name);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// Every operation's request and reply example, in document order.
///
/// # Errors
/// When an operation lacks a body `$ref` or an example.
pub fn documented(document: &Value) -> Result<Vec<Example>> {
    let paths = document["paths"]
        .as_object()
        .context("the document has no paths")?;
    let mut examples = Vec::new();
    for item in paths.values() {
        let operation = &item["post"];
        let id = operation["operationId"]
            .as_str()
            .context("an operation has no operationId")?;
        let bodies = [
            (Kind::Request, &operation["requestBody"]["content"]),
            (Kind::Reply, &operation["responses"]["200"]["content"]),
        ];
        for (kind, content) in bodies {
            let media = &content["application/json"];
            let component = media["schema"]["$ref"]
                .as_str()
                .and_then(|target| target.strip_prefix("#/components/schemas/"))
                .with_context(|| format!("`{id}`: a body schema is not a component $ref"))?;
            let Some(example) = media.get("example") else {
                bail!("`{id}`: a body has no example");
            };
            let word = if kind == Kind::Request {
                "request"
            } else {
                "reply"
            };
            examples.push(Example {
                id: format!("{id} {word}"),
                component: component.to_owned(),
                json: example.to_string(),
                kind,
                unknown: None,
            });
        }
    }
    Ok(examples)
}

/// Replies with an unknown enum code: the first documented replies, in spec order, that hold a
/// coded enum, one per enum, `count` of them. The code is one past the largest listed (or
/// `unknown_code` for string codes), written in the form the example writes the code in.
pub fn unknown_codes(api: &Api, documented: &[Example], count: usize) -> Vec<Example> {
    let mut found = Vec::new();
    let mut enums_used: Vec<String> = Vec::new();
    for endpoint in &api.endpoints {
        if found.len() == count {
            break;
        }
        let Some(reply) = documented
            .iter()
            .find(|e| e.kind == Kind::Reply && e.id == format!("{} reply", endpoint.name))
        else {
            continue;
        };
        let fields = endpoint.reply.data.iter().chain(&endpoint.reply.fields);
        let mut hit = None;
        for field in fields {
            let path = vec![Step::Member(field.wire_name.clone())];
            if let Some(value) = endpoint.reply_example.get(&field.wire_name) {
                hit = first_enum(api, &field.ty, value, path, &enums_used);
            }
            if hit.is_some() {
                break;
            }
        }
        let Some((path, enum_name, unknown)) = hit else {
            continue;
        };
        let mut body = endpoint.reply_example.clone();
        if let Some(slot) = at_mut(&mut body, &path) {
            *slot = unknown.clone();
        }
        found.push(Example {
            id: format!(
                "{} reply, `{}` = {unknown} (not a code of `{enum_name}`)",
                endpoint.name,
                display(&path)
            ),
            component: reply.component.clone(),
            json: body.to_string(),
            kind: Kind::UnknownCode,
            unknown: Some((path, unknown)),
        });
        enums_used.push(enum_name);
    }
    found
}

/// The first coded-enum value inside `value` (typed `ty`) whose enum is not in `skip`: its
/// path, the enum's name, and an unknown code in the value's own JSON form.
fn first_enum(
    api: &Api,
    ty: &TypeRef,
    value: &Value,
    path: Vec<Step>,
    skip: &[String],
) -> Option<(Vec<Step>, String, Value)> {
    match ty {
        TypeRef::Scalar(_) => None,
        TypeRef::List(items) => value.as_array()?.iter().enumerate().find_map(|(i, v)| {
            let mut path = path.clone();
            path.push(Step::Index(i));
            first_enum(api, items, v, path, skip)
        }),
        TypeRef::Map(values) => value.as_object()?.iter().find_map(|(k, v)| {
            let mut path = path.clone();
            path.push(Step::Member(k.clone()));
            first_enum(api, values, v, path, skip)
        }),
        TypeRef::Named(name) => match &api.named_type(name)?.kind {
            TypeKind::Object { fields } => fields.iter().find_map(|field| {
                let mut path = path.clone();
                path.push(Step::Member(field.wire_name.clone()));
                first_enum(api, &field.ty, value.get(&field.wire_name)?, path, skip)
            }),
            TypeKind::Enum { values, .. } if !skip.contains(name) && !value.is_null() => {
                let largest = values
                    .iter()
                    .filter_map(|v| match v.code {
                        EnumCode::Integer(code) => Some(code),
                        EnumCode::String(_) => None,
                    })
                    .max();
                let unknown = match (largest, value) {
                    (Some(largest), Value::String(_)) => Value::from((largest + 1).to_string()),
                    (Some(largest), _) => Value::from(largest + 1),
                    (None, _) => Value::from("unknown_code"),
                };
                Some((path, name.clone(), unknown))
            }
            TypeKind::Enum { .. } => None,
        },
    }
}
