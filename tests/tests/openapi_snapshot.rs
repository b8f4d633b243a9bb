//! The whole OpenAPI document of the small fixture spec, byte for byte: a reviewer sees every
//! change to the emitter's output in the snapshot's diff.

mod openapi_support;

#[test]
fn minimal_spec_openapi_document() {
    let file = emit::openapi::emit(&openapi_support::minimal_api());
    insta::assert_snapshot!("minimal_openapi", file.contents);
}
