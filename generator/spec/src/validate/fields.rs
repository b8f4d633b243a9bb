//! Resolves one field: its type expression, its wire encoding, its `rust_name` and its example.

use indexmap::IndexMap;

use super::checked::CheckedField;
use super::shapes::{Shape, Shapes};
use super::type_expr;
use crate::diagnostics::Reporter;
use crate::format::RawField;
use crate::names::rust as names;
use crate::scalar::{Encoding, Scalar, Wire};
use crate::source_map::child;
use crate::type_ref::TypeRef;

/// Every field of a map of fields, in spec order.
pub(crate) fn check_all(
    fields: &IndexMap<String, RawField>,
    path: &str,
    shapes: &Shapes,
    reporter: &mut Reporter<'_>,
) -> IndexMap<String, CheckedField> {
    fields
        .iter()
        .map(|(wire_name, raw)| {
            (
                wire_name.clone(),
                check(wire_name, raw, &child(path, wire_name), shapes, reporter),
            )
        })
        .collect()
}

/// One field at `path`. A type that does not resolve is reported and replaced by `json`,
/// which conforms to anything, so that it causes no further errors.
pub(crate) fn check(
    wire_name: &str,
    raw: &RawField,
    path: &str,
    shapes: &Shapes,
    reporter: &mut Reporter<'_>,
) -> CheckedField {
    let type_path = child(path, "type");
    let mut resolved = true;
    let ty = match type_expr::parse(&raw.ty) {
        Ok(ty) => resolve_names(ty, &type_path, shapes, &mut resolved, reporter),
        Err(error) => {
            reporter.error(&type_path, error.message, error.hint);
            resolved = false;
            TypeRef::Scalar(Scalar::Json)
        }
    };
    // `wire` is judged against the type only when the type is known.
    let written_wire = if resolved { raw.wire.as_deref() } else { None };
    let wire = wire(written_wire, &ty, shapes, &child(path, "wire"), reporter);
    if let Some(rust_name) = &raw.rust_name {
        check_rust_name(rust_name, &child(path, "rust_name"), reporter);
    }
    if raw.secret && resolved && ty != TypeRef::Scalar(Scalar::String) {
        reporter.error(
            &child(path, "secret"),
            format!(
                "`secret: true` on a field of type `{}`; only a `string` can be a credential",
                raw.ty
            ),
            "mark only passwords and tokens, which are strings, as secret",
        );
    }
    let example = raw
        .example
        .as_ref()
        .and_then(|value| match serde_json::to_value(value) {
            Ok(json) => Some(json),
            Err(error) => {
                reporter.error(
                    &child(path, "example"),
                    format!("the example cannot be written as JSON: {error}"),
                    "write the example as plain YAML scalars, lists and string-keyed mappings",
                );
                None
            }
        });
    CheckedField {
        wire_name: wire_name.to_owned(),
        raw: raw.clone(),
        ty,
        wire,
        example,
        path: path.to_owned(),
    }
}

/// Replaces each named type that is not usable by `json`, reporting the undefined ones and
/// clearing `resolved`.
fn resolve_names(
    ty: TypeRef,
    path: &str,
    shapes: &Shapes,
    resolved: &mut bool,
    reporter: &mut Reporter<'_>,
) -> TypeRef {
    match ty {
        TypeRef::Named(name) => match shapes.get(&name) {
            Some(Shape::Object | Shape::Enum(_)) => TypeRef::Named(name),
            // The type's own definition is wrong and reported there.
            Some(Shape::Broken) => {
                *resolved = false;
                TypeRef::Scalar(Scalar::Json)
            }
            None => {
                *resolved = false;
                let hint = match shapes.similar(&name) {
                    Some(similar) => format!("did you mean `{similar}`?"),
                    None => "define it under `types`, or correct the name".to_owned(),
                };
                reporter.error(path, format!("undefined type `{name}`"), hint);
                TypeRef::Scalar(Scalar::Json)
            }
        },
        TypeRef::List(inner) => TypeRef::List(Box::new(resolve_names(
            *inner, path, shapes, resolved, reporter,
        ))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(resolve_names(
            *inner, path, shapes, resolved, reporter,
        ))),
        scalar @ TypeRef::Scalar(_) => scalar,
    }
}

/// How the innermost type of a field may be written, and how messages name it.
fn encoding(ty: &TypeRef, shapes: &Shapes) -> (Encoding, String) {
    match ty.innermost() {
        TypeRef::Scalar(scalar) => (scalar.encoding(), format!("`{}`", scalar.keyword())),
        TypeRef::Named(name) => match shapes.get(name) {
            Some(Shape::Enum(code)) => (
                code.scalar().encoding(),
                format!("the {}-coded enum `{name}`", code.keyword()),
            ),
            _ => (Encoding::Any, format!("the object type `{name}`")),
        },
        // `innermost` never stops at a container.
        TypeRef::List(_) | TypeRef::Map(_) => (Encoding::Any, "a container".to_owned()),
    }
}

/// The field's wire encoding: as written if allowed, else the type's default.
fn wire(
    written: Option<&str>,
    ty: &TypeRef,
    shapes: &Shapes,
    path: &str,
    reporter: &mut Reporter<'_>,
) -> Wire {
    let (encoding, what) = encoding(ty, shapes);
    let default = Wire::default_for(encoding);
    let Some(written) = written else {
        return default;
    };
    let Some(wanted) = Wire::from_keyword(written) else {
        reporter.error(
            path,
            format!("unknown wire `{written}`"),
            "use `number`, `string` or `either`",
        );
        // The most lenient encoding the type allows, so that examples are not blamed for it.
        return if encoding == Encoding::Numeric {
            Wire::Either
        } else {
            default
        };
    };
    match (encoding, wanted) {
        (Encoding::Any, _) => {
            reporter.error(
                path,
                format!("`wire` does not apply to {what}"),
                "remove `wire`: it describes how a scalar is written, and the scalars inside an object have their own",
            );
            default
        }
        (Encoding::Text, Wire::Number | Wire::Either) => {
            reporter.error(
                path,
                format!("`wire: {written}` on {what}, which is always a JSON string"),
                "remove `wire`; `number` and `either` are for integer, decimal, flag, unixtime and integer-coded enums",
            );
            default
        }
        _ => wanted,
    }
}

fn check_rust_name(rust_name: &str, path: &str, reporter: &mut Reporter<'_>) {
    if !names::is_plain_identifier(rust_name) {
        let hint = if names::is_keyword(rust_name) {
            format!(
                "`{rust_name}` is a Rust keyword; leave `rust_name` out and the generator writes `{rust_name}_`"
            )
        } else {
            "use ASCII letters, digits and `_`, not starting with a digit".to_owned()
        };
        reporter.error(
            path,
            format!("`rust_name: {rust_name}` is not a valid Rust identifier"),
            hint,
        );
    } else if names::snake(rust_name) != rust_name {
        reporter.error(
            path,
            format!("`rust_name: {rust_name}` is not snake_case"),
            format!("write `{}`", names::snake(rust_name)),
        );
    }
}
