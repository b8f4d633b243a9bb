//! Every fact about a scalar, in one place.
//!
//! What a spec author writes (`decimal`), which JSON values it accepts and in which encodings,
//! the Rust type the client uses, the JSON Schema forms the OpenAPI document gives it, how the
//! command-line tool reads it from a flag, the docs' type words that describe it, and which
//! other scalars it widens. Every consumer (validation, the emitters, the diff, the docs drift)
//! asks these methods; each is an exhaustive `match`, so adding a variant to [`Scalar`] is a
//! change the compiler walks you through, in this file alone (plus the runtime's decoding, if
//! the Rust type is new, and the CLI runtime's parser, if its text is read in a new way).

use serde_json::Value as Json;

/// Declares [`Scalar`] and [`Scalar::ALL`] from one list, so that no variant can be left out
/// of `ALL` (which `from_keyword` and the tests walk).
macro_rules! scalars {
    ($($(#[$doc:meta])* $variant:ident,)*) => {
        /// A scalar type of the spec's type expressions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Scalar {
            $($(#[$doc])* $variant,)*
        }

        impl Scalar {
            /// Every scalar, in the order spec/README.md lists them.
            pub const ALL: &'static [Scalar] = &[$(Scalar::$variant,)*];
        }
    };
}

scalars! {
    /// Text.
    String,
    /// A whole number, 64 bits signed.
    Integer,
    /// A money amount: an exact decimal, never a binary float.
    Decimal,
    /// 0 or 1.
    Flag,
    /// A local (Beijing) date and time as `2015/03/19 13:21` or `2015-03-19 13:21`.
    DateTime,
    /// Seconds since the Unix epoch.
    UnixTime,
    /// Any JSON value, kept as is.
    Json,
}

/// How a scalar may be written in JSON, which decides what a field's `wire` may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A number by default; `wire: string` or `wire: either` (a number or a numeric string)
    /// may override it.
    Numeric,
    /// Always a JSON string; `wire` may only say `string`.
    Text,
    /// Any JSON value: `wire` does not apply.
    Any,
}

/// How a field writes its innermost scalar (or coded enum) in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wire {
    /// A JSON number.
    Number,
    /// A JSON string holding the value's text.
    String,
    /// A number or a numeric string; both decode. Requests send a number.
    Either,
}

/// The Rust type the generated client gives a scalar, and how its serde attributes read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RustType {
    /// The type with an absolute path, for generated code (`::rust_decimal::Decimal`).
    pub path: &'static str,
    /// The type as a reader writes it, for prose and reports (`Decimal`).
    pub display: &'static str,
    /// Decoded through the runtime's `wire::lenient`, because the docs send the value both as
    /// a number and as a numeric string, and an empty value as `""`.
    pub lenient: bool,
    /// Encoded through the runtime's `wire::as_number`/`as_string`, as the field's `wire` says.
    pub per_wire: bool,
}

/// How the generated command-line tool reads a value of a scalar from a flag's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CliValue {
    /// The CLI runtime's parser (`generator/cli-runtime/src/values.rs`), as a path in the
    /// generated CLI crate (`crate::values::integer`): it refuses text that is not a value of
    /// the scalar, with a message saying why, and turns the rest into the JSON the request
    /// type decodes.
    pub parser: &'static str,
    /// The placeholder the help shows for the value (`INT`).
    pub value_name: &'static str,
    /// No value's text contains a comma, so a list of them may be given comma-separated in
    /// one flag (`--domain-ids 1,2,3`) as well as by repeating the flag.
    pub comma_separated: bool,
    /// A value may start with `-` (a negative number), which the parser of the command line
    /// must not take for a flag.
    pub negative: bool,
}

/// A JSON Schema for a scalar written as a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberSchema {
    /// `type: integer, format: int64` (ids such as 7002123456 overflow 32 bits).
    Int64,
    /// `type: integer, enum: [0, 1]`.
    ZeroOrOne,
    /// `type: number` without a `format`, which would suggest a binary float.
    Number,
}

