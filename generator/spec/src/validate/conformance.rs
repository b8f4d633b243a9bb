//! Whether a JSON value (a documented example, or a field's `example`) conforms to the
//! declared types, wire encodings, required-ness and nullability.

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::checked::{CheckedEnumValue, CheckedField, CheckedKind, CheckedType};
use crate::format::DepartureKind;
use crate::scalar::{Encoding, Scalar, Wire};
use crate::type_ref::{CodeKind, EnumCode, TypeRef};

/// How strictly enum codes are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codes {
    /// Requests and the spec's own `example`s: the spec chose the value, so it must be a listed code.
    Listed,
    /// Reply examples: the server may send codes the spec does not list, and the client keeps them.
    AnyOfTheRightType,
}

/// One way a value does not conform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub(crate) kind: MismatchKind,
    pub(crate) message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MismatchKind {
    /// A member the spec does not list.
    Unlisted,
    /// A required member that is absent.
    Missing,
    /// The token, absent from the request example of an endpoint that takes one.
    MissingToken,
    /// A value of the wrong JSON type, encoding or code.
    Wrong,
    /// A value of the right form that the client's type cannot hold.
    OutOfRange,
}

impl Mismatch {
    pub(crate) fn new(kind: MismatchKind, message: String) -> Self {
        Self { kind, message }
    }
}

pub(crate) struct Conformance<'a> {
    pub(crate) types: &'a IndexMap<String, CheckedType>,
    pub(crate) codes: Codes,
}

/// The part of a field that a value must conform to.
#[derive(Clone, Copy)]
pub(crate) struct Expected<'f> {
    pub(crate) ty: &'f TypeRef,
    pub(crate) wire: Wire,
    pub(crate) nullable: bool,
}

impl<'f> From<&'f CheckedField> for Expected<'f> {
    fn from(field: &'f CheckedField) -> Self {
        Self {
            ty: &field.ty,
            wire: field.wire,
            nullable: field.raw.nullable,
        }
    }
}

