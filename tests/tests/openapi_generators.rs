//! The document shaped for client generators (issue 13; `cargo xtask openapi-clients` measures
//! the generators themselves): every schema a generator would name by itself is a named
//! component, no two component names become one under the case conversions generators apply,
//! every component is used, enums are open (a code the document does not list validates), flags
//! have variant names, and `info` names a license and a contact.

mod openapi_support;

use std::collections::{BTreeMap, BTreeSet};

use openapi_support::validation::{SchemaSet, violations};
use openapi_support::{document_of, kitchen_sink, real_api};
use serde_json::{Value, json};
use spec::model::{Api, Field, TypeKind, TypeRef};

fn schemas(document: &Value) -> &serde_json::Map<String, Value> {
    document["components"]["schemas"]
        .as_object()
        .unwrap_or_else(|| panic!("no components/schemas"))
}

/// A component name as generators' case conversions leave it: `Coupon_status`,
/// `coupon-status` and `CouponStatus` all become the class `CouponStatus` or the module
/// `coupon_status`, and whatever snake, camel or Pascal case makes of two names, they are
/// equal only if they are equal with case and separators dropped.
fn folded(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn check_no_two_names_fold_together(document: &Value) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for name in schemas(document).keys() {
        let converted = folded(name);
        if let Some(other) = seen.insert(converted.clone(), name) {
            panic!("`{other}` and `{name}` both become `{converted}` in a generated client");
        }
    }
}

/// `api` with the named type `from` called `to`, everywhere it is referred to.
fn rename_type(api: &Api, from: &str, to: &str) -> Api {
    fn rename_ref(ty: &mut TypeRef, from: &str, to: &str) {
        match ty {
            TypeRef::Named(name) if name == from => *name = to.to_owned(),
            TypeRef::List(inner) | TypeRef::Map(inner) => rename_ref(inner, from, to),
            _ => {}
        }
    }
    fn rename_fields(fields: &mut [Field], from: &str, to: &str) {
        for field in fields {
            rename_ref(&mut field.ty, from, to);
        }
    }
    let mut types = api.types().to_vec();
    for named in &mut types {
        if named.name == from {
            named.name = to.to_owned();
        }
        if let TypeKind::Object { fields } = &mut named.kind {
            rename_fields(fields, from, to);
        }
    }
    let mut endpoints = api.endpoints.clone();
    for endpoint in &mut endpoints {
        rename_fields(&mut endpoint.request, from, to);
        rename_fields(&mut endpoint.reply.fields, from, to);
        if let Some(data) = &mut endpoint.reply.data {
            rename_ref(&mut data.ty, from, to);
        }
    }
    Api::new(api.info.clone(), api.groups.clone(), types, endpoints)
}

#[test]
fn no_two_component_names_become_one_name_in_a_generated_client() {
    check_no_two_names_fold_together(&document_of(&real_api()));
    check_no_two_names_fold_together(&document_of(&kitchen_sink::api()));
    // A spec type whose name a body or a derived component wants, spelt as generators fold it:
    // the spec type keeps its name, the other component gives way.
    let sink = kitchen_sink::api();
    for clash in [
        "ChargeRequest",
        "Charge_request",
        "CHARGEREQUEST",
        "Flag",
        "integer_or_string",
    ] {
        let api = rename_type(&sink, "UserGroup", clash);
        let document = document_of(&api);
        check_no_two_names_fold_together(&document);
        assert!(
            schemas(&document)[clash]["properties"].get("id").is_some(),
            "the spec type `{clash}` keeps its name"
        );
    }
    let document = document_of(&rename_type(&sink, "UserGroup", "Charge_request"));
    let (request, _) = openapi_support::operation_components(&document, "charge");
    assert_eq!(request, "ChargeRequest2");
}

/// Walks the schema positions below a component (properties, items, map values, the branches
/// of a union), calling `visit` with each inline schema and its JSON path.
fn walk_inline<'a>(schema: &'a Value, path: &str, visit: &mut impl FnMut(&'a Value, &str)) {
    let Value::Object(members) = schema else {
        return;
    };
    for (key, member) in members {
        match (key.as_str(), member) {
            ("properties", Value::Object(properties)) => {
                for (name, property) in properties {
                    let here = format!("{path}/properties/{name}");
                    visit(property, &here);
                    walk_inline(property, &here, visit);
                }
            }
            ("items" | "additionalProperties", Value::Object(_)) => {
                let here = format!("{path}/{key}");
                visit(member, &here);
                walk_inline(member, &here, visit);
            }
            ("allOf" | "oneOf" | "anyOf", Value::Array(branches)) => {
                for (index, branch) in branches.iter().enumerate() {
                    let here = format!("{path}/{key}/{index}");
                    walk_inline(branch, &here, visit);
                }
            }
            _ => {}
        }
    }
}

/// What a generator names by itself when it meets it inline (after the parent and the
/// property, which is how `Coupon_status` clashed with `CouponStatus`): an enum, a union, an
/// object with members, or an `allOf` of more than one reference.
fn generator_would_name(schema: &Value) -> Option<&'static str> {
    if schema.get("enum").is_some_and(|e| e != &json!([null])) {
        return Some("an enum");
    }
    if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
        return Some("a union");
    }
    if schema.get("properties").is_some() {
        return Some("an object with members");
    }
    match schema.get("allOf").and_then(Value::as_array) {
        Some(all) if all.len() != 1 || all[0].get("$ref").is_none() => {
            Some("an allOf other than one reference")
        }
        _ => None,
    }
}