/// A JSON Schema for a scalar written as a JSON string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringSchema {
    /// `type: string`.
    Plain,
    /// `type: string` with this `pattern`.
    Pattern(&'static str),
    /// `type: string, enum: [..]`.
    OneOf(&'static [&'static str]),
}

/// The JSON Schemas of a scalar's wire forms; `None` for [`Scalar::Json`], which accepts any
/// value (the empty schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaForms {
    /// As a JSON number (`wire: number`).
    pub number: NumberSchema,
    /// As a JSON string (`wire: string`).
    pub string: StringSchema,
}

/// What the vendor's docs can tell about a value from their type words (`int`, `string`,
/// `decimal`, `array`): four kinds, coarser than the spec's scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocsKind {
    /// `int`: integers, flags, unix times, integer-coded enums.
    WholeNumber,
    /// `decimal`.
    Decimal,
    /// `string`: text, dates, string-coded enums.
    Text,
    /// No docs word describes it.
    Any,
}

/// An integer written as a JSON string (`"1234567890"`).
pub const INTEGER_STRING_PATTERN: &str = "^-?[0-9]+$";
/// A decimal amount written as a JSON string (`"29122.0219"`, `"300.00"`, `"0"`).
pub const DECIMAL_STRING_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";
/// Every documented date-time form: `2015/03/19 13:21`, `2015-03-19 13:21`, `2014/12/11 9:58`,
/// with optional seconds. One separator throughout the date.
pub const DATETIME_PATTERN: &str =
    "^[0-9]{4}(/[0-9]{2}/[0-9]{2}|-[0-9]{2}-[0-9]{2}) [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$";

/// What a flag's values mean, in the order of the `enum` of its schemas (`0`, then `1`): the
/// name a generated client gives each value (`x-enum-varnames`) and its description
/// (`x-enum-descriptions`).
pub const FLAG_VALUES: [(&str, &str); 2] = [("No", "No, off, false."), ("Yes", "Yes, on, true.")];