impl Conformance<'_> {
    pub(crate) fn value(
        &self,
        value: &Json,
        expected: Expected<'_>,
        at: &str,
        out: &mut Vec<Mismatch>,
    ) {
        if value.is_null() {
            if !expected.nullable && *expected.ty != TypeRef::Scalar(Scalar::Json) {
                out.push(wrong_value(format!(
                    "{} is null, but the field is not `nullable`",
                    subject(at)
                )));
            }
            return;
        }
        // Nullability applies to the field's own value, not to the items inside a list or map.
        let inner = |ty| Expected {
            ty,
            wire: expected.wire,
            nullable: false,
        };
        match expected.ty {
            TypeRef::Scalar(scalar) => self.scalar(value, *scalar, expected.wire, at, out),
            TypeRef::List(item) => match value {
                Json::Array(items) => {
                    for (index, each) in items.iter().enumerate() {
                        self.value(each, inner(item), &format!("{at}[{index}]"), out);
                    }
                }
                other => out.push(wrong(at, other, "a list")),
            },
            TypeRef::Map(item) => match value {
                Json::Object(entries) => {
                    for (key, each) in entries {
                        self.value(each, inner(item), &json_child(at, key), out);
                    }
                }
                other => out.push(wrong(at, other, "a JSON object (map)")),
            },
            TypeRef::Named(name) => match self.types.get(name).map(|t| &t.kind) {
                Some(CheckedKind::Object(fields)) => self.object(value, fields, at, out),
                Some(CheckedKind::Enum { code, values }) => {
                    let enumeration = Enumeration {
                        name,
                        kind: *code,
                        values,
                    };
                    self.enum_code(value, enumeration, expected.wire, at, out);
                }
                // Unresolved names were replaced by `json` during field checks.
                None => {}
            },
        }
    }

    /// An object against its fields: every key known, every required field present (unless a
    /// `required` departure records that the docs' example leaves it out), every value conforming.
    pub(crate) fn object(
        &self,
        value: &Json,
        fields: &IndexMap<String, CheckedField>,
        at: &str,
        out: &mut Vec<Mismatch>,
    ) {
        let Json::Object(members) = value else {
            out.push(wrong(at, value, "a JSON object"));
            return;
        };
        for (key, member) in members {
            let member_at = json_child(at, key);
            match fields.get(key) {
                Some(field) => self.value(member, field.into(), &member_at, out),
                None => out.push(Mismatch::new(
                    MismatchKind::Unlisted,
                    format!("`{member_at}` is not a field the spec lists"),
                )),
            }
        }
        self.required_present(members, fields, at, out);
    }

    pub(crate) fn required_present(
        &self,
        members: &serde_json::Map<String, Json>,
        fields: &IndexMap<String, CheckedField>,
        at: &str,
        out: &mut Vec<Mismatch>,
    ) {
        for (wire_name, field) in fields {
            let excused = field
                .raw
                .departures
                .iter()
                .any(|d| d.kind == DepartureKind::Required);
            if field.raw.required && !excused && !members.contains_key(wire_name) {
                let member_at = json_child(at, wire_name);
                out.push(Mismatch::new(
                    MismatchKind::Missing,
                    format!("the required field `{member_at}` is missing"),
                ));
            }
        }
    }

    fn scalar(&self, value: &Json, scalar: Scalar, wire: Wire, at: &str, out: &mut Vec<Mismatch>) {
        if let Some(range) = scalar.out_of_range(value, wire) {
            out.push(out_of_range(
                at,
                value,
                &format!("`{}`", scalar.keyword()),
                range,
            ));
        } else if !scalar.accepts(value, wire) {
            out.push(wrong(
                at,
                value,
                &expectation(&format!("`{}`", scalar.keyword()), scalar, wire),
            ));
        }
    }

    fn enum_code(
        &self,
        value: &Json,
        enumeration: Enumeration<'_>,
        wire: Wire,
        at: &str,
        out: &mut Vec<Mismatch>,
    ) {
        let Enumeration { name, kind, values } = enumeration;
        let code = kind
            .scalar()
            .accepts(value, wire)
            .then(|| match (kind, value) {
                (CodeKind::String, Json::String(text)) => Some(EnumCode::String(text.clone())),
                (CodeKind::Integer, Json::Number(number)) => number.as_i64().map(EnumCode::Integer),
                (CodeKind::Integer, Json::String(text)) => text.parse().ok().map(EnumCode::Integer),
                _ => None,
            })
            .flatten();
        if let Some(range) = kind.scalar().out_of_range(value, wire) {
            out.push(out_of_range(
                at,
                value,
                &format!("a code of `{name}`"),
                range,
            ));
            return;
        }
        let Some(code) = code else {
            out.push(wrong(
                at,
                value,
                &expectation(&format!("a code of `{name}`"), kind.scalar(), wire),
            ));
            return;
        };
        if self.codes == Codes::Listed && !values.iter().any(|listed| listed.code == code) {
            let listed: Vec<String> = values.iter().map(|listed| listed.code.shown()).collect();
            out.push(wrong_value(format!(
                "{} is {}, which is not a code of `{name}` ({})",
                subject(at),
                code.shown(),
                listed.join(", ")
            )));
        }
    }
}

struct Enumeration<'a> {
    name: &'a str,
    kind: CodeKind,
    values: &'a [CheckedEnumValue],
}

fn expectation(what: &str, scalar: Scalar, wire: Wire) -> String {
    match wire {
        _ if scalar.encoding() == Encoding::Text => format!("{what}, a JSON string"),
        Wire::Number => format!("{what} written as a JSON number (wire `number`)"),
        Wire::String => format!("{what} written as a JSON string (wire `string`)"),
        Wire::Either => format!("{what} written as a number or a numeric string (wire `either`)"),
    }
}

