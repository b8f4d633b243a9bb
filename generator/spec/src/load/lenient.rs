//! A YAML value that tolerates duplicate keys.
//!
//! `serde_yaml::Value` fails the whole file on the first duplicate key. The source-map walk
//! already reports every duplicate with both positions, so here the first occurrence is kept
//! and loading goes on: the author sees the duplicates and every other error in one run.
//! Scalars, tags and aliases are resolved by serde_yaml exactly as it would for its own `Value`,
//! including its limit on alias expansion.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};

/// A document parsed by serde_yaml, duplicate keys resolved to their first value.
pub(crate) struct LenientValue(pub(crate) Value);

impl<'de> Deserialize<'de> for LenientValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(LenientVisitor)
            .map(LenientValue)
    }
}

struct LenientVisitor;

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    // Integers beyond 64 bits (serde_yaml's own `Value` refuses them with an error that reads
    // like bad syntax): kept as the nearest `f64`, so that validation can say which value of
    // which field is out of range.
    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(Value::Number(match i64::try_from(value) {
            Ok(small) => small.into(),
            Err(_) => (value as f64).into(),
        }))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(Value::Number(match u64::try_from(value) {
            Ok(small) => small.into(),
            Err(_) => (value as f64).into(),
        }))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        LenientValue::deserialize(deserializer).map(|value| value.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut sequence = Vec::new();
        while let Some(LenientValue(value)) = items.next_element()? {
            sequence.push(value);
        }
        Ok(Value::Sequence(sequence))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some((LenientValue(key), LenientValue(value))) = entries.next_entry()? {
            if !mapping.contains_key(&key) {
                mapping.insert(key, value);
            }
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        let LenientValue(value) = contents.newtype_variant()?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

/// Parses one YAML document into a [`Value`], keeping the first of duplicate keys.
pub(crate) fn parse(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str::<LenientValue>(text).map(|value| value.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_of_duplicate_keys() {
        let value = parse("a: 1\nb: {c: x}\na: 2\n").expect("parses");
        assert_eq!(value["a"], Value::Number(1.into()));
        assert_eq!(value["b"]["c"], Value::String("x".into()));
    }

    #[test]
    fn resolves_scalars_and_tags_like_serde_yaml() {
        let text = "a: true\nb: ~\nc: 1.5\nd: '1'\ne: !x 3\nf: [1, -2]\n";
        let lenient = parse(text).expect("parses");
        let reference: Value = serde_yaml::from_str(text).expect("parses");
        assert_eq!(lenient, reference);
    }

    #[test]
    fn keeps_integers_beyond_64_bits_as_numbers() {
        let value =
            parse("a: 98765432109876543210\nb: -98765432109876543210\nc: 18446744073709551615\n")
                .expect("parses");
        assert_eq!(value["a"].as_f64(), Some(98_765_432_109_876_543_210.0));
        assert_eq!(value["b"].as_f64(), Some(-98_765_432_109_876_543_210.0));
        assert_eq!(value["c"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn inherits_serde_yaml_alias_limit() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let previous = (b'a' + level - 1) as char;
            let name = (b'a' + level) as char;
            bomb.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        }
        assert!(parse(&bomb).is_err());
    }
}
