//! JSON kept exactly as it was written: the tree the tool prints, hides secrets in, lays out
//! as tables and builds request bodies from.
//!
//! `serde_json::Value` reads `300.00` as the float `300.0`; a money amount must come out as it
//! went in. serde_json's `arbitrary_precision` would keep it, but it changes how every crate in
//! the build reads numbers. Here a leaf keeps its JSON text instead (a `RawValue`), and objects
//! and arrays are split into their members one level at a time, so each byte is read once per
//! level of nesting it sits in (serde_json bounds nesting at 128).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A JSON value with every leaf kept as its exact text and every object's members in order.
#[derive(Clone)]
pub enum Json {
    /// An object's members, in the order they were written.
    Object(Vec<(String, Json)>),
    /// An array's items.
    Array(Vec<Json>),
    /// A string, number, boolean or `null`, as its JSON text (`"a\"b"`, `300.00`, `true`).
    Leaf(Box<RawValue>),
}

/// Equal when written alike: leaves by their text (`1.0` is not `1`), objects member by
/// member in order.
impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        match (self, other) {
            (Json::Leaf(a), Json::Leaf(b)) => a.get() == b.get(),
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.compact())
    }
}

impl Json {
    /// Reads JSON text.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        let raw: Box<RawValue> = serde_json::from_str(text)?;
        Json::from_raw(raw)
    }

    /// Splits a value read as one `RawValue` into its members, recursively.
    fn from_raw(raw: Box<RawValue>) -> Result<Json, serde_json::Error> {
        match raw.get().trim_start().as_bytes().first() {
            Some(b'{') => {
                let Members(members) = serde_json::from_str(raw.get())?;
                members
                    .into_iter()
                    .map(|(name, value)| Ok((name, Json::from_raw(value)?)))
                    .collect::<Result<_, _>>()
                    .map(Json::Object)
            }
            Some(b'[') => {
                let items: Vec<Box<RawValue>> = serde_json::from_str(raw.get())?;
                items
                    .into_iter()
                    .map(Json::from_raw)
                    .collect::<Result<_, _>>()
                    .map(Json::Array)
            }
            _ => Ok(Json::Leaf(raw)),
        }
    }

    /// A JSON string holding `text`.
    pub fn string(text: &str) -> Json {
        Json::from_text(serde_json::to_string(text).unwrap_or_default())
    }

    /// `null`.
    pub fn null() -> Json {
        Json::Leaf(RawValue::NULL.to_owned())
    }

    /// The value JSON text written by this crate holds (a number it printed, `true`); text
    /// that is not JSON becomes `null`, never invalid JSON.
    pub(crate) fn from_text(text: String) -> Json {
        Json::parse(&text).unwrap_or_else(|_| Json::null())
    }

    /// The value as compact JSON text.
    pub fn compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The value as JSON text indented by two spaces.
    pub fn pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A leaf's text as a reader wants it: a string's contents unquoted, other leaves as
    /// written, `null` as nothing; an object or array as compact JSON.
    pub fn text(&self) -> String {
        match self {
            Json::Leaf(raw) => match serde_json::from_str::<String>(raw.get()) {
                Ok(text) => text,
                Err(_) if raw.get() == "null" => String::new(),
                Err(_) => raw.get().to_owned(),
            },
            other => other.compact(),
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Leaf(raw) if raw.get() == "null")
    }

    /// The member `name` of an object.
    pub fn member(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Leaf(raw) => raw.serialize(serializer),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

/// An object's members, each value kept as raw text, in order (duplicates too, as written).
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push((name, value));
                }
                Ok(Members(members))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Members, A::Error> {
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
        }

        deserializer.deserialize_map(MembersVisitor)
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

    #[test]
    fn keeps_numbers_and_order_exactly() {
        let text = r#"{"b":300.00,"a":[1,2.50,-0.0,1e3],"c":{"z":"x\"y","y":null},"d":98765432109876543210}"#;
        let json = Json::parse(text).unwrap();
        assert_eq!(json.compact(), text);
        assert_eq!(json.member("b").unwrap().text(), "300.00");
        assert_eq!(
            json.member("c").unwrap().member("z").unwrap().text(),
            "x\"y"
        );
        assert!(json.member("c").unwrap().member("y").unwrap().is_null());
    }

    #[test]
    fn pretty_is_indented_and_exact() {
        let json = Json::parse(r#"{"amount":12.50,"list":[],"empty":{}}"#).unwrap();
        assert_eq!(
            json.pretty(),
            "{\n  \"amount\": 12.50,\n  \"list\": [],\n  \"empty\": {}\n}"
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "nul"] {
            assert!(Json::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn leaves_are_valid_or_null() {
        assert_eq!(Json::string("a\"\n").compact(), r#""a\"\n""#);
        assert_eq!(Json::from_text("not json".to_owned()).compact(), "null");
        assert_eq!(
            Json::from_text("[1]".to_owned()),
            Json::parse("[1]").unwrap()
        );
        assert_eq!(Json::null().text(), "");
    }
}
