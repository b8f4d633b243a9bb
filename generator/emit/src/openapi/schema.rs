//! Model types → schemas: scalars by their wire form, fields with their descriptions, and every
//! component of `components/schemas` but the request and reply bodies.

use serde_json::Value;

use super::components::{ComponentPlan, EnumForm, Key, field_key, type_key};
use super::document::{AdditionalProperties, Schema, SchemaObject, Type};
use super::text::paragraphs;
use spec::model::{Api, CodeKind, EnumValue, Field, NamedType, Scalar, TypeKind, TypeRef, Wire};
use spec::scalar::{FLAG_VALUES, INTEGER_STRING_PATTERN, NumberSchema, StringSchema};

/// Builds schemas for one API, resolving named types through the component plan.
pub struct SchemaBuilder<'a> {
    api: &'a Api,
    plan: &'a ComponentPlan,
}

impl<'a> SchemaBuilder<'a> {
    /// A builder for `api`'s schemas, referring to components by the names `plan` gives them.
    pub fn new(api: &'a Api, plan: &'a ComponentPlan) -> Self {
        Self { api, plan }
    }

    /// A field's schema: its type in its wire form, with its description and example. A
    /// nullable field whose type is a component refers to that component's `…OrNull` form.
    pub fn field(&self, field: &Field) -> Schema {
        let description = paragraphs([
            Some(field.en.as_str()),
            field.zh.as_deref(),
            field.notes.as_deref(),
        ]);
        let mut schema = match field_key(self.api, field) {
            Some(key) => Schema::reference(self.plan.reference(&key)),
            None => self.type_ref(&field.ty, field.wire),
        };
        if field.secret {
            schema = as_password(schema);
        }
        if field.nullable {
            schema = or_null(schema);
        }
        annotate(schema, description, field.example.clone())
    }

    /// A type expression; `wire` applies to the innermost scalar or coded enum.
    pub fn type_ref(&self, ty: &TypeRef, wire: Wire) -> Schema {
        match ty {
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
            TypeRef::Scalar(scalar) => match type_key(self.api, ty, wire) {
                Some(key) => Schema::reference(self.plan.reference(&key)),
                None => scalar_schema(*scalar, wire),
            },
            TypeRef::Named(_) => match type_key(self.api, ty, wire) {
                Some(key) => Schema::reference(self.plan.reference(&key)),
                None => Schema::object(SchemaObject::default()),
            },
        }
    }

    /// The schema of a component the plan holds, but for request and reply bodies (built by
    /// `operation`); `None` for those.
    pub fn component(&self, key: &Key) -> Option<Schema> {
        Some(match key {
            Key::Named(name) => self.named_type(self.api.named_type(name)?),
            Key::StringForm(name) => self.enum_string_form(name)?,
            Key::OpenEnum(name, form) => self.open_enum(name, *form)?,
            Key::Either(scalar) => either_component(*scalar),
            Key::Flag(Wire::Either) => Schema::object(SchemaObject {
                description: Some(
                    "A flag, written as the number `0` or `1` or as the string `\"0\"` or `\"1\"`."
                        .to_owned(),
                ),
                one_of: vec![
                    Schema::reference(self.plan.reference(&Key::Flag(Wire::Number))),
                    Schema::reference(self.plan.reference(&Key::Flag(Wire::String))),
                ],
                ..SchemaObject::default()
            }),
            Key::Flag(wire) => flag_component(*wire),
            Key::OrNull(inner) => Schema::object(SchemaObject {
                description: Some(format!("`{}`, or `null`.", self.plan.name(inner))),
                one_of: vec![Schema::reference(self.plan.reference(inner)), null_only()],
                ..SchemaObject::default()
            }),
            Key::Request(_) | Key::Reply(_) => return None,
        })
    }

    /// The component of a named type: an object, or an enum listing its known codes.
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
            Some(named.en.as_str()),
            Some(&format!(
                "The codes of `{}`, written as strings.",
                self.plan.name(&Key::Named(enum_name.to_owned()))
            )),
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

