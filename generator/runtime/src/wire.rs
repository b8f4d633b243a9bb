//! How values look on the wire, both ways: every lenient reading rule, written once.
//!
//! VeryCloud's replies write numbers sometimes as JSON numbers and sometimes as strings
//! (`"uid": "1234566894"`, `"total": "1"` next to `"totalpage": 1`), flags as `0`/`1` or
//! `"0"`/`"1"`, empty values as `""`, and, being PHP, a list whose keys are not `0..n` as an
//! object and an empty object as `[]`. Replies are therefore decoded leniently ([`Lenient`]);
//! requests are written exactly as the spec says each field travels ([`WireValue`]).
//! [`Timestamp`] covers the documented date formats.
//!
//! Numbers are read from their exact text, never through a binary float: a `Decimal` keeps
//! every digit the server wrote, and a value that does not fit its type is an error saying
//! "out of range", never a rounded value. The text comes from serde_json's `RawValue`, so the
//! lenient types decode from JSON only (serde_json's `arbitrary_precision` would give the same
//! exactness but changes how every other crate in the build reads JSON numbers, so the client
//! does not turn it on).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use serde::de::value::MapAccessDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer as _,
    MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

// ---------------------------------------------------------------------------------------------
// Reply side: the rules
//
// - A number may arrive as a JSON number or as a numeric string; it is read from its text.
// - A flag is `0`/`1`, `"0"`/`"1"` or `true`/`false`.
// - An optional value is `None` for `null`, `""`, a placeholder date (see
//   [`is_placeholder_date`]), and, for a record, PHP's empty array `[]`.
// - A list may arrive as an object (PHP, for keys that are not `0..n`): its values, in order.
// - A map may arrive as an array (PHP, for an empty map or keys `0..n`): keyed `"0"`, `"1"`, ….
//
// They hold at every depth: each field of a generated type that is not plain text decodes
// through [`lenient`], and so does a reply's `data`.

/// A type decoded by the lenient rules above.
pub trait Lenient: Sized {
    /// Decodes a value that must be there.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Decodes a value that may be absent: `null`, `""` and this type's own ways of writing
    /// "no value" are `None`.
    fn deserialize_optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error>;
}

/// `#[serde(deserialize_with = "crate::wire::lenient")]`: decodes any [`Lenient`] type.
#[cfg(feature = "lenient")]
pub(crate) fn lenient<'de, D: Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::deserialize_lenient(deserializer)
}

/// A type serde decodes by itself (a generated record or coded enum, text, raw JSON); the
/// lenient rules apply around it: an optional one is `None` for `null`, `""` and `[]`.
pub trait Plain: DeserializeOwned {}

impl Plain for String {}
impl Plain for Value {}

impl<T: Plain> Lenient for T {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer)
    }

    fn deserialize_optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(OptionalPlain(PhantomData))
    }
}

/// An optional [`Plain`] value, visited without buffering it, so that an error inside a
/// record still names its path.
struct OptionalPlain<T>(PhantomData<T>);

impl<'de, T: Plain> Visitor<'de> for OptionalPlain<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, null, \"\" or []")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::deserialize_optional(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        T::deserialize(text.into_deserializer()).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // PHP writes an empty object as `[]`.
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_optional(deserializer)
    }

    fn deserialize_optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error> {
        T::deserialize_optional(deserializer).map(|value| value.map(Some))
    }
}

/// Decodes one `T` leniently, as an element of a list or map.
struct LenientSeed<T>(PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_lenient(deserializer)
    }
}

/// A list: a JSON array, or an object whose values are the items in order.
struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (an array, or an object of items)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(LenientSeed(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        // The key is read as text so that an error in the item names it.
        while map.next_key::<String>()?.is_some() {
            items.push(map.next_value_seed(LenientSeed(PhantomData))?);
        }
        Ok(items)
    }
}

/// A map: a JSON object, or an array keyed by position.
struct MapVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for MapVisitor<T> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object (or an array keyed by position)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(LenientSeed(PhantomData))?;
            entries.insert(key, value);
        }
        Ok(entries)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(value) = seq.next_element_seed(LenientSeed(PhantomData))? {
            entries.insert(entries.len().to_string(), value);
        }
        Ok(entries)
    }
}

/// A list or map that may be absent: `null` and `""` are `None`; anything else is the
/// container (an empty `[]` is an empty list or map, not `None`).
struct OptionalContainer<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OptionalContainer<V> {
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(", null or \"\"")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Err(de::Error::invalid_type(Unexpected::Str(text), &self))
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(seq).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(map).map(Some)
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }

    fn deserialize_optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(OptionalContainer(ListVisitor(PhantomData)))
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MapVisitor(PhantomData))
    }

    fn deserialize_optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(OptionalContainer(MapVisitor(PhantomData)))
    }
}

// ---------------------------------------------------------------------------------------------
// Reply side: scalars, read from their exact text

/// One JSON value as the reply wrote it: a number keeps its text.
#[derive(Debug)]
pub(crate) struct Json<'a> {
    /// The value's JSON text.
    raw: &'a str,
    kind: JsonKind<'a>,
}

