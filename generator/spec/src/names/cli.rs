//! Every name of the generated command-line tool (`generated-client/cli/`): its package and
//! binary, the subcommand of each group and endpoint, the flag of each request field, and the
//! commands and flags its hand-written runtime (`generator/cli-runtime/`) takes already.
//!
//! Names are kebab-case, as shells and clap users expect: the group `cdn_domains` is the
//! subcommand `cdn-domains`, the operation `subaccountList` the subcommand `subaccount-list`,
//! the field `serviceTypes` the flag `--service-types`. A field's flag comes from the same
//! name its Rust field does (its `rust_name` when it has one, its wire name otherwise), so a
//! `rust_name` that mends a misspelt wire name (`recieve_mail` → `receive_mail`) mends the flag
//! too.

use heck::ToKebabCase;

use crate::model::{Field, Group};

/// The generated crate's package name (`cargo run -p verycloud-cli`).
pub const PACKAGE: &str = "verycloud-cli";

/// The generated crate's library name (its `[lib]`, which the binary calls).
pub const LIBRARY: &str = "verycloud_cli";

/// The binary the package builds, and the name its help and messages show.
pub const BINARY: &str = "verycloud";

/// The commands the runtime adds beside the groups, and clap's own `help`: a group may take
/// none of them. A test in `tests/` checks this list against the runtime's.
pub const TOP_LEVEL_COMMANDS: &[&str] = &["help", "login", "logout"];

/// The subcommand clap adds to every command with subcommands: an endpoint may not take it.
pub const GROUP_COMMANDS: &[&str] = &["help"];

/// The flags every command has (clap's `--help`, and the runtime's global flags), each with
/// what it is for. A test in `tests/` checks this list against the runtime's.
pub const GLOBAL_FLAGS: &[(&str, &str)] = &[
    ("base-url", "the base URL of every call"),
    ("help", "help"),
    ("output", "the output format"),
    ("timeout", "the timeout of each attempt"),
];

/// The flags the runtime gives an endpoint's command besides its fields, each with what it
/// is for. A test in `tests/` checks this list against the runtime's.
pub const ENDPOINT_FLAGS: &[(&str, &str)] = &[
    ("all", "walking every page"),
    ("json", "the whole request body"),
];

/// `name` in kebab-case (`getBillByDomainID` → `get-bill-by-domain-id`).
pub fn kebab(name: &str) -> String {
    name.to_kebab_case()
}

/// A group's subcommand (`cdn_domains` → `cdn-domains`).
pub fn group_command(group_key: &str) -> String {
    kebab(group_key)
}

/// The subcommand of a group of the model.
pub fn group(group: &Group) -> String {
    group_command(&group.key)
}

/// An endpoint's subcommand below its group's (`subaccountList` → `subaccount-list`).
pub fn endpoint_command(operation: &str) -> String {
    kebab(operation)
}

/// A request field's flag, without its leading `--`: the kebab-case of the field's
/// `rust_name` when it has one, else of its wire name (`serviceTypes` → `service-types`).
pub fn flag_name(wire_name: &str, rust_name: Option<&str>) -> String {
    kebab(rust_name.unwrap_or(wire_name))
}

/// The flag of a field of the model, as [`flag_name`] names it.
pub fn flag(field: &Field) -> String {
    flag_name(&field.wire_name, field.rust_name.as_deref())
}

/// Whether `name` is usable as a subcommand or a flag as it is: lower-case ASCII letters and
/// digits in words joined by single `-`, starting with a letter (`subaccount-list`, `dir1`).
/// Such a name needs no quoting in any shell and cannot be read as a negative number or a
/// short flag.
pub fn is_plain(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// What the runtime uses a flag for, when it takes it: a field may not become that flag.
pub fn reserved_flag(flag: &str) -> Option<&'static str> {
    GLOBAL_FLAGS
        .iter()
        .chain(ENDPOINT_FLAGS)
        .find(|(taken, _)| *taken == flag)
        .map(|(_, purpose)| *purpose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_names() {
        assert_eq!(group_command("cdn_domains"), "cdn-domains");
        assert_eq!(endpoint_command("subaccountList"), "subaccount-list");
        assert_eq!(
            endpoint_command("getBillByDomainID"),
            "get-bill-by-domain-id"
        );
        assert_eq!(flag_name("serviceTypes", None), "service-types");
        assert_eq!(
            flag_name("recieve_mail", Some("receive_mail")),
            "receive-mail"
        );
        assert_eq!(flag_name("dir1", None), "dir1");
    }

    #[test]
    fn plain_names() {
        for plain in ["a", "subaccount-list", "dir1", "a1-b2"] {
            assert!(is_plain(plain), "{plain}");
        }
        for not_plain in ["", "1a", "-a", "a-", "a--b", "A", "a_b", "名字", "a b"] {
            assert!(!is_plain(not_plain), "{not_plain}");
        }
    }

    #[test]
    fn reserved_names_are_plain() {
        for (flag, _) in GLOBAL_FLAGS.iter().chain(ENDPOINT_FLAGS) {
            assert!(is_plain(flag), "{flag}");
            assert!(reserved_flag(flag).is_some(), "{flag}");
        }
        for command in TOP_LEVEL_COMMANDS.iter().chain(GROUP_COMMANDS) {
            assert!(is_plain(command), "{command}");
        }
        assert_eq!(reserved_flag("page"), None);
    }
}
