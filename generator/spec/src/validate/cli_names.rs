//! Command-line names: every group, endpoint and request field gives the generated CLI a
//! usable subcommand or flag (see [`crate::names::cli`]), none taken by the CLI's runtime, and
//! no two the same where they share a command.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::checked::CheckedEndpoint;
use crate::diagnostics::Reporter;
use crate::format::RawSpec;
use crate::names::{cli, rust};
use crate::source_map::child;

pub(crate) fn check(
    raw: &RawSpec,
    endpoints: &IndexMap<String, CheckedEndpoint>,
    reporter: &mut Reporter<'_>,
) {
    check_groups(raw, reporter);
    check_endpoints(raw, reporter);
    for (name, endpoint) in endpoints {
        check_flags(name, endpoint, reporter);
    }
}

fn check_groups(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for key in raw.groups.keys() {
        let path = child("groups", key);
        let command = cli::group_command(key);
        if !cli::is_plain(&command) {
            // A key that is no snake_case identifier is reported by the Rust names' check.
            if rust::is_plain_identifier(key) && rust::group_accessor(key) == *key {
                reporter.error(
                    &path,
                    format!("the group `{key}` gives no usable command-line subcommand (`{command}`)"),
                    "rename the group: start it with a letter and use ASCII letters, digits and `_`",
                );
            }
        } else if cli::TOP_LEVEL_COMMANDS.contains(&command.as_str()) {
            reporter.error(
                &path,
                format!(
                    "the group `{key}` becomes the command `{} {command}`, which the command-line tool has already",
                    cli::BINARY
                ),
                format!(
                    "rename the group: the tool's own commands are {}",
                    cli::TOP_LEVEL_COMMANDS.join(", ")
                ),
            );
        } else if let Some(first) = seen.get(&command) {
            reporter.error(
                &path,
                format!("the groups `{first}` and `{key}` both become the command `{command}`"),
                "rename one of the groups",
            );
        }
        seen.entry(command).or_insert(key);
    }
}

fn check_endpoints(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    // Per group: command → the operation that took it.
    let mut seen: BTreeMap<(&str, String), &str> = BTreeMap::new();
    for (name, endpoint) in &raw.endpoints {
        let path = child("endpoints", name);
        let command = cli::endpoint_command(name);
        let group = cli::group_command(&endpoint.group);
        if !cli::is_plain(&command) {
            // An operation name that is not camelCase is reported by the Rust names' check.
            continue;
        }
        if cli::GROUP_COMMANDS.contains(&command.as_str()) {
            reporter.error(
                &path,
                format!(
                    "the operation `{name}` becomes the command `{} {group} {command}`, which the command-line tool has already",
                    cli::BINARY
                ),
                "rename the operation",
            );
        } else if let Some(first) = seen.get(&(endpoint.group.as_str(), command.clone())) {
            reporter.error(
                &path,
                format!(
                    "the operations `{first}` and `{name}` both become the command `{} {group} {command}`",
                    cli::BINARY
                ),
                "rename one of the operations",
            );
        }
        seen.entry((endpoint.group.as_str(), command))
            .or_insert(name);
    }
}

/// The flags of one endpoint's command: each usable, none the runtime's, no two the same.
fn check_flags(name: &str, endpoint: &CheckedEndpoint, reporter: &mut Reporter<'_>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for field in endpoint.request.values() {
        let wire_name = field.wire_name.as_str();
        let rust_name = field.raw.rust_name.as_deref();
        let flag = cli::flag_name(wire_name, rust_name);
        let hint = "give the field a `rust_name`: its flag is that name in kebab-case";
        if !cli::is_plain(&flag) {
            // A wire name that gives no usable Rust name without a `rust_name` is reported by
            // the Rust names' check, with the same remedy.
            let reported =
                rust_name.is_none() && !rust::is_plain_identifier(&rust::snake(wire_name));
            if !reported {
                reporter.error(
                    &field.path,
                    format!(
                        "the field `{wire_name}` of the request of `{name}` gives no usable command-line flag (`--{flag}`)"
                    ),
                    hint,
                );
            }
        } else if let Some(purpose) = cli::reserved_flag(&flag) {
            reporter.error(
                &field.path,
                format!(
                    "the field `{wire_name}` of the request of `{name}` becomes the flag `--{flag}`, which the command-line tool takes for {purpose}"
                ),
                hint,
            );
        } else if let Some(first) = seen.get(&flag) {
            reporter.error(
                &field.path,
                format!(
                    "the fields `{first}` and `{wire_name}` of the request of `{name}` both become the flag `--{flag}`"
                ),
                hint,
            );
        }
        seen.entry(flag).or_insert(wire_name);
    }
}
