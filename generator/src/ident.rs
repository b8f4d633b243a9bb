//! Every Rust name the generator emits comes from here, so that case conversion,
//! keywords and collisions are decided in one place.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and 2024-edition ones), which cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

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
/// not starting with a digit, not a keyword). Spec-supplied `rust_name`s must pass this.
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !is_keyword(name)
}

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
    fn plain_identifiers() {
        assert!(is_plain_identifier("receive_mail"));
        assert!(!is_plain_identifier("type"));
        assert!(!is_plain_identifier("1st"));
        assert!(!is_plain_identifier("a-b"));
        assert!(!is_plain_identifier("_"));
    }
}
