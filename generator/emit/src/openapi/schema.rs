//! Model types → schemas: scalars by their wire form, fields with their descriptions, and the
//! named types of `components/schemas`.

use serde_json::Value;

use super::components::{ComponentPlan, reference_to};
use super::document::{AdditionalProperties, Schema, SchemaObject, Type};
use super::text::paragraphs;
use spec::model::{Api, CodeKind, EnumValue, Field, NamedType, Scalar, TypeKind, TypeRef, Wire};
use spec::scalar::{NumberSchema, StringSchema};

/// Builds schemas for one API, resolving named types through the component plan.
pub struct SchemaBuilder<'a> {
    api: &'a Api,
    plan: &'a ComponentPlan,
}

impl<'a> SchemaBuilder<'a> {
    /// A builder for `api`'s schemas, referring to named types by the components `plan` gives them.
    pub fn new(api: &'a Api, plan: &'a ComponentPlan) -> Self {
        Self { api, plan }
    }

    /// A field's schema: its type in its wire form, with its description, nullability and example.
    pub fn field(&self, field: &Field) -> Schema {
        let description = paragraphs([
            Some(field.en.as_str()),
            field.zh.as_deref(),
            field.notes.as_deref(),
        ]);
        let mut schema = self.type_ref(&field.ty, field.wire);
        if field.secret {
            schema = as_password(schema);
        }
        if field.nullable {
            schema = or_null(schema, self.json_type(&field.ty));
        }
        annotate(schema, description, field.example.clone())
    }

    /// The JSON type a type expression's values have when they are not null.
    fn json_type(&self, ty: &TypeRef) -> Type {
        match ty {
            TypeRef::Scalar(_) => Type::String,
            TypeRef::List(_) => Type::Array,
            TypeRef::Map(_) => Type::Object,
            TypeRef::Named(name) => match self.api.named_type(name).map(|t| &t.kind) {
                Some(TypeKind::Enum {
                    code: CodeKind::Integer,
                    ..
                }) => Type::Integer,
                Some(TypeKind::Enum {
                    code: CodeKind::String,
                    ..
                }) => Type::String,
                Some(TypeKind::Object { .. }) | None => Type::Object,
            },
        }
    }

    /// A type expression; `wire` applies to the innermost scalar or coded enum.
    pub fn type_ref(&self, ty: &TypeRef, wire: Wire) -> Schema {
        match ty {
            TypeRef::Scalar(scalar) => scalar_schema(*scalar, wire),
            TypeRef::Named(name) => self.named_ref(name, wire),
            TypeRef::List(items) => Schema::object(SchemaObject {
                ty: Some(Type::Array),
                items: Some(self.type_ref(items, wire)),
                ..SchemaObject::default()
            }),
            TypeRef::Map(values) => Schema::object(SchemaObject {
                ty: Some(Type::Object),
                additional_properties: Some(AdditionalProperties::Values(Box::new(
                    self.type_ref(values, wire),
                ))),
                ..SchemaObject::default()
            }),
        }
    }

    fn named_ref(&self, name: &str, wire: Wire) -> Schema {
        let native = Schema::reference(reference_to(name));
        match (self.plan.string_form(name), wire) {
            (Some(string_form), Wire::String) => Schema::reference(reference_to(string_form)),
            (Some(string_form), Wire::Either) => Schema::object(SchemaObject {
                any_of: vec![native, Schema::reference(reference_to(string_form))],
                ..SchemaObject::default()
            }),
            _ => native,
        }
    }

    /// The component of a named type.
    pub fn named_type(&self, named: &NamedType) -> Schema {
        let description = type_description(named);
        match &named.kind {
            TypeKind::Object { fields } => Schema::object(SchemaObject {
                description,
                ty: Some(Type::Object),
                required: required_names(fields),
                properties: fields
                    .iter()
                    .map(|f| (f.wire_name.clone(), self.field(f)))
                    .collect(),
                additional_properties: self
                    .plan
                    .is_closed(&named.name)
                    .then_some(AdditionalProperties::Allowed(false)),
                ..SchemaObject::default()
            }),
            TypeKind::Enum { code, values } => Schema::object(SchemaObject {
                description,
                ty: Some(match code {
                    CodeKind::Integer => Type::Integer,
                    CodeKind::String => Type::String,
                }),
                enumeration: values.iter().map(|v| v.code.to_json()).collect(),
                ..enum_names(values)
            }),
        }
    }

    /// The string form of an integer-coded enum: the same codes, written as strings.
    pub fn enum_string_form(&self, enum_name: &str) -> Option<Schema> {
        let named = self.api.named_type(enum_name)?;
        let TypeKind::Enum { values, .. } = &named.kind else {
            return None;
        };
        let description = paragraphs([
            type_description(named).as_deref(),
            Some(&format!("The codes of `{enum_name}`, written as strings.")),
        ]);
        Some(Schema::object(SchemaObject {
            description,
            ty: Some(Type::String),
            enumeration: values
                .iter()
                .map(|v| Value::String(v.code.text()))
                .collect(),
            ..enum_names(values)
        }))
    }
}