#[derive(Debug)]
enum JsonKind<'a> {
    Null,
    Bool(bool),
    /// A JSON number's text, exactly as written.
    Number(&'a str),
    Text(Cow<'a, str>),
    /// An array or an object.
    Container,
}

impl<'a> Json<'a> {
    /// Reads the JSON text of one value.
    fn read(raw: &'a str) -> Json<'a> {
        let raw = raw.trim();
        let kind = match raw.as_bytes().first() {
            Some(b'n') => JsonKind::Null,
            Some(b't') => JsonKind::Bool(true),
            Some(b'f') => JsonKind::Bool(false),
            Some(b'"') => match serde_json::from_str::<&str>(raw) {
                Ok(text) => JsonKind::Text(Cow::Borrowed(text)),
                // Escapes need an owned string.
                Err(_) => serde_json::from_str::<String>(raw)
                    .map_or(JsonKind::Container, |text| JsonKind::Text(Cow::Owned(text))),
            },
            Some(b'[' | b'{') | None => JsonKind::Container,
            Some(_) => JsonKind::Number(raw),
        };
        Json { raw, kind }
    }

    /// `null`, or a string of blanks.
    fn is_empty(&self) -> bool {
        match &self.kind {
            JsonKind::Null => true,
            JsonKind::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// A number's text, or a string's text trimmed: what a numeric value is read from.
    fn numeric_text(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::Number(text) => Some(text),
            JsonKind::Text(text) => Some(text.trim()),
            _ => None,
        }
    }

    /// A short rendering for error messages.
    fn describe(&self) -> String {
        const LIMIT: usize = 40;
        match self.raw.char_indices().nth(LIMIT) {
            Some((cut, _)) => format!("{}…", self.raw.get(..cut).unwrap_or_default()),
            None => self.raw.to_owned(),
        }
    }
}

/// A scalar read from its JSON text.
trait Scalar: Sized {
    /// Decodes `value`, or says what was wrong with it.
    fn from_json(value: &Json<'_>) -> Result<Self, String>;

    /// Whether `value` means "no value" for an optional one, beside `null` and `""`.
    fn is_no_value(_value: &Json<'_>) -> bool {
        false
    }
}

/// Decodes a scalar from `raw`, the JSON text of one value.
fn scalar<T: Scalar>(raw: &str) -> Result<T, String> {
    T::from_json(&Json::read(raw))
}

/// Decodes an optional scalar from `raw`, the JSON text of one value.
fn optional_scalar<T: Scalar>(raw: &str) -> Result<Option<T>, String> {
    let value = Json::read(raw);
    if value.is_empty() || T::is_no_value(&value) {
        Ok(None)
    } else {
        T::from_json(&value).map(Some)
    }
}

/// `Lenient` for scalars: the value's JSON text is taken whole, then read exactly.
macro_rules! lenient_scalar {
    ($($scalar:ty),*) => {$(
        impl Lenient for $scalar {
            fn deserialize_lenient<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                scalar(raw.get()).map_err(de::Error::custom)
            }

            fn deserialize_optional<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Self>, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                optional_scalar(raw.get()).map_err(de::Error::custom)
            }
        }
    )*};
}

lenient_scalar!(i64, Decimal, bool, Timestamp);

/// Why a numeral could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumeralError {
    /// It is not a number.
    NotANumber,
    /// It is a number, but too large, or with more decimal places than a `Decimal` keeps.
    OutOfRange,
}

/// The most decimal places a `Decimal` keeps.
const MAX_SCALE: usize = 28;

/// The most digits a `Decimal`'s integer part can have (its largest value has 29).
const MAX_INTEGER_DIGITS: i64 = 29;

/// A decimal numeral read exactly: `-12.50`, `1.25e1`, `1E-3`; JSON's number grammar, plus a
/// leading `+` and a missing integer or fraction part (`.5`, `5.`), which numeric strings from
/// PHP back ends have. The scale is kept (`300.00` has two decimal places).
fn exact_decimal(text: &str) -> Result<Decimal, NumeralError> {
    use NumeralError::{NotANumber, OutOfRange};

    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let (negative, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (integer.is_empty() && fraction.is_empty()) || !all_digits(integer) || !all_digits(fraction)
    {
        return Err(NotANumber);
    }
    let digits = format!("{integer}{fraction}");
    let significant = digits.trim_start_matches('0');
    let exponent: i64 = match exponent {
        None => 0,
        Some(exponent) => {
            let magnitude = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
            if magnitude.is_empty() || !all_digits(magnitude) {
                return Err(NotANumber);
            }
            match exponent.parse::<i64>() {
                // Beyond a few thousand the value is zero or out of range either way.
                Ok(exponent) if exponent.abs() <= 10_000 => exponent,
                _ if significant.is_empty() => 0,
                _ => return Err(OutOfRange),
            }
        }
    };
    let fraction_len = i64::try_from(fraction.len()).map_err(|_| OutOfRange)?;
    if significant.is_empty() {
        // Zero keeps its scale: `0.00` is written back as `0.00`.
        let scale = u32::try_from((fraction_len - exponent).clamp(0, MAX_SCALE as i64))
            .map_err(|_| OutOfRange)?;
        return Ok(Decimal::new(0, scale));
    }
    // Where the decimal point falls, counted in significant digits from their start.
    let leading_zeros = i64::try_from(digits.len() - significant.len()).map_err(|_| OutOfRange)?;
    let integer_len = i64::try_from(integer.len()).map_err(|_| OutOfRange)? + exponent;
    let point = integer_len - leading_zeros;
    if point > MAX_INTEGER_DIGITS {
        return Err(OutOfRange);
    }
    let significant_len = i64::try_from(significant.len()).map_err(|_| OutOfRange)?;
    let mut plain = String::with_capacity(significant.len() + 4);
    if negative {
        plain.push('-');
    }
    if point <= 0 {
        plain.push_str("0.");
        plain.extend(std::iter::repeat_n(
            '0',
            usize::try_from(-point).unwrap_or(0),
        ));
        plain.push_str(significant);
    } else if point >= significant_len {
        plain.push_str(significant);
        plain.extend(std::iter::repeat_n(
            '0',
            usize::try_from(point - significant_len).unwrap_or(0),
        ));
    } else {
        let (whole, decimals) = significant.split_at(usize::try_from(point).unwrap_or(0));
        plain.push_str(whole);
        plain.push('.');
        plain.push_str(decimals);
    }
    // Zeros past the last decimal place a Decimal keeps change nothing; anything else there
    // would be rounded away, so it is out of range.
    if let Some((_, decimals)) = plain.split_once('.') {
        let excess = decimals.len().saturating_sub(MAX_SCALE);
        if excess > 0 {
            if !decimals.bytes().rev().take(excess).all(|byte| byte == b'0') {
                return Err(OutOfRange);
            }
            plain.truncate(plain.len() - excess);
        }
    }
    Decimal::from_str_exact(&plain).map_err(|_| OutOfRange)
}

/// Why a text is not an `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IntegerError {
    NotANumber,
    NotWhole,
    OutOfRange,
}

/// An integer from its text: `-7`, `"300.00"`-style whole decimals, `1e3`.
fn exact_integer(text: &str) -> Result<i64, IntegerError> {
    if let Ok(integer) = text.parse::<i64>() {
        return Ok(integer);
    }
    match exact_decimal(text) {
        Ok(decimal) if !decimal.fract().is_zero() => Err(IntegerError::NotWhole),
        Ok(decimal) => decimal.to_i64().ok_or(IntegerError::OutOfRange),
        Err(NumeralError::OutOfRange) => Err(IntegerError::OutOfRange),
        Err(NumeralError::NotANumber) => Err(IntegerError::NotANumber),
    }
}

impl Scalar for i64 {
    fn from_json(value: &Json<'_>) -> Result<Self, String> {
        match value.numeric_text().map(exact_integer) {
            Some(Ok(integer)) => Ok(integer),
            Some(Err(IntegerError::OutOfRange)) => Err(format!(
                "out of range for a 64-bit integer: {}",
                value.describe()
            )),
            Some(Err(IntegerError::NotWhole)) => Err(format!(
                "expected an integer, got a fraction: {}",
                value.describe()
            )),
            Some(Err(IntegerError::NotANumber)) | None => Err(format!(
                "expected an integer or a numeric string, got {}",
                value.describe()
            )),
        }
    }
}

impl Scalar for Decimal {
    fn from_json(value: &Json<'_>) -> Result<Self, String> {
        match value.numeric_text().map(exact_decimal) {
            Some(Ok(decimal)) => Ok(decimal),
            Some(Err(NumeralError::OutOfRange)) => Err(format!(
                "out of range for a decimal (at most 28 decimal places, about 28 significant \
                 digits): {}",
                value.describe()
            )),
            Some(Err(NumeralError::NotANumber)) | None => Err(format!(
                "expected a decimal number or a numeric string, got {}",
                value.describe()
            )),
        }
    }
}

impl Scalar for bool {
    fn from_json(value: &Json<'_>) -> Result<Self, String> {
        let flag = match &value.kind {
            JsonKind::Bool(flag) => Some(*flag),
            JsonKind::Number("0") => Some(false),
            JsonKind::Number("1") => Some(true),
            JsonKind::Text(text) => match text.trim() {
                "0" | "false" => Some(false),
                "1" | "true" => Some(true),
                _ => None,
            },
            _ => None,
        };
        flag.ok_or_else(|| format!("expected a flag (0 or 1), got {}", value.describe()))
    }
}

impl Scalar for Timestamp {
    fn from_json(value: &Json<'_>) -> Result<Self, String> {
        match &value.kind {
            JsonKind::Number(text) => exact_integer(text)
                .map(Timestamp::from_unix)
                .map_err(|_| format!("expected unix seconds, got {}", value.describe())),
            JsonKind::Text(text) if is_placeholder_date(text) => Err(format!(
                "a placeholder date ({}) where a date and time is required",
                value.describe()
            )),
            JsonKind::Text(text) => text
                .parse()
                .map_err(|error: ParseTimestampError| error.to_string()),
            _ => Err(format!(
                "expected a date and time, got {}",
                value.describe()
            )),
        }
    }

    fn is_no_value(value: &Json<'_>) -> bool {
        matches!(&value.kind, JsonKind::Text(text) if is_placeholder_date(text))
    }
}

/// Whether `text` is a date that PHP or MySQL back ends write for "no date": MySQL's zero
/// date in any spelling (`0000-00-00`, `0000-00-00 00:00:00`, `0000/00/00 00:00`,
/// `0000-00-00 00:00:00.000000`, `0000-00-00T00:00:00`), and what PHP's `date()` makes of it,
/// `-0001-11-30` (with or without `00:00:00`).
pub(crate) fn is_placeholder_date(text: &str) -> bool {
    let text = text.trim();
    let all_zero_from = |rest: &str| {
        rest.bytes()
            .all(|byte| matches!(byte, b'0' | b'-' | b'/' | b':' | b'.' | b' ' | b'T'))
    };
    if let Some(rest) = text.strip_prefix("0000") {
        return all_zero_from(rest) && text.bytes().filter(u8::is_ascii_digit).count() >= 8;
    }
    if let Some(rest) = text.strip_prefix("-0001-11-30") {
        return all_zero_from(rest);
    }
    false
}

/// An `f64` holding a whole number within `i64`, as that integer.
fn integral_f64(number: f64) -> Option<i64> {
    // i64::MAX as f64 rounds up to 2^63, hence the exclusive upper bound.
    let in_range = (i64::MIN as f64..i64::MAX as f64).contains(&number);
    (in_range && number.fract() == 0.0).then_some(number as i64)
}

/// Decodes `T` from the JSON text of one reply member; the error says what was wrong.
pub(crate) fn decode_member<T: Lenient>(raw: &str) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    T::deserialize_lenient(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| without_position(&error))
}