    /// An enum's code as fields hold it: one of the known codes (the enum's component), or
    /// any other code of the same JSON type, so that a code added by the server decodes. The
    /// branches exclude each other (`not`), so that this is a `oneOf`, which more generators
    /// turn into a union type than `anyOf` (openapi-generator's `rust` gives `anyOf` an empty
    /// struct). `x-extensible-enum` lists the known codes, as Zalando's guidelines write an
    /// open enum.
    fn open_enum(&self, enum_name: &str, form: EnumForm) -> Option<Schema> {
        let named = self.api.named_type(enum_name)?;
        let TypeKind::Enum { code, values } = &named.kind else {
            return None;
        };
        let native = Key::Named(enum_name.to_owned());
        let as_string = Key::StringForm(enum_name.to_owned());
        // `not` lists the codes rather than referring to the enum: progenitor (typify 0.15)
        // supports a `not` of listed values and panics on a `not` of a reference.
        let other = |known: Vec<Value>, base: SchemaObject| {
            Schema::object(SchemaObject {
                not: Some(Schema::object(SchemaObject {
                    enumeration: known,
                    ..SchemaObject::default()
                })),
                ..base
            })
        };
        let codes = || values.iter().map(|v| v.code.to_json()).collect::<Vec<_>>();
        let code_texts = || {
            values
                .iter()
                .map(|v| Value::String(v.code.text()))
                .collect::<Vec<_>>()
        };
        let native_other = || match code {
            CodeKind::Integer => other(codes(), number_form(NumberSchema::Int64)),
            CodeKind::String => other(codes(), string_form(StringSchema::Plain)),
        };
        let string_other = || {
            other(
                code_texts(),
                string_form(StringSchema::Pattern(INTEGER_STRING_PATTERN)),
            )
        };
        let reference = |key: &Key| Schema::reference(self.plan.reference(key));
        let (one_of, extensible): (Vec<Schema>, Vec<Value>) = match form {
            EnumForm::Native => (vec![reference(&native), native_other()], codes()),
            EnumForm::AsString => (vec![reference(&as_string), string_other()], code_texts()),
            EnumForm::Either => (
                vec![
                    reference(&native),
                    reference(&as_string),
                    native_other(),
                    string_other(),
                ],
                codes(),
            ),
        };
        let written = match form {
            EnumForm::Native => "",
            EnumForm::AsString => ", written as a string",
            EnumForm::Either => ", written as a number or as a string",
        };
        Some(Schema::object(SchemaObject {
            description: Some(format!(
                "A code of `{}`{written}, or a code the document does not list: servers may \
                 add codes, and a client keeps one it does not know.",
                self.plan.name(&native)
            )),
            one_of,
            extensible_enum: extensible,
            ..SchemaObject::default()
        }))
    }
}

/// A scalar written as a number or as a numeric string: the two forms, as a `oneOf` (they
/// exclude each other: one is a JSON number, the other a string).
fn either_component(scalar: Scalar) -> Schema {
    let (number, string) = match scalar.schema_forms() {
        Some(forms) => (forms.number, forms.string),
        None => return Schema::object(SchemaObject::default()),
    };
    Schema::object(SchemaObject {
        description: Some(format!(
            "`{}`, written as a JSON number or as a string holding the number.",
            scalar.keyword()
        )),
        one_of: vec![
            Schema::object(number_form(number)),
            Schema::object(string_form(string)),
        ],
        ..SchemaObject::default()
    })
}

/// The flag as a number (`0`, `1`) or as a string (`"0"`, `"1"`), with variant names.
fn flag_component(wire: Wire) -> Schema {
    let Some(forms) = Scalar::Flag.schema_forms() else {
        return Schema::object(SchemaObject::default());
    };
    let form = if wire == Wire::String {
        string_form(forms.string)
    } else {
        number_form(forms.number)
    };
    Schema::object(SchemaObject {
        description: Some("A flag: 0 for no (off, false), 1 for yes (on, true).".to_owned()),
        enum_varnames: FLAG_VALUES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect(),
        enum_descriptions: FLAG_VALUES
            .iter()
            .map(|(_, meaning)| (*meaning).to_owned())
            .collect(),
        ..form
    })
}

/// A schema that accepts only `null`, in the form OpenAPI 3.0.3 defines: `nullable` counts
/// only beside a `type` (as Prism and the specification read it).
fn null_only() -> Schema {
    Schema::object(SchemaObject {
        ty: Some(Type::String),
        enumeration: vec![Value::Null],
        nullable: true,
        ..SchemaObject::default()
    })
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

/// Makes an inline `schema` accept `null` too: `nullable` beside its `type`. A reference is
/// left as it is: the plan gave the field the `…OrNull` component (see [`field_key`]).
pub fn or_null(schema: Schema) -> Schema {
    match schema {
        Schema::Object(mut object) if object.ty.is_some() => {
            object.nullable = true;
            Schema::Object(object)
        }
        // `{}` (any JSON value) already accepts null.
        other => other,
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

/// A scalar written as `wire`, inline: its number or its string form. A flag, and any scalar
/// written either way, is a component instead (see [`type_key`]); asked for here, they get the
/// union of their forms all the same.
pub fn scalar_schema(scalar: Scalar, wire: Wire) -> Schema {
    let Some(forms) = scalar.schema_forms() else {
        // Any JSON value: the empty schema.
        return Schema::object(SchemaObject::default());
    };
    match wire {
        Wire::Number => Schema::object(number_form(forms.number)),
        Wire::String => Schema::object(string_form(forms.string)),
        Wire::Either => either_component(scalar),
    }
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
