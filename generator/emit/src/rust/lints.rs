//! `#[allow]`s for the clippy lints that judge a method by its name alone, on the methods named
//! after the API (endpoint methods, setters named after fields, group accessors). Those names
//! are the vendor's: `add` there is a field, not `Add::add` written by hand, and a method `new`
//! on a group calls the endpoint `new`. Each lint is allowed only where the name draws it.

use proc_macro2::TokenStream;
use quote::quote;

/// How a method takes `self`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Receiver {
    /// `&self`: endpoint methods and group accessors.
    Ref,
    /// `self` (or `mut self`): setters.
    Value,
}

/// The methods clippy's `should_implement_trait` knows.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// The `#[allow]` a method named `name` needs, or nothing.
pub(super) fn named_after_the_api(name: &str, receiver: Receiver) -> TokenStream {
    let mut lints = Vec::new();
    if TRAIT_METHODS.contains(&name) {
        lints.push(quote!(clippy::should_implement_trait));
    }
    if name == "new" {
        lints.push(quote!(clippy::new_ret_no_self));
    }
    if breaks_self_convention(name, receiver) {
        lints.push(quote!(clippy::wrong_self_convention));
    }
    if lints.is_empty() {
        return TokenStream::new();
    }
    quote!(#[allow(#(#lints,)* reason = "the method is named after the API's own name")])
}

/// clippy's `wrong_self_convention`: `as_*` and `*_mut` take `&self` or `&mut self`, `from_*`
/// takes no `self`, `into_*` takes `self`, `is_*` takes `&self` or none, `to_*` takes `&self`
/// (of a type that is not `Copy`).
fn breaks_self_convention(name: &str, receiver: Receiver) -> bool {
    let by_value = receiver == Receiver::Value;
    name.starts_with("from_")
        || (name.starts_with("into_") && !by_value)
        || (by_value
            && (name.starts_with("as_")
                || name.starts_with("is_")
                || name.starts_with("to_")
                || name.ends_with("_mut")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_only_what_the_name_draws() {
        assert!(named_after_the_api("detail", Receiver::Ref).is_empty());
        assert!(named_after_the_api("into_x", Receiver::Value).is_empty());
        let allow = |name, receiver| named_after_the_api(name, receiver).to_string();
        assert!(allow("add", Receiver::Value).contains("should_implement_trait"));
        assert!(allow("new", Receiver::Ref).contains("new_ret_no_self"));
        assert!(allow("from_code", Receiver::Value).contains("wrong_self_convention"));
        assert!(allow("into_x", Receiver::Ref).contains("wrong_self_convention"));
        assert!(allow("is_on", Receiver::Value).contains("wrong_self_convention"));
        assert!(!allow("is_on", Receiver::Ref).contains("wrong_self_convention"));
    }
}