/// Wire names of the required fields, in field order.
pub fn required_names(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire_name.clone())
        .collect()
}

/// Marks a credential `format: password`, so that documentation tools and UIs mask it. The
/// spec allows `secret` only on plain strings; anything else is left as it is.
pub fn as_password(schema: Schema) -> Schema {
    match schema {
        Schema::Object(mut object)
            if object.ty == Some(Type::String) && object.format.is_none() =>
        {
            object.format = Some("password");
            Schema::Object(object)
        }
        other => other,
    }
}

/// Makes `schema` accept `null` too, in the form OpenAPI 3.0.3 defines: `nullable` counts only
/// beside a `type` (as Prism and the specification read it), so a bare `$ref` becomes
/// "the reference, or a schema that accepts only null".
pub fn or_null(schema: Schema, json_type: Type) -> Schema {
    let null_only = || {
        Schema::object(SchemaObject {
            ty: Some(json_type),
            enumeration: vec![Value::Null],
            nullable: true,
            ..SchemaObject::default()
        })
    };
    match schema {
        Schema::Object(mut object) if object.ty.is_some() => {
            object.nullable = true;
            Schema::Object(object)
        }
        // `{}` (any JSON value) already accepts null.
        Schema::Object(object) if *object == SchemaObject::default() => Schema::Object(object),
        Schema::Object(mut object) if !object.any_of.is_empty() => {
            if object
                .any_of
                .iter()
                .all(|branch| matches!(branch, Schema::Object(o) if o.ty.is_some()))
            {
                for branch in &mut object.any_of {
                    if let Schema::Object(branch) = branch {
                        branch.nullable = true;
                    }
                }
            } else {
                object.any_of.push(null_only());
            }
            Schema::Object(object)
        }
        other => Schema::object(SchemaObject {
            any_of: vec![other, null_only()],
            ..SchemaObject::default()
        }),
    }
}

/// Adds a field's description and example to its type's schema. A bare `$ref` cannot carry
/// siblings in OpenAPI 3.0, so it is wrapped in a one-member `allOf`.
pub fn annotate(schema: Schema, description: Option<String>, example: Option<Value>) -> Schema {
    let mut object = match schema {
        Schema::Reference(_) if description.is_none() && example.is_none() => return schema,
        Schema::Reference(_) => SchemaObject {
            all_of: vec![schema],
            ..SchemaObject::default()
        },
        Schema::Object(object) => *object,
    };
    object.description = description.or(object.description);
    object.example = example.or(object.example);
    Schema::object(object)
}

/// A scalar in its wire form; `either` accepts both the number and the numeric string.
pub fn scalar_schema(scalar: Scalar, wire: Wire) -> Schema {
    let Some(forms) = scalar.schema_forms() else {
        // Any JSON value: the empty schema.
        return Schema::object(SchemaObject::default());
    };
    let object = match wire {
        Wire::Number => number_form(forms.number),
        Wire::String => string_form(forms.string),
        Wire::Either => SchemaObject {
            any_of: vec![
                Schema::object(number_form(forms.number)),
                Schema::object(string_form(forms.string)),
            ],
            ..SchemaObject::default()
        },
    };
    Schema::object(object)
}

fn number_form(form: NumberSchema) -> SchemaObject {
    match form {
        NumberSchema::Int64 => SchemaObject {
            ty: Some(Type::Integer),
            format: Some("int64"),
            ..SchemaObject::default()
        },
        NumberSchema::ZeroOrOne => SchemaObject {
            ty: Some(Type::Integer),
            enumeration: vec![Value::from(0), Value::from(1)],
            ..SchemaObject::default()
        },
        NumberSchema::Number => SchemaObject {
            ty: Some(Type::Number),
            ..SchemaObject::default()
        },
    }
}

fn string_form(form: StringSchema) -> SchemaObject {
    let string = SchemaObject {
        ty: Some(Type::String),
        ..SchemaObject::default()
    };
    match form {
        StringSchema::Plain => string,
        StringSchema::Pattern(pattern) => SchemaObject {
            pattern: Some(pattern),
            ..string
        },
        StringSchema::OneOf(values) => SchemaObject {
            enumeration: values.iter().map(|&value| Value::from(value)).collect(),
            ..string
        },
    }
}

fn type_description(named: &NamedType) -> Option<String> {
    let open_codes = matches!(named.kind, TypeKind::Enum { .. })
        .then_some("Servers may add codes; a client should keep one it does not know.");
    paragraphs([
        Some(named.en.as_str()),
        named.zh.as_deref(),
        named.notes.as_deref(),
        open_codes,
    ])
}

fn enum_names(values: &[EnumValue]) -> SchemaObject {
    SchemaObject {
        enum_varnames: values.iter().map(|v| v.name.clone()).collect(),
        enum_descriptions: values
            .iter()
            .map(|v| match &v.zh {
                Some(zh) => format!("{} ({zh})", v.en),
                None => v.en.clone(),
            })
            .collect(),
        ..SchemaObject::default()
    }
}
