//! How a flag's text becomes a value of a request field: one parser per kind of scalar
//! (`spec::scalar::Scalar::cli` names which one a field's scalar uses).
//!
//! Each checks the text as the client's types read it, with a message saying what was
//! expected, and turns it into the JSON the request type decodes: the request type then writes
//! the value on the wire as the spec says (a number or a numeric string).

use std::str::FromStr as _;

use verycloud::{Decimal, Timestamp};

use crate::json::Json;

/// Text, as it is.
pub fn text(text: &str) -> Result<Json, String> {
    Ok(Json::string(text))
}

/// A whole number (64 bits, signed).
pub fn integer(text: &str) -> Result<Json, String> {
    let trimmed = text.trim();
    trimmed
        .parse::<i64>()
        .map(|number| Json::from_text(number.to_string()))
        .map_err(|_| "not a whole number (for example 30)".to_owned())
}

/// A decimal amount, kept exactly (`12.50` stays `12.50`).
pub fn decimal(text: &str) -> Result<Json, String> {
    Decimal::from_str(text.trim())
        .map(|amount| Json::from_text(amount.to_string()))
        .map_err(|_| "not a decimal number (for example 12.50)".to_owned())
}

/// A flag: `1`, `true`, `yes` or `on`; `0`, `false`, `no` or `off`.
pub fn flag(text: &str) -> Result<Json, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(Json::from_text("true".to_owned())),
        "0" | "false" | "no" | "off" => Ok(Json::from_text("false".to_owned())),
        _ => Err("not 0 or 1 (or true/false, yes/no, on/off)".to_owned()),
    }
}

/// A date and time (Beijing time) as the API writes them, `2024-01-31 08:00` or
/// `2024/01/31 08:00:00`, or unix seconds.
pub fn time(text: &str) -> Result<Json, String> {
    let trimmed = text.trim();
    Timestamp::from_str(trimmed)
        .map(|_| Json::string(trimmed))
        .map_err(|_| {
            "not a date and time (for example \"2024-01-31 08:00\", Beijing time, or unix seconds)"
                .to_owned()
        })
}

/// Any JSON value (`{"a": 1}`, `[1, 2]`).
pub fn json(text: &str) -> Result<Json, String> {
    Json::parse(text).map_err(|error| format!("not JSON: {}", without_position(&error)))
}

/// The value of a flag that takes one of an enum's documented codes: the number for an
/// integer-coded enum, the string otherwise.
pub fn code(text: &str, integer: bool) -> Json {
    match text.parse::<i64>() {
        Ok(number) if integer => Json::from_text(number.to_string()),
        _ => Json::string(text),
    }
}

/// A timeout in seconds, more than zero (`30`, `2.5`).
pub fn seconds(text: &str) -> Result<std::time::Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0 && *seconds <= 86_400.0)
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| "not a number of seconds between 0 and 86400 (for example 30)".to_owned())
}

/// A serde_json error's message without the line and column, which point into text the user
/// did not write as lines (a flag's value), or do so already in the message.
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(stripped) if error.line() > 1 => format!("{stripped} (line {})", error.line()),
        Some(stripped) => format!("{stripped} (at character {})", error.column()),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    fn shown(value: Result<Json, String>) -> String {
        value
            .map(|json| json.compact())
            .unwrap_or_else(|error| format!("error: {error}"))
    }

    #[test]
    fn each_parser_takes_its_values_and_refuses_others() {
        assert_eq!(shown(text(" a b ")), r#"" a b ""#);
        assert_eq!(shown(integer(" -30 ")), "-30");
        assert!(integer("3.5").is_err());
        assert!(integer("99999999999999999999").is_err());
        assert_eq!(shown(decimal("12.50")), "12.50");
        assert_eq!(shown(decimal("-0.1")), "-0.1");
        assert!(decimal("1,5").is_err());
        assert!(decimal("abc").is_err());
        assert_eq!(shown(flag("YES")), "true");
        assert_eq!(shown(flag("0")), "false");
        assert!(flag("2").is_err());
        assert_eq!(shown(time("2024-01-31 08:00")), r#""2024-01-31 08:00""#);
        assert_eq!(shown(time("1700000000")), r#""1700000000""#);
        assert!(time("yesterday").is_err());
        assert_eq!(shown(json(r#"{"a": 1.50}"#)), r#"{"a":1.50}"#);
        assert!(shown(json("{")).starts_with("error: not JSON: EOF while parsing"));
    }

    #[test]
    fn codes_keep_their_kind() {
        assert_eq!(code("-1", true).compact(), "-1");
        assert_eq!(code("1", false).compact(), r#""1""#);
        assert_eq!(code("month", true).compact(), r#""month""#);
    }

    #[test]
    fn timeouts_are_positive_and_bounded() {
        assert_eq!(seconds("2.5"), Ok(std::time::Duration::from_millis(2500)));
        for bad in ["0", "-1", "NaN", "inf", "1e9", "soon"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }
}
