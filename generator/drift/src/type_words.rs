//! Whether a documented type word (`int`, `string`, `decimal`, `array`) fits a spec type.
//!
//! The docs know four words; the spec knows far more (flags, timestamps, coded enums, named
//! objects, wire encodings). A spec type *fits* a word when it is one of the things the word
//! can mean on the wire; anything else is a departure the spec must explain. Which words
//! describe which scalar is [`spec::scalar::Scalar::docs_kind`]'s to say.

use spec::model::{Api, Field, TypeKind, TypeRef, Wire};
use spec::scalar::{DocsKind, Encoding};

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
    /// A scalar or a coded enum.
    Value(DocsKind),
    List,
    Map,
    Object,
}

pub(crate) fn judge(word: &str, field: &Field, api: &Api) -> Verdict {
    let shape = shape(&field.ty, api);
    let numeric = matches!(
        shape,
        Shape::Value(DocsKind::WholeNumber | DocsKind::Decimal)
    );
    let word = word.to_ascii_lowercase();
    let named = |kind: DocsKind| kind.words().contains(&word.as_str());
    match shape {
        // `int` promises a JSON number; `decimal` names an amount however it is written.
        Shape::Value(DocsKind::WholeNumber) if named(DocsKind::WholeNumber) => {
            if field.wire == Wire::String {
                Verdict::WireDiffers
            } else {
                Verdict::Fits
            }
        }
        Shape::Value(kind) if named(kind) => Verdict::Fits,
        // Numbers the docs call `string` are sent as numeric strings.
        _ if numeric && named(DocsKind::Text) => match field.wire {
            Wire::String => Verdict::Fits,
            Wire::Either => Verdict::WireDiffers,
            Wire::Number => Verdict::TypeDiffers,
        },
        Shape::List | Shape::Map if word == "array" => Verdict::Fits,
        _ => Verdict::TypeDiffers,
    }
}

fn shape(ty: &TypeRef, api: &Api) -> Shape {
    match ty {
        TypeRef::Scalar(scalar) => Shape::Value(scalar.docs_kind()),
        TypeRef::List(_) => Shape::List,
        TypeRef::Map(_) => Shape::Map,
        TypeRef::Named(name) => match api.named_type(name).map(|t| &t.kind) {
            Some(TypeKind::Enum { code, .. }) => Shape::Value(code.scalar().docs_kind()),
            Some(TypeKind::Object { .. }) => Shape::Object,
            None => Shape::Value(DocsKind::Any),
        },
    }
}

/// The type as the spec writes it, with its wire encoding where that is not the default.
pub(crate) fn spec_type_text(field: &Field, api: &Api) -> String {
    let expression = field.ty.expression();
    match innermost_encoding(&field.ty, api) {
        Encoding::Any => expression,
        encoding if field.wire == Wire::default_for(encoding) => expression,
        _ => format!("{expression} (wire `{}`)", field.wire.keyword()),
    }
}

/// How the innermost scalar or coded enum may be written (`Any`: `wire` does not apply).
fn innermost_encoding(ty: &TypeRef, api: &Api) -> Encoding {
    match ty.innermost() {
        TypeRef::Scalar(scalar) => scalar.encoding(),
        TypeRef::Named(name) => match api.named_type(name).map(|t| &t.kind) {
            Some(TypeKind::Enum { code, .. }) => code.scalar().encoding(),
            _ => Encoding::Any,
        },
        TypeRef::List(_) | TypeRef::Map(_) => Encoding::Any,
    }
}