impl Scalar {
    /// The word a spec author writes for this scalar in a type expression.
    pub fn keyword(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Decimal => "decimal",
            Scalar::Flag => "flag",
            Scalar::DateTime => "datetime",
            Scalar::UnixTime => "unixtime",
            Scalar::Json => "json",
        }
    }

    /// The scalar a type-expression word names, if it names one.
    pub fn from_keyword(word: &str) -> Option<Scalar> {
        Scalar::ALL
            .iter()
            .copied()
            .find(|scalar| scalar.keyword() == word)
    }

    /// Every keyword, comma-separated, for messages.
    pub fn keywords() -> String {
        let keywords: Vec<&str> = Scalar::ALL.iter().map(|scalar| scalar.keyword()).collect();
        keywords.join(", ")
    }

    /// How the scalar may be written in JSON.
    pub fn encoding(self) -> Encoding {
        match self {
            Scalar::Integer | Scalar::Decimal | Scalar::Flag | Scalar::UnixTime => {
                Encoding::Numeric
            }
            Scalar::String | Scalar::DateTime => Encoding::Text,
            Scalar::Json => Encoding::Any,
        }
    }

    /// Whether `value` is a value of this scalar written as `wire` allows. Only the shape of
    /// the text is judged for dates (the runtime checks the calendar).
    pub fn accepts(self, value: &Json, wire: Wire) -> bool {
        if self == Scalar::Json {
            return true;
        }
        match (self.encoding(), value) {
            (Encoding::Text, Json::String(text)) => self.text_fits(text),
            (Encoding::Numeric, Json::Number(number)) => {
                wire != Wire::String && self.number_fits(number)
            }
            (Encoding::Numeric, Json::String(text)) => wire != Wire::Number && self.text_fits(text),
            _ => false,
        }
    }

    /// When `value` is written as `wire` allows and has this scalar's form (an integer, a
    /// decimal amount) but lies outside the range the client's Rust type holds, that range in
    /// words: validation then says "out of range" rather than "not a number".
    pub fn out_of_range(self, value: &Json, wire: Wire) -> Option<&'static str> {
        if self.accepts(value, wire) {
            return None;
        }
        let (integer_form, decimal_form) = match value {
            Json::Number(number) if wire != Wire::String => {
                let whole = number.is_u64()
                    || number
                        .as_f64()
                        .is_some_and(|n| n.is_finite() && n.fract() == 0.0);
                (whole, true)
            }
            Json::String(text) if wire != Wire::Number => {
                (is_integer_text(text), is_decimal_text(text))
            }
            _ => (false, false),
        };
        match self {
            Scalar::Integer | Scalar::UnixTime if integer_form => Some(INTEGER_RANGE),
            Scalar::Decimal if decimal_form => Some(DECIMAL_RANGE),
            _ => None,
        }
    }

    /// Whether a JSON number is a value of this scalar.
    fn number_fits(self, number: &serde_json::Number) -> bool {
        match self {
            Scalar::Integer | Scalar::UnixTime => number.is_i64(),
            Scalar::Decimal => number.as_f64().is_some_and(|n| n.abs() <= DECIMAL_MAX_F64),
            Scalar::Flag => number.as_u64().is_some_and(|n| n <= 1),
            Scalar::String | Scalar::DateTime | Scalar::Json => false,
        }
    }

    /// Whether text (a JSON string) is a value of this scalar.
    fn text_fits(self, text: &str) -> bool {
        match self {
            Scalar::Integer | Scalar::UnixTime => {
                is_integer_text(text) && text.parse::<i64>().is_ok()
            }
            Scalar::Decimal => is_decimal_text(text) && decimal_text_fits(text),
            Scalar::Flag => text == "0" || text == "1",
            Scalar::String | Scalar::DateTime | Scalar::Json => true,
        }
    }

    /// The Rust type of the generated client.
    pub fn rust(self) -> RustType {
        let (path, display) = match self {
            Scalar::String => ("::std::string::String", "String"),
            Scalar::Integer => ("i64", "i64"),
            Scalar::Decimal => ("::rust_decimal::Decimal", "Decimal"),
            Scalar::Flag => ("bool", "bool"),
            Scalar::DateTime | Scalar::UnixTime => ("crate::Timestamp", "Timestamp"),
            Scalar::Json => ("::serde_json::Value", "serde_json::Value"),
        };
        // Dates are lenient too: `""` and the forms of both separators decode.
        let lenient = match self {
            Scalar::Integer
            | Scalar::Decimal
            | Scalar::Flag
            | Scalar::DateTime
            | Scalar::UnixTime => true,
            Scalar::String | Scalar::Json => false,
        };
        // A timestamp goes out as unix seconds or in the form it was read in, as `wire` says.
        let per_wire = lenient;
        RustType {
            path,
            display,
            lenient,
            per_wire,
        }
    }

    /// How the command-line tool reads it from a flag.
    pub fn cli(self) -> CliValue {
        let (parser, value_name, comma_separated, negative) = match self {
            Scalar::String => ("crate::values::text", "TEXT", false, false),
            Scalar::Integer => ("crate::values::integer", "INT", true, true),
            Scalar::Decimal => ("crate::values::decimal", "DECIMAL", true, true),
            Scalar::Flag => ("crate::values::flag", "0|1", true, false),
            // Either form of a date: `2015/03/19 13:21` or unix seconds.
            Scalar::DateTime | Scalar::UnixTime => ("crate::values::time", "TIME", true, true),
            Scalar::Json => ("crate::values::json", "JSON", false, false),
        };
        CliValue {
            parser,
            value_name,
            comma_separated,
            negative,
        }
    }

    /// The JSON Schemas of its wire forms.
    pub fn schema_forms(self) -> Option<SchemaForms> {
        let (number, string) = match self {
            Scalar::Integer | Scalar::UnixTime => (
                NumberSchema::Int64,
                StringSchema::Pattern(INTEGER_STRING_PATTERN),
            ),
            Scalar::DateTime => (NumberSchema::Int64, StringSchema::Pattern(DATETIME_PATTERN)),
            Scalar::Decimal => (
                NumberSchema::Number,
                StringSchema::Pattern(DECIMAL_STRING_PATTERN),
            ),
            Scalar::Flag => (NumberSchema::ZeroOrOne, StringSchema::OneOf(&["0", "1"])),
            Scalar::String => (NumberSchema::Number, StringSchema::Plain),
            Scalar::Json => return None,
        };
        Some(SchemaForms { number, string })
    }

    /// What the docs' type words can say about it.
    pub fn docs_kind(self) -> DocsKind {
        match self {
            Scalar::Integer | Scalar::Flag | Scalar::UnixTime => DocsKind::WholeNumber,
            Scalar::Decimal => DocsKind::Decimal,
            Scalar::String | Scalar::DateTime => DocsKind::Text,
            Scalar::Json => DocsKind::Any,
        }
    }

    /// Whether every value of `narrower` is a value of `self`, so that changing a field from
    /// `narrower` to `self` widens it (`decimal` admits every `integer`, `json` everything).
    pub fn admits(self, narrower: Scalar) -> bool {
        use Scalar::*;
        let widens = match self {
            Json => true,
            Decimal => matches!(narrower, Integer | Flag | UnixTime),
            Integer => matches!(narrower, Flag | UnixTime),
            String => matches!(narrower, DateTime),
            Flag | DateTime | UnixTime => false,
        };
        self == narrower || widens
    }
}