/// Decodes a [`Lenient`] `T` from JSON text, naming the path to the value that failed: the
/// error is that path below the top (`.subaccounts[0].uid`, empty at the top) and what was
/// wrong.
#[cfg(feature = "data-member")]
pub(crate) fn decode_lenient<T: Lenient>(text: &str) -> Result<T, (String, String)> {
    tracked(text, |deserializer| T::deserialize_lenient(deserializer))
}

/// Decodes a serde type from JSON text, naming the path to the value that failed, as
/// [`decode_lenient`] does.
pub(crate) fn decode_plain<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    tracked(text, |deserializer| T::deserialize(deserializer))
}

type Tracked<'a, 'b, 'c, 't> = serde_path_to_error::Deserializer<
    'a,
    'b,
    &'c mut serde_json::Deserializer<serde_json::de::StrRead<'t>>,
>;

fn tracked<'t, T>(
    text: &'t str,
    decode: impl for<'a, 'b, 'c> FnOnce(Tracked<'a, 'b, 'c, 't>) -> Result<T, serde_json::Error>,
) -> Result<T, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let result = decode(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ))
    .and_then(|value| deserializer.end().map(|()| value));
    result.map_err(|error| (render_path(&track.path()), without_position(&error)))
}

/// `.a.b[0]`: the path below the top, as a reader writes it.
fn render_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .map(|segment| match segment {
            Segment::Seq { index } => format!("[{index}]"),
            Segment::Map { key } => format!(".{key}"),
            Segment::Enum { variant } => format!(".{variant}"),
            Segment::Unknown => ".?".to_owned(),
        })
        .collect()
}

/// serde_json's message without its "at line 1 column 17", which counts within a member's
/// text rather than the reply.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) if error.line() > 0 => message.get(..cut).unwrap_or(&message).to_owned(),
        _ => message,
    }
}

// ---------------------------------------------------------------------------------------------
// Request side

/// A value written into a request as the spec says its field travels: as a JSON number or
/// as a string. Numbers are written from their exact text.
#[cfg(feature = "wire-value")]
pub trait WireValue {
    /// Writes this value; `as_string` asks for the string form.
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error>;
}

/// `#[serde(serialize_with = "crate::wire::as_number")]`: writes numbers as JSON numbers.
#[cfg(feature = "wire-number")]
pub(crate) fn as_number<S: Serializer, T: WireValue + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_wire(false, serializer)
}

/// `#[serde(serialize_with = "crate::wire::as_string")]`: writes numbers as strings.
#[cfg(feature = "wire-string")]
pub(crate) fn as_string<S: Serializer, T: WireValue + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_wire(true, serializer)
}

/// A [`WireValue`] as a `Serialize` value, for the items of lists and maps.
#[cfg(feature = "wire-value")]
struct Wire<'a, T: ?Sized>(&'a T, bool);

#[cfg(feature = "wire-value")]
impl<T: WireValue + ?Sized> Serialize for Wire<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_wire(self.1, serializer)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for i64 {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if as_string {
            serializer.collect_str(self)
        } else {
            serializer.serialize_i64(*self)
        }
    }
}

/// The JSON number text of `decimal`, exactly: a whole amount without decimal places
/// (`300.00` as `300`), any other with its digits and scale (`12345678901234567.89`).
#[cfg(feature = "wire-value")]
pub(crate) fn decimal_number_text(decimal: &Decimal) -> String {
    if decimal.fract().is_zero() {
        decimal.trunc().normalize().to_string()
    } else {
        decimal.to_string()
    }
}

/// As a number, an amount is written from its exact text (serde_json's `RawValue`), so no
/// digit is lost to a binary float; a whole amount is written without decimal places. As a
/// string, the amount is written with its scale (`"300.00"`).
#[cfg(feature = "wire-value")]
impl WireValue for Decimal {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if as_string {
            return serializer.collect_str(self);
        }
        RawValue::from_string(decimal_number_text(self))
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for bool {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        i64::from(*self).serialize_wire(as_string, serializer)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for Timestamp {
    /// As a number: unix seconds. As a string: the form the timestamp was read or built in.
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if as_string {
            serializer.collect_str(self)
        } else {
            serializer.serialize_i64(self.unix_seconds())
        }
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for String {
    fn serialize_wire<S: Serializer>(
        &self,
        _as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for str {
    fn serialize_wire<S: Serializer>(
        &self,
        _as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for Option<T> {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_wire(as_string, serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for Vec<T> {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|item| Wire(item, as_string)))
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for BTreeMap<String, T> {
    fn serialize_wire<S: Serializer>(
        &self,
        as_string: bool,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, item)| (key, Wire(item, as_string))))
    }
}

// ---------------------------------------------------------------------------------------------
// Coded enums

/// An enum whose wire form is an integer code. Unknown codes are kept, not rejected.
#[cfg(feature = "integer-codes")]
pub trait IntegerCode {
    /// The code on the wire.
    fn code(&self) -> i64;
    /// The variant for `code`, `Unknown(code)` for a code the spec does not list.
    fn from_code(code: i64) -> Self
    where
        Self: Sized;
}

/// An enum whose wire form is a string code. Unknown codes are kept, not rejected.
#[cfg(feature = "string-codes")]
pub trait StringCode {
    /// The code on the wire.
    fn code(&self) -> &str;
    /// The variant for `code`, `Unknown(code)` for a code the spec does not list.
    fn from_code(code: String) -> Self
    where
        Self: Sized;
}

/// Serialises an integer-coded enum as a JSON number.
#[cfg(feature = "integer-codes")]
pub(crate) fn serialize_integer_code<S: Serializer, T: IntegerCode + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(value.code())
}

/// Deserialises an integer-coded enum from `1` or `"1"`, by the integer rules above. Coded
/// enums are [`Plain`] types, so this works with any deserializer, not only JSON text.
#[cfg(feature = "integer-codes")]
pub(crate) fn deserialize_integer_code<'de, D: Deserializer<'de>, T: IntegerCode>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let code = match &value {
        Value::Number(number) => match number.as_i64() {
            Some(code) => Ok(code),
            None => scalar::<i64>(&number.to_string()),
        },
        Value::String(_) => scalar::<i64>(&value.to_string()),
        other => Err(format!("expected an integer code, got {other}")),
    };
    code.map(T::from_code).map_err(de::Error::custom)
}

/// Writes an integer-coded enum per its field's wire form.
#[cfg(feature = "integer-codes")]
pub(crate) fn serialize_integer_code_wire<S: Serializer, T: IntegerCode + ?Sized>(
    value: &T,
    as_string: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.code().serialize_wire(as_string, serializer)
}

/// Serialises a string-coded enum as a JSON string.
#[cfg(feature = "string-codes")]
pub(crate) fn serialize_string_code<S: Serializer, T: StringCode + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.code())
}

/// Deserialises a string-coded enum from a string, or from a number read as its text.
#[cfg(feature = "string-codes")]
pub(crate) fn deserialize_string_code<'de, D: Deserializer<'de>, T: StringCode>(
    deserializer: D,
) -> Result<T, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(code) => Ok(T::from_code(code)),
        Value::Number(number) => Ok(T::from_code(number.to_string())),
        other => Err(de::Error::custom(format!(
            "expected a string code, got {other}"
        ))),
    }
}

