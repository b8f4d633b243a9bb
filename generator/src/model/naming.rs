//! The Rust name of each kind of spec element. Validation checks these names for collisions
//! and the builder writes them into the model, so both use these functions.

use crate::ident;

/// A field: the spec's `rust_name`, else the wire name in snake_case (`type` → `type_`).
pub(crate) fn field(wire_name: &str, rust_name: Option<&str>) -> String {
    rust_name.map_or_else(|| ident::snake(wire_name), str::to_owned)
}

/// A named type or an enum variant.
pub(crate) fn type_name(name: &str) -> String {
    ident::pascal(name)
}

/// A group's accessor method on the client.
pub(crate) fn group_accessor(key: &str) -> String {
    ident::snake(key)
}

/// A group's accessor type (`profile` → `ProfileApi`).
pub(crate) fn group_type(key: &str) -> String {
    format!("{}Api", ident::pascal(key))
}

/// An endpoint's method.
pub(crate) fn method(operation: &str) -> String {
    ident::snake(operation)
}

/// The stem of an endpoint's generated types (`subaccountAdd` → `SubaccountAdd`).
pub(crate) fn type_stem(operation: &str) -> String {
    ident::pascal(operation)
}