impl DocsKind {
    /// The docs' words for values of this kind, lower-case.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            DocsKind::WholeNumber => &["int", "integer"],
            DocsKind::Decimal => &["decimal"],
            DocsKind::Text => &["string"],
            DocsKind::Any => &[],
        }
    }
}

impl Wire {
    /// The word a spec author writes for it.
    pub fn keyword(self) -> &'static str {
        match self {
            Wire::Number => "number",
            Wire::String => "string",
            Wire::Either => "either",
        }
    }

    /// The encoding a `wire` word names.
    pub fn from_keyword(word: &str) -> Option<Wire> {
        [Wire::Number, Wire::String, Wire::Either]
            .into_iter()
            .find(|wire| wire.keyword() == word)
    }

    /// The default for an encoding: what a field says when it has no `wire`. Values that are
    /// not numeric have no choice; their (unused) default is `string`.
    pub fn default_for(encoding: Encoding) -> Wire {
        match encoding {
            Encoding::Numeric => Wire::Number,
            Encoding::Text | Encoding::Any => Wire::String,
        }
    }

    /// Whether every encoding `narrower` allows is allowed by `self` (`either` allows both).
    pub fn admits(self, narrower: Wire) -> bool {
        self == narrower || self == Wire::Either
    }
}

/// The range of `integer` and `unixtime` (the client's `i64`), in words.
pub const INTEGER_RANGE: &str = "64-bit integers, -9223372036854775808 to 9223372036854775807";

/// The range of `decimal` (the client's `rust_decimal::Decimal`: a 96-bit integer with up to 28
/// digits after the point), in words.
pub const DECIMAL_RANGE: &str =
    "decimals of at most 28 digits after the point, below 79228162514264337593543950336 in size";

/// The largest `decimal` as a float, for JSON numbers (which arrive as `f64`).
const DECIMAL_MAX_F64: f64 = 7.922_816_251_426_434e28;

/// The largest `decimal`'s integer digits.
const DECIMAL_MAX_DIGITS: &str = "79228162514264337593543950335";

/// Whether decimal text (already of the right form) is within `decimal`'s range.
fn decimal_text_fits(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let whole = whole.trim_start_matches('0');
    let whole_fits = whole.len() < DECIMAL_MAX_DIGITS.len()
        || (whole.len() == DECIMAL_MAX_DIGITS.len() && whole <= DECIMAL_MAX_DIGITS);
    whole_fits && fraction.len() <= 28
}

