//! The OpenAPI 3.0.3 document (`openapi.json`), for clients in other languages, mock servers
//! and validators.
//!
//! Built as serde values ([`document`]) from the model, never from text templates, and printed
//! as pretty JSON. Everything is in spec order, so the same spec always gives the same bytes.
//!
//! What the schemas say that the model leaves implicit:
//! - values the docs show as a number or a numeric string accept both (`anyOf`), as do
//!   integer-coded enums written as strings (a `…AsString` component beside the enum);
//! - request bodies are closed (`additionalProperties: false`), reply objects open;
//! - replies require only the envelope's code and message, since failures share HTTP 200;
//!   `x-required-on-success` lists what a success always carries;
//! - `nullable` stands only beside a `type`, as OpenAPI 3.0.3 (and Prism) read it, so a
//!   nullable reference is `anyOf: [$ref, {enum: [null], nullable: true, …}]`;
//! - credentials (the token, `secret` fields) are `format: password`.

mod components;
pub mod document;
mod operation;
pub mod schema;
mod text;

use indexmap::IndexMap;

use self::components::ComponentPlan;
use self::document::{
    Components, Document, EnvelopeExtension, Info, OPENAPI_VERSION, PathItem, Server, Tag,
};
use self::schema::SchemaBuilder;
use super::GeneratedFile;
use crate::model::Api;

/// Where the document goes, relative to the generated client's root.
pub const PATH: &str = "openapi.json";

/// The OpenAPI document of `api` as the file `openapi.json`.
pub fn emit(api: &Api) -> GeneratedFile {
    let mut contents = serde_json::to_string_pretty(&document(api))
        // Only string-keyed maps and plain values: serialising cannot fail.
        .expect("the OpenAPI document serialises to JSON");
    contents.push('\n');
    GeneratedFile {
        path: PATH.to_owned(),
        contents,
    }
}

/// The OpenAPI document of `api`.
pub fn document(api: &Api) -> Document {
    let plan = ComponentPlan::new(api);
    let schemas = SchemaBuilder::new(api, &plan);

    let mut components = IndexMap::new();
    for named in &api.types {
        components.insert(named.name.clone(), schemas.named_type(named));
    }
    for (enum_name, component) in plan.string_forms() {
        if let Some(schema) = schemas.enum_string_form(enum_name) {
            components.insert(component.to_owned(), schema);
        }
    }
    let mut paths = IndexMap::new();
    for (index, endpoint) in api.endpoints.iter().enumerate() {
        components.insert(
            plan.request(index).to_owned(),
            operation::request_schema(api, endpoint, &schemas),
        );
        components.insert(
            plan.reply(index).to_owned(),
            operation::reply_schema(api, endpoint, &schemas),
        );
        let post = operation::operation(api, endpoint, index, &plan);
        paths.insert(endpoint.path.clone(), PathItem { post });
    }

    Document {
        openapi: OPENAPI_VERSION,
        info: Info {
            title: api.info.title.clone(),
            description: text::api_description(api),
            version: api.info.version.clone(),
        },
        servers: vec![Server {
            url: api.info.base_url.clone(),
        }],
        tags: api
            .groups
            .iter()
            .map(|group| Tag {
                name: group.key.clone(),
                description: format!("{} ({})", group.en, group.zh),
            })
            .collect(),
        paths,
        components: Components {
            schemas: components,
        },
        envelope: EnvelopeExtension {
            code_field: api.info.envelope.code_field.clone(),
            message_field: api.info.envelope.message_field.clone(),
            data_field: api.info.envelope.data_field.clone(),
            success_code: api.info.envelope.success_code,
        },
    }
}