/// Writes a string-coded enum (always as a string).
#[cfg(feature = "string-codes")]
pub(crate) fn serialize_string_code_wire<S: Serializer, T: StringCode + ?Sized>(
    value: &T,
    _as_string: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.code())
}

// ---------------------------------------------------------------------------------------------
// Timestamps

/// Seconds Beijing time (UTC+8, no daylight saving) is ahead of UTC.
const BEIJING_OFFSET_SECONDS: i64 = 8 * 3600;

/// A point in time as the API writes it.
///
/// Reads every form the documentation shows: `"2015/03/19 13:21"`, `"2015-03-19 13:21"`,
/// `"2014/12/11 9:58"` (one-digit hour), each with optional `:SS` seconds, a bare date
/// (`"2015-03-19"`, midnight), and unix seconds as a number (`1426473466`) or a numeric string
/// (`"1422081708"`). Civil times are Beijing time (UTC+8).
///
/// A timestamp remembers the form it was read in and writes that form back unchanged, so a
/// value taken from a reply can be sent in a request as the server wrote it. Two timestamps
/// are equal when both form and value are; compare [`unix_seconds`](Self::unix_seconds) to
/// compare instants.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    form: Form,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Form {
    /// Civil Beijing time; `text` is what was read, written back verbatim.
    Civil { civil: CivilTime, text: Box<str> },
    /// Unix seconds that arrived as a JSON number.
    UnixNumber(i64),
    /// Unix seconds that arrived as a numeric string.
    UnixString(i64),
}

/// A calendar date and time of day (Beijing time in this crate), always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl CivilTime {
    /// The given date and time, or `None` unless it exists: year 1 to 9999, a real day of
    /// that month, hour 0–23, minute and second 0–59.
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(CivilTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// The year, 1 to 9999.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The hour, 0 to 23.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0 to 59.
    pub fn second(&self) -> u8 {
        self.second
    }

    /// Seconds since the unix epoch of this civil time read at `offset_seconds` east of UTC.
    fn unix_seconds_at_offset(&self, offset_seconds: i64) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - offset_seconds
    }

    /// The civil time `offset_seconds` east of UTC at `unix_seconds`; `None` outside years
    /// 1 to 9999.
    fn from_unix_seconds_at_offset(unix_seconds: i64, offset_seconds: i64) -> Option<Self> {
        let local = unix_seconds.checked_add(offset_seconds)?;
        let days = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        CivilTime::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
            u8::try_from(second_of_day / 3600).ok()?,
            u8::try_from(second_of_day % 3600 / 60).ok()?,
            u8::try_from(second_of_day % 60).ok()?,
        )
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
///
/// Counts in 400-year eras (146 097 days each) of years that start on 1 March, so the leap
/// day is the last day of its year and each month's offset within the year is a linear
/// formula.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719 468 days separate 0000-03-01, the start of era 0, from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01; the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Timestamp {
    /// Unix seconds, written back as a JSON number.
    pub fn from_unix(seconds: i64) -> Self {
        Timestamp {
            form: Form::UnixNumber(seconds),
        }
    }

    /// A Beijing civil time, written as `YYYY-MM-DD HH:MM:SS`.
    pub fn from_beijing(civil: CivilTime) -> Self {
        let text = format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second
        );
        Timestamp {
            form: Form::Civil {
                civil,
                text: text.into(),
            },
        }
    }

    /// Seconds since 1970-01-01 00:00 UTC; civil forms are read as Beijing time (UTC+8).
    pub fn unix_seconds(&self) -> i64 {
        match &self.form {
            Form::Civil { civil, .. } => civil.unix_seconds_at_offset(BEIJING_OFFSET_SECONDS),
            Form::UnixNumber(seconds) | Form::UnixString(seconds) => *seconds,
        }
    }

    /// The Beijing date and time; `None` for unix seconds outside years 1 to 9999.
    pub fn beijing(&self) -> Option<CivilTime> {
        match &self.form {
            Form::Civil { civil, .. } => Some(*civil),
            Form::UnixNumber(seconds) | Form::UnixString(seconds) => {
                CivilTime::from_unix_seconds_at_offset(*seconds, BEIJING_OFFSET_SECONDS)
            }
        }
    }

    /// Whether this timestamp was read or built as unix seconds rather than a civil time.
    pub fn is_unix(&self) -> bool {
        matches!(self.form, Form::UnixNumber(_) | Form::UnixString(_))
    }
}

impl fmt::Display for Timestamp {
    /// The form the timestamp was read or built in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.form {
            Form::Civil { text, .. } => f.write_str(text),
            Form::UnixNumber(seconds) | Form::UnixString(seconds) => write!(f, "{seconds}"),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.form {
            Form::Civil { text, .. } => write!(f, "Timestamp({text:?})"),
            Form::UnixNumber(seconds) => write!(f, "Timestamp({seconds})"),
            Form::UnixString(seconds) => write!(f, "Timestamp(\"{seconds}\")"),
        }
    }
}

/// Why a text is not a [`Timestamp`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date and time (expected e.g. \"2015/03/19 13:21\" or unix seconds): {text:?}")]
pub struct ParseTimestampError {
    text: String,
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    /// Parses any documented form; a string of digits is unix seconds.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let error = || ParseTimestampError {
            text: trimmed.chars().take(40).collect(),
        };
        if let Some(seconds) = parse_unix_text(trimmed) {
            return Ok(Timestamp {
                form: Form::UnixString(seconds),
            });
        }
        let civil = parse_civil(trimmed).ok_or_else(error)?;
        Ok(Timestamp {
            form: Form::Civil {
                civil,
                text: trimmed.into(),
            },
        })
    }
}

/// `digits` as a number when it is `min..=max` ASCII digits.
fn parse_digits(digits: &str, min: usize, max: usize) -> Option<u16> {
    let well_formed =
        (min..=max).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    well_formed.then(|| digits.parse().ok()).flatten()
}

