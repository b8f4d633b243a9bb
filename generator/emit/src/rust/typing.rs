//! Rust types for spec types, and the serde attributes a field needs to match the wire. What
//! each scalar becomes is [`spec::scalar::Scalar::rust`]'s to say.

use proc_macro2::TokenStream;
use quote::quote;
use spec::model::{Api, Field, TypeKind, TypeRef, Wire};
use spec::names::rust as names;

use super::ident;

/// The Rust type of a type expression, with absolute paths.
pub(super) fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => path(scalar.rust().path),
        TypeRef::Named(name) => {
            let rust_name = ident(&names::type_name(name));
            quote!(crate::types::#rust_name)
        }
        TypeRef::List(item) => {
            let item = rust_type(item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
    }
}

/// A type path from [`spec::scalar::RustType::path`], which is valid Rust by construction.
fn path(text: &str) -> TokenStream {
    text.parse()
        .unwrap_or_else(|error| panic!("the scalar's Rust path `{text}` does not parse: {error}"))
}

/// A field's Rust type is optional when the field may be missing or `null`.
pub(super) fn is_optional(field: &Field) -> bool {
    !field.required || field.nullable
}

/// The Rust type of a field: its type, in `Option` when optional.
pub(super) fn field_type(field: &Field) -> TokenStream {
    let inner = rust_type(&field.ty);
    if is_optional(field) {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The inner attribute of every generated module that spells field types: a field's type nests
/// `Option`, `Vec` and `BTreeMap` as deep as the API's JSON does, past clippy's
/// `type_complexity` threshold, and an alias per shape would name nothing the docs name.
pub(super) fn allow_nested_types() -> TokenStream {
    quote! {
        #![allow(clippy::type_complexity, reason = "types nest as the API's JSON does")]
    }
}

/// Whether values of this type decode through `crate::wire::lenient`, the runtime's one set
/// of lenient rules: every type but plain text and raw JSON. The docs send numbers, flags and
/// times both as JSON numbers and as numeric strings, and empty values as `""`; PHP sends a
/// list as an object and an empty object as `[]`, at any depth.
pub(super) fn decodes_leniently(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(scalar) => scalar.rust().lenient,
        TypeRef::Named(_) | TypeRef::List(_) | TypeRef::Map(_) => true,
    }
}

/// Types whose wire form (number or string) the field's `wire` decides when sending.
pub(super) fn encodes_per_wire(api: &Api, ty: &TypeRef) -> bool {
    match ty.innermost() {
        TypeRef::Scalar(scalar) => scalar.rust().per_wire,
        TypeRef::Named(name) => api
            .named_type(name)
            .is_some_and(|t| matches!(t.kind, TypeKind::Enum { .. })),
        TypeRef::List(_) | TypeRef::Map(_) => false,
    }
}

/// The `#[serde(...)]` attribute of a field, or nothing when serde's defaults match the wire.
pub(super) fn serde_attr(api: &Api, field: &Field) -> TokenStream {
    let mut parts = Vec::new();
    if names::field(field) != field.wire_name {
        let wire_name = &field.wire_name;
        parts.push(quote!(rename = #wire_name));
    }
    let optional = is_optional(field);
    if optional {
        parts.push(quote!(default));
        if !field.required {
            parts.push(quote!(
                skip_serializing_if = "::std::option::Option::is_none"
            ));
        }
    }
    if encodes_per_wire(api, &field.ty) {
        let with = match field.wire {
            Wire::String => "crate::wire::as_string",
            Wire::Number | Wire::Either => "crate::wire::as_number",
        };
        parts.push(quote!(serialize_with = #with));
    }
    if decodes_leniently(&field.ty) {
        parts.push(quote!(deserialize_with = "crate::wire::lenient"));
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}
