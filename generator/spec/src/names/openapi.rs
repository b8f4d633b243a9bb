//! Names of the OpenAPI document's components.
//!
//! Named types keep their spec key; each endpoint adds a request and a reply component, and
//! an integer-coded enum that some field writes as a string adds its string form.

use super::rust::pascal;

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

/// The component holding an integer-coded enum's codes written as strings (`StatusAsString`).
pub fn string_form(enum_name: &str) -> String {
    format!("{enum_name}AsString")
}