/// Unix seconds written as an optionally signed string of at most 18 digits.
fn parse_unix_text(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let well_formed =
        (1..=18).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    well_formed.then(|| text.parse().ok()).flatten()
}

/// `YYYY/M/D`, `YYYY-M-D`, optionally followed by ` H:MM` and `:SS`.
fn parse_civil(text: &str) -> Option<CivilTime> {
    let (date, time) = match text.split_once(' ') {
        Some((date, time)) => (date, Some(time.trim_start())),
        None => (text, None),
    };
    let separator = if date.contains('/') { '/' } else { '-' };
    let mut date_parts = date.split(separator);
    let year = parse_digits(date_parts.next()?, 4, 4)?;
    let month = parse_digits(date_parts.next()?, 1, 2)?;
    let day = parse_digits(date_parts.next()?, 1, 2)?;
    if date_parts.next().is_some() {
        return None;
    }
    let (hour, minute, second) = match time {
        None => (0, 0, 0),
        Some(time) => {
            let mut time_parts = time.split(':');
            let hour = parse_digits(time_parts.next()?, 1, 2)?;
            let minute = parse_digits(time_parts.next()?, 2, 2)?;
            let second = match time_parts.next() {
                Some(second) => parse_digits(second, 2, 2)?,
                None => 0,
            };
            if time_parts.next().is_some() {
                return None;
            }
            (hour, minute, second)
        }
    };
    CivilTime::new(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
}

impl Serialize for Timestamp {
    /// Writes the form the timestamp was read or built in: a string, or unix seconds as a
    /// number or a string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.form {
            Form::Civil { text, .. } => serializer.serialize_str(text),
            Form::UnixNumber(seconds) => serializer.serialize_i64(*seconds),
            Form::UnixString(seconds) => serializer.collect_str(seconds),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date and time such as \"2015/03/19 13:21\", or unix seconds")
    }

    fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<Timestamp, E> {
        Ok(Timestamp::from_unix(seconds))
    }

    fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<Timestamp, E> {
        i64::try_from(seconds)
            .map(Timestamp::from_unix)
            .map_err(|_| E::custom(format!("unix seconds out of range: {seconds}")))
    }

    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<Timestamp, E> {
        integral_f64(seconds)
            .map(Timestamp::from_unix)
            .ok_or_else(|| E::custom(format!("not whole unix seconds: {seconds}")))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
        text.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use serde_json::json;

    fn lenient_from<T: Lenient>(value: Value) -> Result<T, String> {
        decode_member::<T>(&value.to_string())
    }

    /// Decodes `T` from JSON text, as a reply member.
    fn from_text<T: Lenient>(text: &str) -> Result<T, String> {
        decode_member::<T>(text)
    }

    /// The JSON text `value` is written as.
    #[cfg(feature = "wire-value")]
    fn wire<T: WireValue + ?Sized>(value: &T, as_string: bool) -> String {
        serde_json::to_string(&Wire(value, as_string)).unwrap()
    }

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    // --- lenient decoding

    #[test]
    fn integers_from_numbers_and_numeric_strings() {
        assert_eq!(lenient_from::<i64>(json!(1234566894)), Ok(1234566894));
        assert_eq!(lenient_from::<i64>(json!("1234566894")), Ok(1234566894));
        assert_eq!(lenient_from::<i64>(json!(" -7 ")), Ok(-7));
        assert_eq!(lenient_from::<i64>(json!(3.0)), Ok(3));
        assert_eq!(lenient_from::<i64>(json!("300.00")), Ok(300));
    }

    #[test]
    fn integers_reject_what_is_not_one() {
        for value in [
            json!(""),
            json!(null),
            json!("abc"),
            json!(1.5),
            json!("1.5"),
            json!(true),
            json!([1]),
            json!("99999999999999999999"),
            json!(1e300),
        ] {
            let result = lenient_from::<i64>(value.clone());
            assert!(result.is_err(), "{value} decoded as {result:?}");
        }
    }

    #[test]
    fn optional_values_treat_empty_and_null_as_none() {
        assert_eq!(lenient_from::<Option<i64>>(json!("")), Ok(None));
        assert_eq!(lenient_from::<Option<i64>>(json!(null)), Ok(None));
        assert_eq!(lenient_from::<Option<i64>>(json!("5")), Ok(Some(5)));
        assert!(lenient_from::<Option<i64>>(json!("five")).is_err());
        assert_eq!(lenient_from::<Option<Decimal>>(json!("")), Ok(None));
        assert_eq!(lenient_from::<Option<bool>>(json!(null)), Ok(None));
    }

    #[test]
    fn decimals_keep_their_digits() {
        assert_eq!(
            lenient_from::<Decimal>(json!("29122.0219")),
            Ok(decimal("29122.0219"))
        );
        assert_eq!(lenient_from::<Decimal>(json!(300.5)), Ok(decimal("300.5")));
        assert_eq!(lenient_from::<Decimal>(json!(200)), Ok(decimal("200")));
        assert_eq!(lenient_from::<Decimal>(json!("1e3")), Ok(decimal("1000")));
        let scale = lenient_from::<Decimal>(json!("300.00")).unwrap();
        assert_eq!(scale.to_string(), "300.00");
        assert!(lenient_from::<Decimal>(json!("")).is_err());
        assert!(lenient_from::<Decimal>(json!("1,000")).is_err());
        assert!(lenient_from::<Decimal>(json!({})).is_err());
    }

    #[test]
    fn decimals_are_read_from_their_exact_text() {
        // A JSON number beyond what an f64 holds exactly (it would read 12345678901234568).
        assert_eq!(
            from_text::<Decimal>("12345678901234567.89"),
            Ok(decimal("12345678901234567.89"))
        );
        assert_eq!(
            from_text::<Decimal>(r#""12345678901234567.89""#),
            Ok(decimal("12345678901234567.89"))
        );
        assert_eq!(from_text::<Decimal>("1.25e1"), Ok(decimal("12.5")));
        assert_eq!(from_text::<Decimal>("125E-2"), Ok(decimal("1.25")));
        assert_eq!(from_text::<Decimal>("-0.5"), Ok(decimal("-0.5")));
        assert_eq!(from_text::<Decimal>(r#"" +7 ""#), Ok(decimal("7")));
        assert_eq!(from_text::<Decimal>(r#"".5""#), Ok(decimal("0.5")));
        assert_eq!(from_text::<Decimal>("0.00").unwrap().to_string(), "0.00");
        assert_eq!(from_text::<Decimal>("0e99999999"), Ok(Decimal::ZERO));
        assert_eq!(
            from_text::<Decimal>("79228162514264337593543950335"),
            Ok(Decimal::MAX)
        );
        // Zeros past the 28th decimal place change nothing.
        assert_eq!(
            from_text::<Decimal>("1.000000000000000000000000000000"),
            Ok(decimal("1"))
        );
    }

    #[test]
    fn decimals_that_do_not_fit_are_out_of_range_never_rounded() {
        for text in [
            "79228162514264337593543950336",
            "1e29",
            "1e400",
            "-1e400",
            "0.00000000000000000000000000001",
            "1e-29",
            "1.00000000000000000000000000001",
            r#""123456789012345678901234567890""#,
        ] {
            let error = from_text::<Decimal>(text).unwrap_err();
            assert!(error.starts_with("out of range"), "{text}: {error}");
        }
        for text in [
            r#""1,000""#,
            r#""1_000""#,
            r#""12.5.1""#,
            r#""NaN""#,
            r#""Infinity""#,
            r#""1e""#,
            r#""-""#,
            r#""0x10""#,
            "true",
            "[]",
        ] {
            let error = from_text::<Decimal>(text).unwrap_err();
            assert!(error.starts_with("expected a decimal"), "{text}: {error}");
        }
    }

    #[test]
    fn integers_beyond_i64_are_out_of_range() {
        for text in [
            r#""12345678901234567890""#,
            "12345678901234567890",
            "9223372036854775808",
            "-9223372036854775809",
            "1e19",
            "1e300",
        ] {
            let error = from_text::<i64>(text).unwrap_err();
            assert!(
                error.starts_with("out of range for a 64-bit integer"),
                "{text}: {error}"
            );
        }
        assert_eq!(from_text::<i64>("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(from_text::<i64>(r#""-9223372036854775808""#), Ok(i64::MIN));
        assert_eq!(from_text::<i64>("1e3"), Ok(1000));
        let error = from_text::<i64>("1.5").unwrap_err();
        assert!(error.contains("fraction"), "{error}");
    }

    #[test]
    fn placeholder_dates_are_no_value_when_optional_and_named_when_required() {
        for text in [
            "0000-00-00 00:00:00",
            "0000-00-00",
            "0000-00-00 00:00",
            "0000/00/00 00:00:00",
            "0000-00-00T00:00:00",
            "0000-00-00 00:00:00.000000",
            " 0000-00-00 00:00:00 ",
            "-0001-11-30 00:00:00",
            "-0001-11-30",
        ] {
            assert!(is_placeholder_date(text), "{text}");
            let json = serde_json::to_string(text).unwrap();
            assert_eq!(from_text::<Option<Timestamp>>(&json), Ok(None), "{text}");
            let error = from_text::<Timestamp>(&json).unwrap_err();
            assert!(error.starts_with("a placeholder date"), "{error}");
            assert!(error.contains("0"), "the error shows the value: {error}");
        }
        for text in [
            "0000",
            "0",
            "2015-00-00",
            "0000-01-01",
            "1970-01-01 08:00:00",
        ] {
            assert!(!is_placeholder_date(text), "{text}");
        }
        // A real date next to them still decodes.
        assert!(from_text::<Option<Timestamp>>(r#""2015-03-19 13:21""#).is_ok_and(|t| t.is_some()));
    }

    #[test]
    #[cfg(all(feature = "data-member", feature = "lenient"))]
    fn lists_may_be_php_objects_at_every_depth_and_errors_name_the_path() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Account {
            #[serde(deserialize_with = "lenient")]
            uid: i64,
            #[serde(default, deserialize_with = "lenient")]
            subaccounts: Option<Vec<Account>>,
            #[serde(default, deserialize_with = "lenient")]
            balance: Option<Balance>,
        }
        impl Plain for Account {}
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Balance {
            #[serde(deserialize_with = "lenient")]
            amount: Decimal,
        }
        impl Plain for Balance {}

        let account: Account = decode_lenient(
            r#"{"uid":"1","subaccounts":{"1":{"uid":"2","subaccounts":{"7":{"uid":3}}}},"balance":[]}"#,
        )
        .unwrap();
        let child = account.subaccounts.as_ref().and_then(|list| list.first());
        assert_eq!(child.map(|child| child.uid), Some(2));
        let grandchild = child
            .and_then(|child| child.subaccounts.as_ref())
            .and_then(|list| list.first());
        assert_eq!(grandchild.map(|grandchild| grandchild.uid), Some(3));
        assert_eq!(account.balance, None);

        let (path, error) = decode_lenient::<Account>(
            r#"{"uid":1,"subaccounts":[{"uid":2},{"uid":"12345678901234567890"}]}"#,
        )
        .unwrap_err();
        assert_eq!(path, ".subaccounts[1].uid");
        assert!(error.starts_with("out of range"), "{error}");
        let (path, _) = decode_lenient::<Account>(
            r#"{"uid":1,"subaccounts":{"5":{"uid":1,"balance":{"amount":"1e400"}}}}"#,
        )
        .unwrap_err();
        assert_eq!(path, ".subaccounts.5.balance.amount");
        // `null` where a record must be, and a non-empty list where one may be.
        let (path, _) = decode_lenient::<Account>(r#"{"uid":null}"#).unwrap_err();
        assert_eq!(path, ".uid");
        let (path, _) = decode_lenient::<Account>(r#"{"uid":1,"balance":[1]}"#).unwrap_err();
        assert_eq!(path, ".balance");
        // `null` and `""` where a list may be are no list; `null` where one must be fails.
        let account: Account =
            decode_lenient(r#"{"uid":1,"subaccounts":null,"balance":null}"#).unwrap();
        assert_eq!((account.subaccounts, account.balance), (None, None));
        let account: Account = decode_lenient(r#"{"uid":1,"subaccounts":""}"#).unwrap();
        assert_eq!(account.subaccounts, None);
        assert!(decode_lenient::<Vec<Account>>("null").is_err());
        assert_eq!(decode_lenient::<Vec<Account>>("{}"), Ok(Vec::new()));
    }

    #[test]
    #[cfg(feature = "lenient")]
    fn lenient_types_decode_from_a_serde_json_value_too() {
        // Callers may keep replies as `Value`s; decoding from one goes through its text.
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Price {
            #[serde(deserialize_with = "lenient")]
            price: Decimal,
            #[serde(default, deserialize_with = "lenient")]
            items: Option<Vec<i64>>,
        }
        let price: Price =
            serde_json::from_value(json!({"price": "12.50", "items": {"a": 1, "b": "2"}})).unwrap();
        assert_eq!(price.price.to_string(), "12.50");
        assert_eq!(price.items, Some(vec![1, 2]));
    }

    #[test]
    fn flags_from_every_documented_spelling() {
        for (value, expected) in [
            (json!(1), true),
            (json!(0), false),
            (json!("1"), true),
            (json!("0"), false),
            (json!(true), true),
            (json!(false), false),
        ] {
            assert_eq!(lenient_from::<bool>(value), Ok(expected));
        }
        for value in [json!(2), json!("yes"), json!(""), json!(null), json!(-1)] {
            assert!(lenient_from::<bool>(value).is_err());
        }
    }

    #[test]
    #[cfg(feature = "data-member")]
    fn lists_and_maps_decode_their_items_and_name_the_bad_one() {
        assert_eq!(
            lenient_from::<Vec<i64>>(json!([1, "2", 3.0])),
            Ok(vec![1, 2, 3])
        );
        let (path, error) = decode_lenient::<Vec<i64>>(r#"[1, "x"]"#).unwrap_err();
        assert_eq!(path, "[1]");
        assert!(error.starts_with("expected an integer"), "{error}");
        let (path, _) = decode_lenient::<Vec<i64>>(r#"{"a": 1, "b": "x"}"#).unwrap_err();
        assert_eq!(path, ".b");
        assert_eq!(
            lenient_from::<Vec<i64>>(json!({"3": "7", "9": 8})),
            Ok(vec![7, 8])
        );
        let map = lenient_from::<BTreeMap<String, bool>>(json!({"a": "1", "b": 0})).unwrap();
        assert_eq!(map.get("a"), Some(&true));
        assert_eq!(map.get("b"), Some(&false));
        // PHP's empty "map".
        assert_eq!(
            lenient_from::<BTreeMap<String, i64>>(json!([])),
            Ok(BTreeMap::new())
        );
        assert!(lenient_from::<Vec<i64>>(json!("1,2")).is_err());
    }

    #[test]
    #[cfg(feature = "lenient")]
    fn lenient_is_usable_from_serde_attributes() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Balance {
            #[serde(deserialize_with = "lenient")]
            uid: i64,
            #[serde(deserialize_with = "lenient")]
            price: Decimal,
            #[serde(deserialize_with = "lenient")]
            status: bool,
            #[serde(deserialize_with = "lenient", default)]
            alarm_num: Option<i64>,
            #[serde(deserialize_with = "lenient", default)]
            send_num: Option<i64>,
        }
        let balance: Balance = serde_json::from_value(json!({
            "uid": "1234566894", "price": "29122.0219", "status": "1", "alarm_num": ""
        }))
        .unwrap();
        assert_eq!(
            balance,
            Balance {
                uid: 1234566894,
                price: decimal("29122.0219"),
                status: true,
                alarm_num: None,
                send_num: None,
            }
        );
        let error = serde_json::from_value::<Balance>(json!({
            "uid": "x", "price": "1", "status": 1
        }))
        .unwrap_err();
        assert!(error.to_string().contains("expected an integer"), "{error}");
    }

    // --- request encoding

    #[test]
    #[cfg(feature = "wire-value")]
    fn integers_and_flags_encode_per_wire() {
        assert_eq!(wire(&42i64, false), "42");
        assert_eq!(wire(&42i64, true), r#""42""#);
        assert_eq!(wire(&true, false), "1");
        assert_eq!(wire(&false, true), r#""0""#);
        assert_eq!(wire(&Some(5i64), true), r#""5""#);
        assert_eq!(wire(&None::<i64>, false), "null");
        assert_eq!(wire(&vec![1i64, 2], true), r#"["1","2"]"#);
        let map = BTreeMap::from([("a".to_owned(), true)]);
        assert_eq!(wire(&map, false), r#"{"a":1}"#);
        assert_eq!(wire("x", false), r#""x""#);
    }

    #[test]
    #[cfg(feature = "wire-value")]
    fn decimals_encode_exactly() {
        assert_eq!(wire(&decimal("200"), false), "200");
        assert_eq!(wire(&decimal("300.00"), false), "300");
        assert_eq!(wire(&decimal("-3"), false), "-3");
        assert_eq!(wire(&decimal("-0.00"), false), "0");
        assert_eq!(wire(&decimal("29122.0219"), false), "29122.0219");
        assert_eq!(wire(&decimal("0.1"), false), "0.1");
        assert_eq!(wire(&decimal("12.50"), false), "12.50");
        // Beyond 15 significant digits, where a binary float would round.
        assert_eq!(
            wire(&decimal("12345678901234567.89"), false),
            "12345678901234567.89"
        );
        assert_eq!(
            wire(&decimal("79228162514264337593543950335"), false),
            "79228162514264337593543950335"
        );
        assert_eq!(
            wire(&decimal("0.0000000000000000000000000001"), false),
            "0.0000000000000000000000000001"
        );
        assert_eq!(wire(&decimal("300.00"), true), r#""300.00""#);
        assert_eq!(
            wire(&decimal("12345678901234567.89"), true),
            r#""12345678901234567.89""#
        );
    }

    #[test]
    #[cfg(feature = "wire-value")]
    fn decimals_round_trip_through_the_wire_for_every_scale() {
        for text in [
            "0.01",
            "-7.5",
            "1234567890123456789.0123456789",
            "7922816251426433759354395033.5",
            "-79228162514264337593543950335",
            "0.1234567890123456789012345678",
        ] {
            let value = decimal(text);
            for as_string in [false, true] {
                let written = wire(&value, as_string);
                assert_eq!(from_text::<Decimal>(&written), Ok(value), "{written}");
            }
        }
    }

    #[test]
    #[cfg(all(feature = "wire-number", feature = "wire-string"))]
    fn as_number_and_as_string_work_as_serde_attributes() {
        #[derive(serde::Serialize)]
        struct Request {
            #[serde(serialize_with = "as_number")]
            price: Decimal,
            #[serde(serialize_with = "as_string")]
            qq: i64,
            #[serde(serialize_with = "as_number")]
            daily_report: Option<bool>,
        }
        let body = serde_json::to_string(&Request {
            price: decimal("12345678901234567.89"),
            qq: 110,
            daily_report: Some(true),
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"price":12345678901234567.89,"qq":"110","daily_report":1}"#
        );
    }

    // --- coded enums

    #[derive(Debug, PartialEq)]
    #[cfg(feature = "integer-codes")]
    enum InvoiceType {
        Normal,
        Unknown(i64),
    }

    #[cfg(feature = "integer-codes")]
    impl<'de> Deserialize<'de> for InvoiceType {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_integer_code(deserializer)
        }
    }

    #[cfg(feature = "integer-codes")]
    impl Plain for InvoiceType {}

    #[cfg(feature = "integer-codes")]
    impl IntegerCode for InvoiceType {
        fn code(&self) -> i64 {
            match self {
                InvoiceType::Normal => 1,
                InvoiceType::Unknown(code) => *code,
            }
        }
        fn from_code(code: i64) -> Self {
            match code {
                1 => InvoiceType::Normal,
                other => InvoiceType::Unknown(other),
            }
        }
    }

    #[derive(Debug, PartialEq)]
    #[cfg(feature = "string-codes")]
    enum LogType {
        User,
        Unknown(String),
    }

    #[cfg(feature = "string-codes")]
    impl StringCode for LogType {
        fn code(&self) -> &str {
            match self {
                LogType::User => "user",
                LogType::Unknown(code) => code,
            }
        }
        fn from_code(code: String) -> Self {
            match code.as_str() {
                "user" => LogType::User,
                _ => LogType::Unknown(code),
            }
        }
    }

    #[test]
    #[cfg(feature = "integer-codes")]
    fn integer_codes_accept_numbers_and_strings_and_keep_unknown_codes() {
        let decode = |value: Value| -> Result<InvoiceType, serde_json::Error> {
            deserialize_integer_code(value)
        };
        assert_eq!(decode(json!(1)).unwrap(), InvoiceType::Normal);
        assert_eq!(decode(json!("1")).unwrap(), InvoiceType::Normal);
        assert_eq!(decode(json!(7)).unwrap(), InvoiceType::Unknown(7));
        assert!(decode(json!("x")).is_err());
        let out_of_range = decode(json!(12345678901234567890u64)).unwrap_err();
        assert!(
            out_of_range.to_string().contains("out of range"),
            "{out_of_range}"
        );
        let written = serialize_integer_code(&InvoiceType::Normal, serde_json::value::Serializer);
        assert_eq!(written.unwrap(), json!(1));
        let wire_form = |value: &InvoiceType, as_string: bool| {
            serialize_integer_code_wire(value, as_string, serde_json::value::Serializer).unwrap()
        };
        assert_eq!(wire_form(&InvoiceType::Unknown(3), true), json!("3"));
        assert_eq!(wire_form(&InvoiceType::Normal, false), json!(1));
    }

    #[test]
    #[cfg(all(feature = "data-member", feature = "integer-codes"))]
    fn integer_codes_and_strings_decode_leniently() {
        assert_eq!(lenient_from::<Option<InvoiceType>>(json!("")), Ok(None));
        assert_eq!(
            lenient_from::<Option<InvoiceType>>(json!("1")),
            Ok(Some(InvoiceType::Normal))
        );
        assert_eq!(
            lenient_from::<InvoiceType>(json!(9)),
            Ok(InvoiceType::Unknown(9))
        );
        assert!(lenient_from::<InvoiceType>(json!("normal")).is_err());
        // Text is plain serde text: a number is not a string.
        assert!(lenient_from::<String>(json!(1234567890)).is_err());
        assert_eq!(lenient_from::<Option<String>>(json!("")), Ok(None));
        assert_eq!(lenient_from::<String>(json!("x")), Ok("x".into()));
        assert_eq!(lenient_from::<Option<String>>(json!(null)), Ok(None));
        assert!(lenient_from::<String>(json!({})).is_err());
    }

    #[test]
    #[cfg(feature = "string-codes")]
    fn string_codes_keep_unknown_codes() {
        let decode =
            |value: Value| -> Result<LogType, serde_json::Error> { deserialize_string_code(value) };
        assert_eq!(decode(json!("user")).unwrap(), LogType::User);
        assert_eq!(
            decode(json!("backup")).unwrap(),
            LogType::Unknown("backup".into())
        );
        assert_eq!(decode(json!(3)).unwrap(), LogType::Unknown("3".into()));
        assert!(decode(json!(null)).is_err());
        let written = serialize_string_code(&LogType::User, serde_json::value::Serializer);
        assert_eq!(written.unwrap(), json!("user"));
        let wire_form =
            serialize_string_code_wire(&LogType::User, false, serde_json::value::Serializer);
        assert_eq!(wire_form.unwrap(), json!("user"));
    }

    // --- timestamps

    fn parse(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn every_documented_format_parses_to_beijing_time() {
        // 2015-03-19 13:21 at UTC+8 is 05:21 UTC: 1426742460.
        assert_eq!(parse("2015/03/19 13:21").unix_seconds(), 1_426_742_460);
        assert_eq!(parse("2015-03-19 13:21").unix_seconds(), 1_426_742_460);
        assert_eq!(parse("2015/03/19 13:21:05").unix_seconds(), 1_426_742_465);
        assert_eq!(parse("2015-03-19 13:21:05").unix_seconds(), 1_426_742_465);
        // One-digit hour: 2014-12-11 09:58 +08:00 = 01:58 UTC.
        assert_eq!(parse("2014/12/11 9:58").unix_seconds(), 1_418_263_080);
        assert_eq!(parse("2015-03-19").unix_seconds(), 1_426_694_400);
        assert_eq!(parse("1422081708").unix_seconds(), 1_422_081_708);
        let from_number: Timestamp = serde_json::from_value(json!(1426473466)).unwrap();
        assert_eq!(from_number.unix_seconds(), 1_426_473_466);
        let from_string: Timestamp = serde_json::from_value(json!("1422081708")).unwrap();
        assert_eq!(from_string.unix_seconds(), 1_422_081_708);
    }

    #[test]
    fn timestamps_round_trip_in_the_form_they_were_read() {
        for value in [
            json!("2015/03/19 13:21"),
            json!("2015-03-19 13:21"),
            json!("2014/12/11 9:58"),
            json!("2015/03/19 13:21:59"),
            json!("2015-03-19"),
            json!("1422081708"),
            json!(1426473466),
        ] {
            let timestamp: Timestamp = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(serde_json::to_value(&timestamp).unwrap(), value);
            if let Value::String(text) = &value {
                assert_eq!(&timestamp.to_string(), text);
            }
        }
    }

    #[test]
    fn garbage_timestamps_are_rejected_without_panicking() {
        for text in [
            "",
            " ",
            "garbage",
            "2015/13/01 10:00",
            "2015/02/29 10:00",
            "1900-02-29",
            "2015/03/19 24:00",
            "2015/03/19 13:60",
            "2015/03/19 13:2",
            "2015/03/19 13:21:60",
            "2015/03/19 13:21:00:00",
            "2015/03/19/01",
            "15/03/19 13:21",
            "2015/03/19 13",
            "2015/03/19 ab:cd",
            "0000-01-01",
            "2015-03/19",
            "２０１５/03/19",
            "+2015/03/19",
            "123456789012345678901",
            "2015/03/19 13:21 extra",
        ] {
            assert!(text.parse::<Timestamp>().is_err(), "{text:?} parsed");
        }
        for value in [
            json!(null),
            json!(true),
            json!(1.5),
            json!([]),
            json!(u64::MAX),
        ] {
            assert!(
                serde_json::from_value::<Timestamp>(value.clone()).is_err(),
                "{value} decoded"
            );
        }
    }

    #[test]
    fn leap_days_and_month_lengths() {
        assert!("2000-02-29 00:00".parse::<Timestamp>().is_ok());
        assert!("2016/02/29 00:00".parse::<Timestamp>().is_ok());
        assert!("2100-02-29 00:00".parse::<Timestamp>().is_err());
        assert!("2015-04-31 00:00".parse::<Timestamp>().is_err());
        assert!("2015-12-31 23:59:59".parse::<Timestamp>().is_ok());
    }

    #[test]
    fn civil_day_math_matches_known_dates_and_inverts() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1, 1, 1), -719_162);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        for days in (-719_162..=2_932_896).step_by(97) {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(
                days_from_civil(year, month, day),
                days,
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn unix_timestamps_convert_to_beijing_civil_time() {
        let civil = Timestamp::from_unix(1_426_473_466).beijing().unwrap();
        // 2015-03-16 02:37:46 UTC is 10:37:46 in Beijing.
        assert_eq!(civil, CivilTime::new(2015, 3, 16, 10, 37, 46).unwrap());
        assert_eq!(
            Timestamp::from_unix(-28_800).beijing(),
            CivilTime::new(1970, 1, 1, 0, 0, 0)
        );
        assert_eq!(Timestamp::from_unix(i64::MAX).beijing(), None);
        assert_eq!(Timestamp::from_unix(i64::MIN).beijing(), None);
        assert!(Timestamp::from_unix(0).is_unix());
        assert!(!parse("2015-03-19").is_unix());
    }

    #[test]
    fn built_civil_timestamps_use_the_iso_like_form() {
        let civil = CivilTime::new(2015, 3, 9, 8, 5, 0).unwrap();
        let timestamp = Timestamp::from_beijing(civil);
        assert_eq!(timestamp.to_string(), "2015-03-09 08:05:00");
        assert_eq!(timestamp.beijing(), Some(civil));
        assert_eq!(
            timestamp.unix_seconds(),
            parse("2015/03/09 8:05").unix_seconds()
        );
        assert_eq!(CivilTime::new(2015, 2, 29, 0, 0, 0), None);
    }

    #[test]
    #[cfg(feature = "wire-value")]
    fn timestamps_encode_per_wire() {
        let civil = parse("2015/03/19 13:21");
        assert_eq!(wire(&civil, true), r#""2015/03/19 13:21""#);
        assert_eq!(wire(&civil, false), "1426742460");
        let unix = Timestamp::from_unix(5);
        assert_eq!(wire(&unix, true), r#""5""#);
        assert_eq!(wire(&unix, false), "5");
    }

    #[test]
    #[cfg(feature = "data-member")]
    fn timestamps_decode_leniently_too() {
        assert_eq!(lenient_from::<Option<Timestamp>>(json!("")), Ok(None));
        assert_eq!(
            lenient_from::<Option<Timestamp>>(json!(7)),
            Ok(Some(Timestamp::from_unix(7)))
        );
        assert!(lenient_from::<Timestamp>(json!("later")).is_err());
    }

    #[test]
    fn debug_shows_the_form() {
        assert_eq!(
            format!("{:?}", parse("2014/12/11 9:58")),
            "Timestamp(\"2014/12/11 9:58\")"
        );
        assert_eq!(format!("{:?}", Timestamp::from_unix(3)), "Timestamp(3)");
        assert_eq!(format!("{:?}", parse("3")), "Timestamp(\"3\")");
    }
}
