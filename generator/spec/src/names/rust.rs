//! Every Rust name of the generated crate: case conversion, keywords, the names derived from
//! spec keys, and the names the runtime already takes.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and 2024-edition ones), which cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

use crate::model::{EnumValue, Field, Group, NamedType, TypeRef};

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// snake_case name for a field, method or module. A keyword gets a trailing underscore
/// (`type` → `type_`) rather than `r#`, because users type these names; a leading digit
/// gets a leading underscore.
pub fn snake(name: &str) -> String {
    legal(name.to_snake_case())
}

/// PascalCase name for a type or variant, with the same keyword and digit rules as [`snake`].
pub fn pascal(name: &str) -> String {
    legal(name.to_upper_camel_case())
}

fn legal(mut ident: String) -> String {
    if ident.is_empty() {
        return "_".to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// Whether `name` can be used as written as a Rust identifier (ASCII letters, digits and `_`,
/// not starting with a digit, not a keyword, and not made of `_` and digits alone, which names
/// nothing: `_2` as a parameter is a clippy warning). Spec-supplied `rust_name`s must pass this.
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().any(|c| c.is_ascii_alphabetic())
        && !is_keyword(name)
}

/// A field: the spec's `rust_name`, else the wire name in snake_case (`type` → `type_`).
pub fn field_name(wire_name: &str, rust_name: Option<&str>) -> String {
    rust_name.map_or_else(|| snake(wire_name), str::to_owned)
}

/// A field of the model, as [`field_name`] names it.
pub fn field(field: &Field) -> String {
    field_name(&field.wire_name, field.rust_name.as_deref())
}

/// A named type (its spec key is PascalCase already; validation checks that it stays so).
pub fn type_name(spec_key: &str) -> String {
    pascal(spec_key)
}

/// A named type of the model.
pub fn named_type(named: &NamedType) -> String {
    type_name(&named.name)
}

/// The variant of an enum value, from its English name.
pub fn variant_name(value_name: &str) -> String {
    pascal(value_name)
}

/// The variant of an enum value of the model.
pub fn variant(value: &EnumValue) -> String {
    variant_name(&value.name)
}

/// A group's accessor method on `Client` (`client.profile()`).
pub fn group_accessor(group_key: &str) -> String {
    snake(group_key)
}

/// A group's accessor type (`profile` → `ProfileApi`).
pub fn group_type(group_key: &str) -> String {
    suffixed(group_key, "Api")
}

/// `name` in PascalCase with `suffix`: a keyword needs no escape before a suffix, and an
/// escape's `_` there would break the camel case (`Self_Request`).
fn suffixed(name: &str, suffix: &str) -> String {
    legal(format!("{}{suffix}", name.to_upper_camel_case()))
}

/// The accessor method of a group of the model.
pub fn accessor(group: &Group) -> String {
    group_accessor(&group.key)
}

/// A group's accessor type on the mock server (`profile` → `ProfileMock`).
pub fn mock_group_type(group_key: &str) -> String {
    format!("{}Mock", pascal(group_key))
}

/// An endpoint's method on its group's accessor type.
pub fn method(operation: &str) -> String {
    snake(operation)
}

/// The method that walks every page of a paged endpoint (`subaccount_list_stream`; for the
/// operation `self`, `self_stream`, not `self__stream`).
pub fn stream_method(operation: &str) -> String {
    legal(format!("{}_stream", operation.to_snake_case()))
}

/// An endpoint's request struct (`SubaccountAddRequest`).
pub fn request_struct(operation: &str) -> String {
    suffixed(operation, "Request")
}

/// An endpoint's reply struct, for replies with members beside `data` (`AuthorizeReply`).
pub fn reply_struct(operation: &str) -> String {
    suffixed(operation, "Reply")
}

/// The constant describing an endpoint to the runtime (`SUBACCOUNT_ADD`).
pub fn operation_const(operation: &str) -> String {
    method(operation).to_ascii_uppercase()
}

/// A type expression's Rust type as a reader writes it, without paths (`Vec<Record>`), for
/// prose such as the crate's README and the spec diff's reports.
pub fn display_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar(scalar) => scalar.rust().display.to_owned(),
        TypeRef::Named(name) => type_name(name),
        TypeRef::List(item) => format!("Vec<{}>", display_type(item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", display_type(value)),
    }
}

/// The variant the generated enums keep for codes the spec does not list.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Names the crate root exports from the runtime; a spec type may not take one, so that
/// `use verycloud::types::*` beside `use verycloud::*` stays unambiguous. A test in the emit
/// crate checks this list against the runtime's `lib.rs`.
pub const RUNTIME_EXPORTS: &[&str] = &[
    "BODY_EXCERPT_LIMIT",
    "CivilTime",
    "Client",
    "ClientBuilder",
    "DEFAULT_MAX_REPLY_SIZE",
    "Decimal",
    "Error",
    "Page",
    "ParseTimestampError",
    "RetryPolicy",
    "Secret",
    "Timestamp",
    "rust_decimal",
];

/// Every inherent method of `Client`, whatever its visibility: the runtime's and the
/// constructors the generated crate adds. A group accessor with one of these names would be a
/// duplicate definition. A test in the emit crate checks this list against the runtime's
/// sources and the emitted constructors.
pub const CLIENT_METHODS: &[&str] = &[
    "access_token",
    "attempts",
    "auth_state",
    "builder",
    "call",
    "execute",
    "from_env",
    "log_in_with",
    "login",
    "login_encoded",
    "new",
    "request_token",
    "send_login",
    "send_once",
    "service",
    "set_token",
    "token_for",
    "with_retry",
    "with_timeout",
    "with_token",
];

/// The methods `Client` has from the std traits it implements (`Clone`, `Debug`) and their
/// blanket impls. A group accessor of one of these names would shadow it for every caller
/// (`client.clone()` returning an accessor), and clippy flags `clone`. A test in the emit crate
/// checks that the runtime's `Client` implements no other trait.
pub const CLIENT_TRAIT_METHODS: &[&str] = &[
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "fmt",
    "from",
    "into",
    "to_owned",
    "try_from",
    "try_into",
    "type_id",
];

/// The items of the generated `operations.rs` besides the operation constants: an operation
/// whose constant had one of these names would be defined twice. A test in the emit crate
/// checks this list against what the emitter writes.
pub const OPERATIONS_ITEMS: &[&str] = &["SERVICE"];

/// Every inherent method of the mock server (`verycloud::mock::MockServer`, with the `mock`
/// feature), which gets a group accessor per group too (`server.profile()`). A test in the
/// emit crate checks this list against the runtime's sources.
pub const MOCK_SERVER_METHODS: &[&str] = &[
    "client",
    "client_builder",
    "received_operations",
    "requests",
    "start",
    "token",
    "uri",
];

/// Inherent methods a generated request struct has besides its fields' setters, and so does a
/// named object type a request uses (`emit::rust::builder`).
pub const REQUEST_METHODS: &[&str] = &["new"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case_and_escapes_keywords() {
        assert_eq!(snake("subaccountAdd"), "subaccount_add");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("new_password2"), "new_password2");
        assert_eq!(pascal("groupRoleList"), "GroupRoleList");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("2"), "_2");
        assert_eq!(snake(""), "_");
    }

    #[test]
    fn derived_names_stay_in_their_case_when_the_stem_is_a_keyword() {
        assert_eq!(request_struct("self"), "SelfRequest");
        assert_eq!(reply_struct("type"), "TypeReply");
        assert_eq!(group_type("self"), "SelfApi");
        assert_eq!(stream_method("self"), "self_stream");
        assert_eq!(stream_method("recordList"), "record_list_stream");
        assert_eq!(method("self"), "self_");
    }

    #[test]
    fn plain_identifiers() {
        assert!(is_plain_identifier("receive_mail"));
        assert!(!is_plain_identifier("type"));
        assert!(!is_plain_identifier("1st"));
        assert!(!is_plain_identifier("a-b"));
        assert!(!is_plain_identifier("_"));
        assert!(!is_plain_identifier("_2"));
        assert!(!is_plain_identifier("__1_"));
        assert!(is_plain_identifier("_1st"));
    }
}