/// An optional `-` and at least one ASCII digit.
pub fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An optional `-`, digits, and optionally `.` and more digits.
pub fn is_decimal_text(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_round_trip() {
        for &scalar in Scalar::ALL {
            assert_eq!(Scalar::from_keyword(scalar.keyword()), Some(scalar));
        }
        assert_eq!(Scalar::from_keyword("int"), None);
        assert_eq!(Wire::from_keyword("either"), Some(Wire::Either));
    }

    #[test]
    fn accepts_values_in_the_encodings_wire_allows() {
        assert!(Scalar::Integer.accepts(&json!(5), Wire::Number));
        assert!(!Scalar::Integer.accepts(&json!("5"), Wire::Number));
        assert!(Scalar::Integer.accepts(&json!("5"), Wire::Either));
        assert!(!Scalar::Integer.accepts(&json!(5), Wire::String));
        assert!(!Scalar::Integer.accepts(&json!(1.5), Wire::Number));
        assert!(!Scalar::Integer.accepts(&json!("98765432109876543210"), Wire::String));
        assert!(Scalar::Decimal.accepts(&json!("29122.0219"), Wire::String));
        assert!(!Scalar::Decimal.accepts(&json!("1,5"), Wire::String));
        assert!(Scalar::Flag.accepts(&json!(1), Wire::Number));
        assert!(!Scalar::Flag.accepts(&json!(2), Wire::Number));
        assert!(!Scalar::String.accepts(&json!(3), Wire::String));
        assert!(Scalar::Json.accepts(&json!({"a": [1]}), Wire::Number));
    }

    #[test]
    fn says_when_a_value_of_the_right_form_is_out_of_range() {
        let beyond = "98765432109876543210";
        assert_eq!(
            Scalar::Integer.out_of_range(&json!(beyond), Wire::String),
            Some(INTEGER_RANGE)
        );
        assert_eq!(
            Scalar::Integer.out_of_range(&json!(9.876_543_210_987_654e19), Wire::Number),
            Some(INTEGER_RANGE)
        );
        assert_eq!(
            Scalar::UnixTime.out_of_range(&json!(u64::MAX), Wire::Either),
            Some(INTEGER_RANGE)
        );
        assert_eq!(
            Scalar::Integer.out_of_range(&json!(i64::MIN), Wire::Number),
            None
        );
        assert_eq!(
            Scalar::Integer.out_of_range(&json!("12a"), Wire::String),
            None
        );
        assert_eq!(
            Scalar::Integer.out_of_range(&json!(1.5), Wire::Number),
            None
        );
        assert_eq!(
            Scalar::Integer.out_of_range(&json!(beyond), Wire::Number),
            None
        );
        assert!(Scalar::Decimal.accepts(&json!("79228162514264337593543950335"), Wire::String));
        assert_eq!(
            Scalar::Decimal.out_of_range(&json!("79228162514264337593543950336"), Wire::String),
            Some(DECIMAL_RANGE)
        );
        assert_eq!(
            Scalar::Decimal.out_of_range(&json!(format!("0.{}", "1".repeat(29))), Wire::String),
            Some(DECIMAL_RANGE)
        );
        assert_eq!(
            Scalar::Decimal.out_of_range(&json!(1e30), Wire::Number),
            Some(DECIMAL_RANGE)
        );
    }

    #[test]
    fn wider_scalars_admit_narrower_ones() {
        assert!(Scalar::Decimal.admits(Scalar::Integer));
        assert!(Scalar::Integer.admits(Scalar::Flag));
        assert!(Scalar::String.admits(Scalar::DateTime));
        assert!(!Scalar::Integer.admits(Scalar::Decimal));
        assert!(!Scalar::UnixTime.admits(Scalar::DateTime));
        assert!(Wire::Either.admits(Wire::String));
        assert!(!Wire::Number.admits(Wire::Either));
    }

    #[test]
    fn numeric_scalars_have_both_schema_forms_and_json_none() {
        for &scalar in Scalar::ALL {
            let has_forms = scalar.schema_forms().is_some();
            assert_eq!(has_forms, scalar != Scalar::Json, "{scalar:?}");
        }
    }
}
