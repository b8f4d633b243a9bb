//! Shared by the `openapi_*` test targets: a hand-built API that exercises every schema shape,
//! and JSON Schema validation of values against the emitted document.
// Each test target uses a different part of this module.
#![allow(dead_code)]

pub mod kitchen_sink;
pub mod validation;

use serde_json::Value;
use spec::model::Api;

/// The checked-in spec, loaded and validated.
pub fn real_api() -> Api {
    let path = verycloud_tests::spec_path();
    spec::load_api(&path)
        .unwrap_or_else(|diagnostics| panic!("{} does not load:\n{diagnostics}", path.display()))
}

/// The small fixture spec every crate's tests share.
pub fn minimal_api() -> Api {
    let path = verycloud_tests::project_root().join("tests/fixtures/specs/minimal.yaml");
    spec::load_api(&path)
        .unwrap_or_else(|diagnostics| panic!("{} does not load:\n{diagnostics}", path.display()))
}

/// The emitted document of `api`, parsed back.
pub fn document_of(api: &Api) -> Value {
    let file = emit::openapi::emit(api);
    serde_json::from_str(&file.contents)
        .unwrap_or_else(|error| panic!("openapi.json is not JSON: {error}"))
}

/// The request and reply component names of the operation `operation_id`, read from the
/// document (so tests need not know the naming rule).
pub fn operation_components(document: &Value, operation_id: &str) -> (String, String) {
    let operation = document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .map(|item| &item["post"])
        .find(|post| post["operationId"] == operation_id)
        .unwrap_or_else(|| panic!("no operation `{operation_id}`"));
    let component = |schema: &Value| {
        let target = schema["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("`{operation_id}`: body schema is not a $ref"));
        target
            .trim_start_matches("#/components/schemas/")
            .to_owned()
    };
    (
        component(&operation["requestBody"]["content"]["application/json"]["schema"]),
        component(&operation["responses"]["200"]["content"]["application/json"]["schema"]),
    )
}
