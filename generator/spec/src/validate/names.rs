//! Rust names: legal, in the expected case, and unique where they share a namespace once
//! converted (`user_name` and `userName` are one Rust field).

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::checked::{CheckedEndpoint, CheckedField};
use crate::diagnostics::Reporter;
use crate::format::RawSpec;
use crate::names::rust as names;
use crate::source_map::child;

pub(crate) fn check(
    raw: &RawSpec,
    types: &IndexMap<String, super::checked::CheckedType>,
    endpoints: &IndexMap<String, CheckedEndpoint>,
    reporter: &mut Reporter<'_>,
) {
    for key in raw.groups.keys() {
        check_group(key, reporter);
    }
    check_operations(raw, reporter);
    check_type_names(raw, reporter);
    for (name, checked) in types {
        if let Some(fields) = checked.fields() {
            // A type a request uses gets `new` too; which types those are is known only once
            // the model is built, so every object type keeps the name free.
            check_struct(
                fields.values(),
                names::REQUEST_METHODS,
                &format!("the type `{name}`"),
                reporter,
            );
        }
    }
    for (name, endpoint) in endpoints {
        check_struct(
            endpoint.request.values(),
            names::REQUEST_METHODS,
            &format!("the request of `{name}`"),
            reporter,
        );
        check_struct(
            endpoint.data.iter().chain(endpoint.reply_fields.values()),
            &[],
            &format!("the reply of `{name}`"),
            reporter,
        );
    }
}

/// A group key becomes a method of the client (`client.profile()`) and of the mock server: a
/// snake_case identifier that is not already one of their methods.
fn check_group(key: &str, reporter: &mut Reporter<'_>) {
    let path = child("groups", key);
    let accessor = names::group_accessor(key);
    if names::is_keyword(key) {
        reporter.error(
            &path,
            format!("the group name `{key}` is a Rust keyword"),
            format!("rename the group (`{key}s`, `{key}_api`): it becomes the client accessor"),
        );
    } else if accessor != key || !names::is_plain_identifier(key) {
        reporter.error(
            &path,
            format!("the group name `{key}` is not a snake_case identifier"),
            format!("write `{accessor}`: it becomes the client accessor"),
        );
    } else if let Some(owner) = runtime_method_owner(key) {
        reporter.error(
            &path,
            format!(
                "the group name `{key}` would be the accessor `{key}()`, but the runtime's `{owner}` already has a method `{key}`"
            ),
            format!(
                "rename the group (`{key}_api`, or a name for what its endpoints do): it becomes an accessor of `Client` and of the mock server"
            ),
        );
    }
}

/// The runtime type that has a method named `accessor` already, if one does: a group accessor
/// of that name would be a second definition, or would shadow a trait method for every caller.
fn runtime_method_owner(accessor: &str) -> Option<&'static str> {
    if names::CLIENT_METHODS.contains(&accessor) || names::CLIENT_TRAIT_METHODS.contains(&accessor)
    {
        Some("Client")
    } else if names::MOCK_SERVER_METHODS.contains(&accessor) {
        Some("MockServer")
    } else {
        None
    }
}

fn check_operations(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    let mut methods: BTreeMap<String, &str> = BTreeMap::new();
    let mut stems: BTreeMap<String, &str> = BTreeMap::new();
    for (name, endpoint) in &raw.endpoints {
        let path = child("endpoints", name);
        let camel = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !camel {
            reporter.error(
                &path,
                format!("the operation name `{name}` is not camelCase"),
                "use ASCII letters and digits, starting lower-case: `subaccountAdd`",
            );
            continue;
        }
        let constant = names::operation_const(name);
        if names::OPERATIONS_ITEMS.contains(&constant.as_str()) {
            reporter.error(
                &path,
                format!(
                    "the operation `{name}` would be the constant `{constant}`, which the generated code already defines"
                ),
                format!("rename the operation (`{name}Info`, or a name for what it does)"),
            );
        }
        let mut claimed = vec![names::method(name)];
        if endpoint.reply.paged {
            claimed.push(names::stream_method(name));
        }
        for claimed in claimed {
            if let Some(first) = methods.get(&claimed) {
                reporter.error(
                    &path,
                    format!("the operations `{first}` and `{name}` both become the Rust method `{claimed}`"),
                    "rename one of the operations",
                );
            } else {
                methods.insert(claimed, name);
            }
        }
        let request = names::request_struct(name);
        if let Some(first) = stems.get(&request) {
            reporter.error(
                &path,
                format!(
                    "the operations `{first}` and `{name}` both become the Rust types `{request}`/`{}`",
                    names::reply_struct(name)
                ),
                "rename one of the operations",
            );
        } else {
            stems.insert(request, name);
        }
    }
}

fn check_type_names(raw: &RawSpec, reporter: &mut Reporter<'_>) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for name in names::RUNTIME_EXPORTS {
        taken.insert(
            (*name).to_owned(),
            "a type of the client runtime".to_owned(),
        );
    }
    let mut group_types: BTreeMap<String, &str> = BTreeMap::new();
    for key in raw.groups.keys() {
        let rust = names::group_type(key);
        if let Some(first) = group_types.get(&rust) {
            reporter.error(
                &child("groups", key),
                format!("the groups `{first}` and `{key}` both become the Rust type `{rust}`"),
                "rename one of the groups",
            );
            continue;
        }
        group_types.insert(rust.clone(), key);
        taken.insert(rust, format!("the accessor type of the group `{key}`"));
    }
    for name in raw.endpoints.keys() {
        for generated in [names::request_struct(name), names::reply_struct(name)] {
            taken
                .entry(generated)
                .or_insert_with(|| format!("a generated type of the operation `{name}`"));
        }
    }
    for name in raw.types.keys() {
        let path = child("types", name);
        let rust = names::type_name(name);
        if rust != *name || !names::is_plain_identifier(name) {
            reporter.error(
                &path,
                format!("the type name `{name}` is not PascalCase"),
                format!("write `{rust}`: the key is the Rust type name"),
            );
            continue;
        }
        if let Some(owner) = taken.get(&rust) {
            reporter.error(
                &path,
                format!("the type name `{name}` is already {owner}"),
                "rename the type",
            );
        } else {
            taken.insert(rust, format!("the type `{name}`"));
        }
    }
}

/// The fields of one generated struct: each with a usable name, none two the same.
fn check_struct<'f>(
    fields: impl Iterator<Item = &'f CheckedField>,
    reserved: &[&str],
    owner: &str,
    reporter: &mut Reporter<'_>,
) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for field in fields {
        let wire_name = field.wire_name.as_str();
        let rust_name = names::field_name(wire_name, field.raw.rust_name.as_deref());
        if field.raw.rust_name.is_none() && !names::is_plain_identifier(&rust_name) {
            reporter.error(
                &field.path,
                format!("the wire name `{wire_name}` gives no usable Rust name (`{rust_name}`)"),
                "add a `rust_name` in snake_case",
            );
            continue;
        }
        if let Some(first) = seen.get(&rust_name) {
            reporter.error(
                &field.path,
                format!("the fields `{first}` and `{wire_name}` of {owner} both become the Rust field `{rust_name}`"),
                "give one of them a `rust_name`",
            );
        } else if reserved.contains(&rust_name.as_str()) {
            reporter.error(
                &field.path,
                format!("the field `{wire_name}` of {owner} becomes `{rust_name}`, a method the generated type already has"),
                "give the field a `rust_name`",
            );
        }
        seen.entry(rust_name).or_insert(wire_name);
    }
}
