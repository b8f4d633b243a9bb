//! Request fields from the docs' type words, adjusted where the docs' own example
//! contradicts them: the spec's examples must conform to its types.

use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use super::write::{departure, is_scalar, json_to_yaml, push_departure, todo_translate};

/// A request field from its type word, adjusted to the example value where they disagree (the
/// spec's examples must conform to its types), with a departure saying so.
pub(super) fn request_field(word: Option<&str>, description: &str, example: Option<&Json>) -> Yaml {
    let word_lower = word.map(str::to_ascii_lowercase);
    let numeric_text = |text: &str| {
        !text.is_empty()
            && text
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit())
    };
    let decimal_text =
        |text: &str| text.parse::<f64>().is_ok() && !text.contains(['e', 'E', 'i', 'n', 'N']);
    // (type, wire, departure kind, why), the departure only where the docs' word is overridden.
    let (ty, wire, departure_kind, why): (String, Option<&str>, Option<&str>, &str) = match (
        word_lower.as_deref(),
        example,
    ) {
        (Some("int" | "integer"), Some(Json::String(text))) if numeric_text(text) => (
            "integer".into(),
            Some("either"),
            Some("wire"),
            "TODO: the table says int; the example sends a numeric string.",
        ),
        (Some("int" | "integer"), Some(Json::String(_))) => (
            "string".into(),
            None,
            Some("type"),
            "TODO: the table says int; the example sends words (an enum?).",
        ),
        (Some("int" | "integer"), Some(Json::Number(n))) if !(n.is_i64() || n.is_u64()) => (
            "decimal".into(),
            None,
            Some("type"),
            "TODO: the table says int; the example sends a fraction.",
        ),
        (Some("int" | "integer"), _) => ("integer".into(), None, None, ""),
        (Some("string"), Some(Json::Number(n))) if n.is_i64() || n.is_u64() => (
            "integer".into(),
            Some("either"),
            Some("wire"),
            "TODO: the table says string; the example sends a number.",
        ),
        (Some("string"), Some(Json::Number(_))) => (
            "decimal".into(),
            Some("either"),
            Some("wire"),
            "TODO: the table says string; the example sends a number.",
        ),
        (Some("string"), Some(Json::String(_)) | None) => ("string".into(), None, None, ""),
        (Some("decimal"), Some(Json::String(text))) if decimal_text(text) => {
            ("decimal".into(), Some("either"), None, "")
        }
        (Some("decimal"), Some(Json::Number(_)) | None) => ("decimal".into(), None, None, ""),
        (Some("array"), Some(Json::Object(_))) => ("map<json>".into(), None, None, ""),
        (Some("array"), Some(Json::Array(_)) | None) => ("list<json>".into(), None, None, ""),
        (Some(_), _) => (
            "json".into(),
            None,
            Some("type"),
            "TODO: the type word does not fit the example, or is not int, string, decimal or array.",
        ),
        (None, _) => ("json".into(), None, None, ""),
    };
    let mut field = Mapping::new();
    field.insert("type".into(), ty.clone().into());
    if let Some(wire) = wire {
        field.insert("wire".into(), wire.into());
    }
    field.insert("required".into(), false.into());
    if !description.is_empty() {
        field.insert("zh".into(), description.into());
    }
    field.insert("en".into(), todo_translate(description).into());
    if let Some(example) = example.filter(|e| is_scalar(e) && ty != "json") {
        field.insert("example".into(), json_to_yaml(example));
    }
    if ty.starts_with("list<") || ty.starts_with("map<") {
        field.insert(
            "notes".into(),
            "TODO: the element type is a guess (`json`); name it.".into(),
        );
    }
    if let Some(kind) = departure_kind {
        push_departure(&mut field, departure(kind, word.unwrap_or_default(), why));
    }
    Yaml::Mapping(field)
}
