//! Whether a documented type word (`int`, `string`, `decimal`, `array`) fits a spec type.
//!
//! The docs know four words; the spec knows far more (flags, timestamps, coded enums, named
//! objects, wire encodings). A spec type *fits* a word when it is one of the things the word
//! can mean on the wire; anything else is a departure the spec must explain.

use crate::model::{Api, CodeKind, Field, Scalar, TypeKind, TypeRef, Wire};

/// How a spec field stands against the docs' type word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Fits,
    /// The type fits the word but its wire encoding does not (an `int` sent as a string).
    WireDiffers,
    TypeDiffers,
}

/// What a type is on the wire, as far as the docs' words can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `integer`, `flag`, `unixtime`, an integer-coded enum.
    WholeNumber,
    Decimal,
    /// `string`, `datetime`, a string-coded enum.
    Text,
    List,
    Map,
    Object,
    Json,
}

pub(crate) fn judge(word: &str, field: &Field, api: &Api) -> Verdict {
    let shape = shape(&field.ty, api);
    let numeric = matches!(shape, Shape::WholeNumber | Shape::Decimal);
    match word.to_ascii_lowercase().as_str() {
        "int" | "integer" => match shape {
            Shape::WholeNumber if field.wire == Wire::String => Verdict::WireDiffers,
            Shape::WholeNumber => Verdict::Fits,
            _ => Verdict::TypeDiffers,
        },
        "string" => match shape {
            Shape::Text => Verdict::Fits,
            _ if numeric && field.wire == Wire::String => Verdict::Fits,
            _ if numeric && field.wire == Wire::Either => Verdict::WireDiffers,
            _ => Verdict::TypeDiffers,
        },
        "decimal" if shape == Shape::Decimal => Verdict::Fits,
        "array" if matches!(shape, Shape::List | Shape::Map) => Verdict::Fits,
        _ => Verdict::TypeDiffers,
    }
}

fn shape(ty: &TypeRef, api: &Api) -> Shape {
    match ty {
        TypeRef::Scalar(Scalar::Integer | Scalar::Flag | Scalar::UnixTime) => Shape::WholeNumber,
        TypeRef::Scalar(Scalar::Decimal) => Shape::Decimal,
        TypeRef::Scalar(Scalar::String | Scalar::DateTime) => Shape::Text,
        TypeRef::Scalar(Scalar::Json) => Shape::Json,
        TypeRef::List(_) => Shape::List,
        TypeRef::Map(_) => Shape::Map,
        TypeRef::Named(name) => match api.named_type(name).map(|t| &t.kind) {
            Some(TypeKind::Enum {
                code: CodeKind::Integer,
                ..
            }) => Shape::WholeNumber,
            Some(TypeKind::Enum {
                code: CodeKind::String,
                ..
            }) => Shape::Text,
            Some(TypeKind::Object { .. }) => Shape::Object,
            None => Shape::Json,
        },
    }
}

/// The type as the spec writes it, with its wire encoding where that is not the default.
pub(crate) fn spec_type_text(field: &Field, api: &Api) -> String {
    let expression = field.ty.expression();
    let default_wire = match shape(&field.ty, api) {
        Shape::Text => Wire::String,
        _ => Wire::Number,
    };
    if field.wire == default_wire || !innermost_is_scalar(&field.ty, api) {
        expression
    } else {
        let wire = match field.wire {
            Wire::Number => "number",
            Wire::String => "string",
            Wire::Either => "either",
        };
        format!("{expression} (wire `{wire}`)")
    }
}

fn innermost_is_scalar(ty: &TypeRef, api: &Api) -> bool {
    match ty {
        TypeRef::Scalar(Scalar::Json) => false,
        TypeRef::Scalar(_) => true,
        TypeRef::List(inner) | TypeRef::Map(inner) => innermost_is_scalar(inner, api),
        TypeRef::Named(name) => matches!(
            api.named_type(name).map(|t| &t.kind),
            Some(TypeKind::Enum { .. })
        ),
    }
}
