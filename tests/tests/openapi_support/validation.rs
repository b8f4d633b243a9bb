//! Validates JSON values against the schemas of an OpenAPI 3.0 document with a JSON Schema
//! validator (draft 7, whose `$ref` also hides its siblings, as in OpenAPI 3.0).
//!
//! OpenAPI 3.0 schemas are nearly JSON Schema. The differences that matter here are turned into
//! plain JSON Schema first, as Prism turns them: `nullable: true` beside a `type` adds `"null"`
//! to the type (and to an `enum`); without a `type` it means nothing (OpenAPI 3.0.3). References
//! into `components/schemas` become references into `definitions` of one root schema. Only
//! schema positions are walked, so an `example` value is never rewritten.

use jsonschema::{Draft, Validator};
use serde_json::{Map, Value, json};

const OPENAPI_PREFIX: &str = "#/components/schemas/";
const DEFINITIONS_PREFIX: &str = "#/definitions/";

/// The document's component schemas as JSON Schema definitions.
pub struct SchemaSet {
    definitions: Value,
}

impl SchemaSet {
    pub fn from_document(document: &Value) -> Self {
        let components = document["components"]["schemas"]
            .as_object()
            .unwrap_or_else(|| panic!("the document has no components/schemas object"));
        let definitions = components
            .iter()
            .map(|(name, schema)| (name.clone(), to_json_schema(schema)))
            .collect();
        Self {
            definitions: Value::Object(definitions),
        }
    }

    /// A validator for the component `name`.
    pub fn component(&self, name: &str) -> Validator {
        assert!(
            self.definitions.get(name).is_some(),
            "no component `{name}`"
        );
        self.compile(json!({ "$ref": format!("{DEFINITIONS_PREFIX}{name}") }))
    }

    /// A validator for an OpenAPI schema that may reference the components.
    pub fn schema(&self, openapi_schema: &Value) -> Validator {
        self.compile(to_json_schema(openapi_schema))
    }

    fn compile(&self, schema: Value) -> Validator {
        let root = json!({ "definitions": self.definitions, "allOf": [schema] });
        jsonschema::options()
            .with_draft(Draft::Draft7)
            .build(&root)
            .unwrap_or_else(|error| panic!("not a valid JSON Schema: {error}"))
    }
}

/// Every reason `instance` fails `validator`, as `path: message` lines; empty when it passes.
pub fn violations(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// An OpenAPI 3.0 schema object as a draft 7 JSON Schema.
pub fn to_json_schema(schema: &Value) -> Value {
    let Value::Object(members) = schema else {
        return schema.clone();
    };
    let mut converted = Map::new();
    let mut nullable = false;
    for (key, value) in members {
        let value = match key.as_str() {
            "nullable" => {
                nullable = value == &Value::Bool(true);
                continue;
            }
            "$ref" => Value::String(
                value
                    .as_str()
                    .map(|target| target.replacen(OPENAPI_PREFIX, DEFINITIONS_PREFIX, 1))
                    .unwrap_or_default(),
            ),
            "properties" => Value::Object(
                value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, property)| (name.clone(), to_json_schema(property)))
                    .collect(),
            ),
            "allOf" | "anyOf" | "oneOf" => Value::Array(
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(to_json_schema)
                    .collect(),
            ),
            "items" | "additionalProperties" | "not" => to_json_schema(value),
            _ => value.clone(),
        };
        converted.insert(key.clone(), value);
    }
    if nullable && let Some(Value::String(ty)) = converted.get("type").cloned() {
        converted.insert("type".to_owned(), json!([ty, "null"]));
        if let Some(Value::Array(values)) = converted.get_mut("enum") {
            values.push(Value::Null);
        }
    }
    Value::Object(converted)
}
