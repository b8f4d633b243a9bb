//! How values look on the wire, both ways.
//!
//! VeryCloud's replies write numbers sometimes as JSON numbers and sometimes as strings
//! (`"uid": "1234566894"`, `"total": "1"` next to `"totalpage": 1`), flags as `0`/`1` or
//! `"0"`/`"1"`, and empty values as `""`. Replies are therefore decoded leniently ([`Lenient`]);
//! requests are written exactly as the spec says each field travels ([`WireValue`]).
//! [`Timestamp`] covers the documented date formats.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Reply side

/// A type decoded leniently from a reply: integers and decimals from a number or a numeric
/// string, flags from `0`/`1`/`"0"`/`"1"`/`true`/`false`, and `""` or `null` as `None` for
/// optional values.
pub trait Lenient: Sized {
    /// Decodes `value`, or says what was expected instead.
    fn from_json(value: &Value) -> Result<Self, String>;
}

/// `#[serde(deserialize_with = "crate::wire::lenient")]`: decodes any [`Lenient`] type.
#[cfg(feature = "lenient")]
pub(crate) fn lenient<'de, D: Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    T::from_json(&value).map_err(de::Error::custom)
}

/// A short rendering of a JSON value for error messages.
fn describe(value: &Value) -> String {
    const LIMIT: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

/// An `f64` holding a whole number within `i64`, as that integer.
fn integral_f64(number: f64) -> Option<i64> {
    // i64::MAX as f64 rounds up to 2^63, hence the exclusive upper bound.
    let in_range = (i64::MIN as f64..i64::MAX as f64).contains(&number);
    (in_range && number.fract() == 0.0).then_some(number as i64)
}

/// Decimal text in plain (`12.5`) or scientific (`1.25e1`) notation.
fn parse_decimal_text(text: &str) -> Option<Decimal> {
    let text = text.trim();
    Decimal::from_str(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// Integer text, also `"300.00"`-style whole decimals.
fn parse_integer_text(text: &str) -> Option<i64> {
    let text = text.trim();
    text.parse::<i64>().ok().or_else(|| {
        parse_decimal_text(text)
            .filter(|decimal| decimal.fract().is_zero())
            .and_then(|decimal| decimal.to_i64())
    })
}

impl Lenient for i64 {
    fn from_json(value: &Value) -> Result<Self, String> {
        let integer = match value {
            Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().and_then(integral_f64)),
            Value::String(text) => parse_integer_text(text),
            _ => None,
        };
        integer.ok_or_else(|| {
            format!(
                "expected an integer or a numeric string, got {}",
                describe(value)
            )
        })
    }
}

impl Lenient for Decimal {
    fn from_json(value: &Value) -> Result<Self, String> {
        let decimal = match value {
            // A JSON number's text is exact for integers and the shortest round-trip form
            // for floats, so going through text loses nothing the number had.
            Value::Number(number) => parse_decimal_text(&number.to_string()),
            Value::String(text) => parse_decimal_text(text),
            _ => None,
        };
        decimal.ok_or_else(|| {
            format!(
                "expected a decimal number or a numeric string, got {}",
                describe(value)
            )
        })
    }
}

impl Lenient for bool {
    fn from_json(value: &Value) -> Result<Self, String> {
        let flag = match value {
            Value::Bool(flag) => Some(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(text) => match text.trim() {
                "0" | "false" => Some(false),
                "1" | "true" => Some(true),
                _ => None,
            },
            _ => None,
        };
        flag.ok_or_else(|| format!("expected a flag (0 or 1), got {}", describe(value)))
    }
}

impl Lenient for Timestamp {
    fn from_json(value: &Value) -> Result<Self, String> {
        match value {
            Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().and_then(integral_f64))
                .map(Timestamp::from_unix)
                .ok_or_else(|| format!("expected unix seconds, got {}", describe(value))),
            Value::String(text) => text
                .parse()
                .map_err(|error: ParseTimestampError| error.to_string()),
            _ => Err(format!("expected a date and time, got {}", describe(value))),
        }
    }
}

/// Integer-coded enums decode leniently too, so an optional one can treat `""` as `None`.
#[cfg(feature = "integer-codes")]
impl<T: IntegerCode> Lenient for T {
    fn from_json(value: &Value) -> Result<Self, String> {
        i64::from_json(value).map(T::from_code)
    }
}

/// Strings decode from a string, or from a number read as its text (the same member is
/// `1234567890` in one reply and `"1234566894"` in another).
impl Lenient for String {
    fn from_json(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(text) => Ok(text.clone()),
            Value::Number(number) => Ok(number.to_string()),
            other => Err(format!("expected a string, got {}", describe(other))),
        }
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(text) if text.trim().is_empty() => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        let items: Box<dyn Iterator<Item = (String, &Value)>> = match value {
            Value::Array(items) => Box::new(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| (index.to_string(), item)),
            ),
            // PHP encodes a list whose keys are not 0..n as an object.
            Value::Object(members) => {
                Box::new(members.iter().map(|(key, item)| (key.clone(), item)))
            }
            other => return Err(format!("expected a list, got {}", describe(other))),
        };
        items
            .map(|(key, item)| T::from_json(item).map_err(|error| format!("[{key}]: {error}")))
            .collect()
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        match value {
            Value::Object(members) => members
                .iter()
                .map(|(key, item)| {
                    T::from_json(item)
                        .map(|decoded| (key.clone(), decoded))
                        .map_err(|error| format!("[{key}]: {error}"))
                })
                .collect(),
            // PHP encodes an empty map, and a map keyed 0..n, as an array.
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    T::from_json(item)
                        .map(|decoded| (index.to_string(), decoded))
                        .map_err(|error| format!("[{index}]: {error}"))
                })
                .collect(),
            other => Err(format!("expected an object, got {}", describe(other))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Request side

/// A value written into a request as the spec says its field travels: as a JSON number or
/// as a string.
#[cfg(feature = "wire-value")]
pub trait WireValue {
    /// The JSON for this value; `as_string` asks for the string form.
    fn to_json(&self, as_string: bool) -> Value;
}

/// `#[serde(serialize_with = "crate::wire::as_number")]`: writes numbers as JSON numbers.
#[cfg(feature = "wire-number")]
pub(crate) fn as_number<S: Serializer, T: WireValue + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.to_json(false).serialize(serializer)
}

/// `#[serde(serialize_with = "crate::wire::as_string")]`: writes numbers as strings.
#[cfg(feature = "wire-string")]
pub(crate) fn as_string<S: Serializer, T: WireValue + ?Sized>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.to_json(true).serialize(serializer)
}

