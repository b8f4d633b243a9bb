//! Request fields from the docs' type words, adjusted where the docs' own example
//! contradicts them: the spec's examples must conform to its types.

use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use super::write::{departure, is_scalar, json_to_yaml, push_departure, todo, todo_translate};
use spec::format::DepartureKind;
use spec::scalar::{DocsKind, Scalar, Wire, is_decimal_text, is_integer_text};
use spec::type_ref::TypeRef;

/// The docs' word for a list (or an object of lists) in their type column.
const ARRAY_WORD: &str = "array";

/// What a type word says, in the docs' own four words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Kind(DocsKind),
    Array,
    Other,
    Missing,
}

fn word_of(word: Option<&str>) -> Word {
    let Some(word) = word.map(str::to_ascii_lowercase) else {
        return Word::Missing;
    };
    if word == ARRAY_WORD {
        return Word::Array;
    }
    [DocsKind::WholeNumber, DocsKind::Decimal, DocsKind::Text]
        .into_iter()
        .find(|kind| kind.words().contains(&word.as_str()))
        .map_or(Word::Other, Word::Kind)
}

/// A request field from its type word, adjusted to the example value where they disagree (the
/// spec's examples must conform to its types), with a departure saying so.
pub(super) fn request_field(word: Option<&str>, description: &str, example: Option<&Json>) -> Yaml {
    use DocsKind::{Decimal, Text, WholeNumber};
    let scalar = |s: Scalar| TypeRef::Scalar(s);
    let json = || TypeRef::Scalar(Scalar::Json);
    let whole_number = |n: &serde_json::Number| n.is_i64() || n.is_u64();
    // (type, wire, departure kind, why), the departure only where the docs' word is overridden.
    let (ty, wire, departure_kind, why): (TypeRef, Option<Wire>, Option<DepartureKind>, &str) =
        match (word_of(word), example) {
            (Word::Kind(WholeNumber), Some(Json::String(text))) if is_integer_text(text) => (
                scalar(Scalar::Integer),
                Some(Wire::Either),
                Some(DepartureKind::Wire),
                "the table says int; the example sends a numeric string.",
            ),
            (Word::Kind(WholeNumber), Some(Json::String(_))) => (
                scalar(Scalar::String),
                None,
                Some(DepartureKind::Type),
                "the table says int; the example sends words (an enum?).",
            ),
            (Word::Kind(WholeNumber), Some(Json::Number(n))) if !whole_number(n) => (
                scalar(Scalar::Decimal),
                None,
                Some(DepartureKind::Type),
                "the table says int; the example sends a fraction.",
            ),
            (Word::Kind(WholeNumber), _) => (scalar(Scalar::Integer), None, None, ""),
            (Word::Kind(Text), Some(Json::Number(n))) => (
                scalar(if whole_number(n) {
                    Scalar::Integer
                } else {
                    Scalar::Decimal
                }),
                Some(Wire::Either),
                Some(DepartureKind::Wire),
                "the table says string; the example sends a number.",
            ),
            (Word::Kind(Text), Some(Json::String(_)) | None) => {
                (scalar(Scalar::String), None, None, "")
            }
            (Word::Kind(Decimal), Some(Json::String(text))) if is_decimal_text(text) => {
                (scalar(Scalar::Decimal), Some(Wire::Either), None, "")
            }
            (Word::Kind(Decimal), Some(Json::Number(_)) | None) => {
                (scalar(Scalar::Decimal), None, None, "")
            }
            (Word::Array, Some(Json::Object(_))) => {
                (TypeRef::Map(Box::new(json())), None, None, "")
            }
            (Word::Array, Some(Json::Array(_)) | None) => {
                (TypeRef::List(Box::new(json())), None, None, "")
            }
            (Word::Missing, _) => (json(), None, None, ""),
            _ => (
                json(),
                None,
                Some(DepartureKind::Type),
                "the type word does not fit the example, or is not int, string, decimal or array.",
            ),
        };
    let mut field = Mapping::new();
    field.insert("type".into(), ty.expression().into());
    if let Some(wire) = wire {
        field.insert("wire".into(), wire.keyword().into());
    }
    field.insert("required".into(), false.into());
    if !description.is_empty() {
        field.insert("zh".into(), description.into());
    }
    field.insert("en".into(), todo_translate(description).into());
    if let Some(example) = example.filter(|e| is_scalar(e) && ty != json()) {
        field.insert("example".into(), json_to_yaml(example));
    }
    if ty.is_container() {
        field.insert(
            "notes".into(),
            todo("the element type is a guess (`json`); name it.").into(),
        );
    }
    if let Some(kind) = departure_kind {
        push_departure(
            &mut field,
            departure(kind, word.unwrap_or_default(), &todo(why)),
        );
    }
    Yaml::Mapping(field)
}