fn check_generators_name_nothing(document: &Value) {
    let mut unnamed = Vec::new();
    for (name, schema) in schemas(document) {
        walk_inline(schema, name, &mut |inline, path| {
            if let Some(what) = generator_would_name(inline) {
                unnamed.push(format!("{path}: {what}"));
            }
        });
    }
    assert!(
        unnamed.is_empty(),
        "inline schemas a generator names by itself:\n{}",
        unnamed.join("\n")
    );
    let text = document.to_string();
    assert!(
        !text.contains("\"anyOf\""),
        "anyOf: openapi-generator's rust gives it an empty struct"
    );
}

#[test]
fn every_schema_a_generator_would_name_is_a_named_component() {
    check_generators_name_nothing(&document_of(&real_api()));
    check_generators_name_nothing(&document_of(&kitchen_sink::api()));
}

fn references_in(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(members) => {
            if let Some(target) = members.get("$ref").and_then(Value::as_str) {
                found.insert(
                    target
                        .trim_start_matches("#/components/schemas/")
                        .to_owned(),
                );
            }
            for (key, member) in members {
                if key != "example" {
                    references_in(member, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references_in(item, found)),
        _ => {}
    }
}

fn check_every_component_is_used(document: &Value) {
    let components = schemas(document);
    let mut reached = BTreeSet::new();
    references_in(&document["paths"], &mut reached);
    let mut pending: Vec<String> = reached.iter().cloned().collect();
    while let Some(name) = pending.pop() {
        let mut found = BTreeSet::new();
        references_in(&components[&name], &mut found);
        for target in found {
            if reached.insert(target.clone()) {
                pending.push(target);
            }
        }
    }
    let unused: Vec<&String> = components
        .keys()
        .filter(|n| !reached.contains(*n))
        .collect();
    assert!(
        unused.is_empty(),
        "components no operation reaches: {unused:?}"
    );
}

#[test]
fn every_component_is_reached_from_an_operation() {
    let api = real_api();
    assert!(
        api.named_type("PermResource").is_some(),
        "the spec has a type no endpoint uses"
    );
    let document = document_of(&api);
    assert!(schemas(&document).get("PermResource").is_none());
    check_every_component_is_used(&document);
    check_every_component_is_used(&document_of(&kitchen_sink::api()));
}

#[test]
fn enums_are_open_and_keep_their_names() {
    let document = document_of(&real_api());
    let set = SchemaSet::from_document(&document);
    let accepts =
        |component: &str, value: Value| violations(&set.component(component), &value).is_empty();
    // Known codes, unknown codes, in the forms the field's wire allows, and nothing else.
    for (component, good, bad) in [
        (
            "CouponStatusCodeOrString",
            vec![json!(2), json!("2"), json!(99), json!("99")],
            vec![json!("x"), json!(1.5), json!(null)],
        ),
        (
            "AccountStatusCode",
            vec![json!(0), json!(7)],
            vec![json!("7"), json!(true)],
        ),
    ] {
        for value in good {
            assert!(
                accepts(component, value.clone()),
                "{component} refuses {value}"
            );
        }
        for value in bad {
            assert!(
                !accepts(component, value.clone()),
                "{component} accepts {value}"
            );
        }
    }
    // The closed list keeps each code's name and meaning, and the open form lists the codes.
    let components = schemas(&document);
    assert_eq!(
        components["CouponStatus"]["x-enum-varnames"],
        json!(["Unused", "Activated", "Used", "Void", "Expired"])
    );
    assert_eq!(
        components["CouponStatusCode"]["x-extensible-enum"],
        json!([0, 1, 2, 3, 4])
    );
}

#[test]
fn flags_have_variant_names_in_every_form() {
    let document = document_of(&real_api());
    let components = schemas(&document);
    assert_eq!(components["Flag"]["enum"], json!([0, 1]));
    assert_eq!(components["Flag"]["x-enum-varnames"], json!(["No", "Yes"]));
    assert_eq!(components["FlagAsString"]["enum"], json!(["0", "1"]));
    assert_eq!(
        components["FlagAsString"]["x-enum-varnames"],
        json!(["No", "Yes"])
    );
    let set = SchemaSet::from_document(&document);
    for (value, ok) in [
        (json!(1), true),
        (json!("0"), true),
        (json!(2), false),
        (json!("yes"), false),
    ] {
        assert_eq!(
            violations(&set.component("FlagOrString"), &value).is_empty(),
            ok,
            "FlagOrString and {value}"
        );
    }
}

#[test]
fn info_operations_and_statuses_satisfy_the_linters() {
    let document = document_of(&real_api());
    assert_eq!(document["info"]["license"]["name"], "MIT OR Apache-2.0");
    assert!(document["info"]["license"]["url"].is_string());
    assert_eq!(document["info"]["contact"]["name"], "VeryCloud");
    for item in document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        let operation = &item["post"];
        assert_eq!(
            operation["security"],
            json!([]),
            "no security scheme applies"
        );
        let statuses: Vec<&String> = operation["responses"]
            .as_object()
            .map(|r| r.keys().collect())
            .unwrap_or_default();
        assert_eq!(statuses, ["200", "4XX", "5XX"]);
        assert!(operation["responses"]["4XX"].get("content").is_none());
    }
}