fn wrong(at: &str, value: &Json, expected: &str) -> Mismatch {
    wrong_value(format!(
        "{} is {}, but the spec says {expected}",
        subject(at),
        show(value)
    ))
}

fn out_of_range(at: &str, value: &Json, what: &str, range: &str) -> Mismatch {
    Mismatch::new(
        MismatchKind::OutOfRange,
        format!(
            "{} is {}, out of range for {what}: the client holds {range}",
            subject(at),
            show(value)
        ),
    )
}

fn wrong_value(message: String) -> Mismatch {
    Mismatch::new(MismatchKind::Wrong, message)
}

fn subject(at: &str) -> String {
    if at.is_empty() {
        "the value".to_owned()
    } else {
        format!("`{at}`")
    }
}

pub(crate) fn json_child(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

/// A short rendering of a JSON value and its kind.
fn show(value: &Json) -> String {
    let kind = match value {
        Json::Null => return "null".to_owned(),
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => return "a list".to_owned(),
        Json::Object(_) => return "an object".to_owned(),
    };
    let mut text = value.to_string();
    if text.chars().count() > 40 {
        text = text.chars().take(37).collect::<String>() + "...";
    }
    format!("{text} ({kind})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(value: Json, ty: TypeRef, wire: Wire) -> Vec<String> {
        let types = IndexMap::new();
        let conformance = Conformance {
            types: &types,
            codes: Codes::Listed,
        };
        let mut out = Vec::new();
        conformance.value(
            &value,
            Expected {
                ty: &ty,
                wire,
                nullable: false,
            },
            "x",
            &mut out,
        );
        out.into_iter().map(|m| m.message).collect()
    }

    const INTEGER: TypeRef = TypeRef::Scalar(Scalar::Integer);

    #[test]
    fn follows_the_wire_encoding() {
        assert!(check(json!(5), INTEGER, Wire::Number).is_empty());
        assert!(check(json!("5"), INTEGER, Wire::String).is_empty());
        assert!(check(json!("5"), INTEGER, Wire::Either).is_empty());
        assert!(check(json!(5), INTEGER, Wire::Either).is_empty());
        assert_eq!(
            check(json!("5"), INTEGER, Wire::Number),
            [
                "`x` is \"5\" (a string), but the spec says `integer` written as a JSON number (wire `number`)"
            ]
        );
        assert_eq!(check(json!(5), INTEGER, Wire::String).len(), 1);
        assert_eq!(check(json!("5a"), INTEGER, Wire::Either).len(), 1);
        assert_eq!(check(json!(1.5), INTEGER, Wire::Number).len(), 1);
    }

    #[test]
    fn checks_decimals_flags_and_strings() {
        let decimal = TypeRef::Scalar(Scalar::Decimal);
        assert!(check(json!("29122.0219"), decimal.clone(), Wire::String).is_empty());
        assert_eq!(check(json!("1,5"), decimal, Wire::String).len(), 1);
        let flag = TypeRef::Scalar(Scalar::Flag);
        assert!(check(json!(1), flag.clone(), Wire::Number).is_empty());
        assert_eq!(check(json!(2), flag, Wire::Number).len(), 1);
        assert_eq!(
            check(json!(3), TypeRef::Scalar(Scalar::String), Wire::String).len(),
            1
        );
    }

    #[test]
    fn checks_containers_and_null() {
        let list = TypeRef::List(Box::new(INTEGER));
        assert_eq!(
            check(json!([1, "2", 3]), list.clone(), Wire::Number),
            [
                "`x[1]` is \"2\" (a string), but the spec says `integer` written as a JSON number (wire `number`)"
            ]
        );
        assert_eq!(
            check(json!(null), list, Wire::Number),
            ["`x` is null, but the field is not `nullable`"]
        );
        let map = TypeRef::Map(Box::new(INTEGER));
        assert_eq!(check(json!({"a": 1, "b": "x"}), map, Wire::Number).len(), 1);
    }
}