#[cfg(feature = "wire-value")]
impl WireValue for i64 {
    fn to_json(&self, as_string: bool) -> Value {
        if as_string {
            Value::String(self.to_string())
        } else {
            Value::from(*self)
        }
    }
}

/// As a number, a whole amount is written as a JSON integer and any other as the nearest
/// `f64`, written in its shortest round-trip form. An amount with at most 15 significant
/// digits (every money amount the API uses: `29122.0219`, `300.00`) therefore arrives exactly;
/// beyond that the `f64`'s 53-bit mantissa rounds it (about 16 significant digits survive).
/// Exact digits for any amount would need serde_json's `arbitrary_precision`, a
/// process-wide switch that changes how every other crate's JSON numbers behave, so the
/// client does not turn it on. As a string, the amount is written exactly, scale included.
#[cfg(feature = "wire-value")]
impl WireValue for Decimal {
    fn to_json(&self, as_string: bool) -> Value {
        if as_string {
            return Value::String(self.to_string());
        }
        if self.fract().is_zero()
            && let Some(integer) = self.to_i64()
        {
            return Value::from(integer);
        }
        self.to_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(self.to_string()), Value::Number)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for bool {
    fn to_json(&self, as_string: bool) -> Value {
        let code = i64::from(*self);
        code.to_json(as_string)
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for Timestamp {
    /// As a number: unix seconds. As a string: the form the timestamp was read or built in.
    fn to_json(&self, as_string: bool) -> Value {
        if as_string {
            Value::String(self.to_string())
        } else {
            Value::from(self.unix_seconds())
        }
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for String {
    fn to_json(&self, _as_string: bool) -> Value {
        Value::String(self.clone())
    }
}

#[cfg(feature = "wire-value")]
impl WireValue for str {
    fn to_json(&self, _as_string: bool) -> Value {
        Value::String(self.to_owned())
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for Option<T> {
    fn to_json(&self, as_string: bool) -> Value {
        self.as_ref()
            .map_or(Value::Null, |value| value.to_json(as_string))
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for Vec<T> {
    fn to_json(&self, as_string: bool) -> Value {
        Value::Array(self.iter().map(|item| item.to_json(as_string)).collect())
    }
}

#[cfg(feature = "wire-value")]
impl<T: WireValue> WireValue for BTreeMap<String, T> {
    fn to_json(&self, as_string: bool) -> Value {
        Value::Object(
            self.iter()
                .map(|(key, item)| (key.clone(), item.to_json(as_string)))
                .collect(),
        )
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

/// Deserialises an integer-coded enum from `1` or `"1"`.
#[cfg(feature = "integer-codes")]
pub(crate) fn deserialize_integer_code<'de, D: Deserializer<'de>, T: IntegerCode>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    i64::from_json(&value)
        .map(T::from_code)
        .map_err(de::Error::custom)
}

/// The request-side JSON of an integer-coded enum.
#[cfg(feature = "integer-codes")]
pub(crate) fn integer_code_to_json<T: IntegerCode + ?Sized>(value: &T, as_string: bool) -> Value {
    value.code().to_json(as_string)
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
            "expected a string code, got {}",
            describe(&other)
        ))),
    }
}

/// The request-side JSON of a string-coded enum (always a string).
#[cfg(feature = "string-codes")]
pub(crate) fn string_code_to_json<T: StringCode + ?Sized>(value: &T, _as_string: bool) -> Value {
    Value::String(value.code().to_owned())
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
        T::from_json(&value)
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
    fn lists_and_maps_decode_their_items_and_name_the_bad_one() {
        assert_eq!(
            lenient_from::<Vec<i64>>(json!([1, "2", 3.0])),
            Ok(vec![1, 2, 3])
        );
        let error = lenient_from::<Vec<i64>>(json!([1, "x"])).unwrap_err();
        assert!(error.starts_with("[1]:"), "{error}");
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
        assert_eq!(42i64.to_json(false), json!(42));
        assert_eq!(42i64.to_json(true), json!("42"));
        assert_eq!(true.to_json(false), json!(1));
        assert_eq!(false.to_json(true), json!("0"));
        assert_eq!(Some(5i64).to_json(true), json!("5"));
        assert_eq!(None::<i64>.to_json(false), json!(null));
        assert_eq!(vec![1i64, 2].to_json(true), json!(["1", "2"]));
        let map = BTreeMap::from([("a".to_owned(), true)]);
        assert_eq!(map.to_json(false), json!({"a": 1}));
        assert_eq!("x".to_json(false), json!("x"));
    }

    #[test]
    #[cfg(feature = "wire-value")]
    fn decimals_encode_as_integers_when_whole_and_exactly_as_strings() {
        assert_eq!(decimal("200").to_json(false), json!(200));
        assert_eq!(decimal("300.00").to_json(false), json!(300));
        assert_eq!(decimal("-3").to_json(false), json!(-3));
        assert_eq!(decimal("29122.0219").to_json(false), json!(29122.0219));
        assert_eq!(
            serde_json::to_string(&decimal("29122.0219").to_json(false)).unwrap(),
            "29122.0219"
        );
        assert_eq!(decimal("0.1").to_json(false), json!(0.1));
        assert_eq!(decimal("300.00").to_json(true), json!("300.00"));
        // Whole but beyond i64: still a number, via f64.
        let huge = decimal("79228162514264337593543950335");
        assert!(huge.to_json(false).is_f64());
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
        let body = serde_json::to_value(Request {
            price: decimal("200"),
            qq: 110,
            daily_report: Some(true),
        })
        .unwrap();
        assert_eq!(body, json!({"price": 200, "qq": "110", "daily_report": 1}));
    }

    // --- coded enums

    #[cfg(feature = "integer-codes")]
    #[derive(Debug, PartialEq)]
    enum InvoiceType {
        Normal,
        Unknown(i64),
    }

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

    #[cfg(feature = "string-codes")]
    #[derive(Debug, PartialEq)]
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
        let written = serialize_integer_code(&InvoiceType::Normal, serde_json::value::Serializer);
        assert_eq!(written.unwrap(), json!(1));
        assert_eq!(
            integer_code_to_json(&InvoiceType::Unknown(3), true),
            json!("3")
        );
        assert_eq!(integer_code_to_json(&InvoiceType::Normal, false), json!(1));
    }

    #[test]
    #[cfg(feature = "integer-codes")]
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
        assert_eq!(
            lenient_from::<String>(json!(1234567890)),
            Ok("1234567890".into())
        );
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
        assert_eq!(string_code_to_json(&LogType::User, false), json!("user"));
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
        assert_eq!(civil.to_json(true), json!("2015/03/19 13:21"));
        assert_eq!(civil.to_json(false), json!(1_426_742_460));
        let unix = Timestamp::from_unix(5);
        assert_eq!(unix.to_json(true), json!("5"));
        assert_eq!(unix.to_json(false), json!(5));
    }

    #[test]
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
