//! Names of the OpenAPI document's components.
//!
//! Named types keep their spec key; each endpoint adds a request and a reply component. Every
//! schema a client generator would otherwise name by itself (an enum, a union) is a component
//! with a name from here, since generators name inline schemas after their parent and
//! property (`Coupon_status`), and such a name, once a generator folds its case and
//! underscores (`CouponStatus`), can be the name of another component.

use super::rust::pascal;
use crate::scalar::Scalar;

/// The stem every component of an operation starts with (`subaccountAdd` → `SubaccountAdd`).
fn operation_stem(operation: &str) -> String {
    pascal(operation)
}

/// The request body's component (`SubaccountAddRequest`).
pub fn request(operation: &str) -> String {
    format!("{}Request", operation_stem(operation))
}

/// The reply's component (`SubaccountAddReply`).
pub fn reply(operation: &str) -> String {
    format!("{}Reply", operation_stem(operation))
}

/// The component holding an enum's codes written as strings (`CouponStatusAsString`).
pub fn string_form(enum_name: &str) -> String {
    format!("{enum_name}AsString")
}

/// The component of an enum's code as a field holds it: a listed code, or any other code of
/// the same JSON type, so that a code the document does not list still decodes
/// (`CouponStatusCode`). `as_string` for an integer-coded enum written as a string,
/// `either` for one written either way.
pub fn open_enum(enum_name: &str, as_string: bool, either: bool) -> String {
    match (as_string, either) {
        (_, true) => format!("{enum_name}CodeOrString"),
        (true, false) => format!("{enum_name}CodeAsString"),
        (false, false) => format!("{enum_name}Code"),
    }
}

/// The component of a scalar written as a number or as a string (`IntegerOrString`).
pub fn either(scalar: Scalar) -> String {
    format!("{}OrString", pascal(scalar.keyword()))
}

/// The component of a flag (`0` or `1`) written as a number (`Flag`), as a string
/// (`FlagAsString`) or either way (`FlagOrString`).
pub fn flag(as_string: bool, either: bool) -> String {
    let stem = pascal(crate::scalar::Scalar::Flag.keyword());
    match (as_string, either) {
        (_, true) => format!("{stem}OrString"),
        (true, false) => string_form(&stem),
        (false, false) => stem,
    }
}

/// The component of another component's value or `null` (`CouponStatusCodeOrNull`).
pub fn or_null(component: &str) -> String {
    format!("{component}OrNull")
}

/// A component name as the common case conversions leave it: generators turn `Coupon_status`,
/// `coupon-status` and `CouponStatus` into the same class or file name. Two components whose
/// folded names are equal may become one name in a generated client, so the plan never gives
/// out two such names.
pub fn folded(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_joins_the_spellings_generators_join() {
        assert_eq!(folded("Coupon_status"), folded("CouponStatus"));
        assert_eq!(folded("coupon-status"), folded("COUPON_STATUS"));
        assert_ne!(folded("CouponStatus"), folded("CouponStatus2"));
    }

    #[test]
    fn derived_names_read_as_their_parts() {
        assert_eq!(open_enum("CouponStatus", false, false), "CouponStatusCode");
        assert_eq!(
            open_enum("CouponStatus", true, false),
            "CouponStatusCodeAsString"
        );
        assert_eq!(
            open_enum("CouponStatus", false, true),
            "CouponStatusCodeOrString"
        );
        assert_eq!(either(Scalar::Integer), "IntegerOrString");
        assert_eq!(either(Scalar::UnixTime), "UnixtimeOrString");
        assert_eq!(flag(false, false), "Flag");
        assert_eq!(flag(true, false), "FlagAsString");
        assert_eq!(flag(false, true), "FlagOrString");
        assert_eq!(or_null("Flag"), "FlagOrNull");
    }
}
