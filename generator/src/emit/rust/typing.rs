//! Rust types for spec types, and the serde attributes a field needs to match the wire.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Api, Field, Scalar, TypeKind, TypeRef, Wire};

/// The Rust type of a type expression, with absolute paths.
pub(super) fn rust_type(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => scalar_type(*scalar),
        TypeRef::Named(name) => {
            // Validation guarantees the type exists; its spec key is its Rust name otherwise.
            let rust_name = api
                .named_type(name)
                .map_or(name.as_str(), |t| t.rust_name.as_str());
            let rust_name = ident(rust_name);
            quote!(crate::types::#rust_name)
        }
        TypeRef::List(item) => {
            let item = rust_type(api, item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(api, value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(::std::string::String),
        Scalar::Integer => quote!(i64),
        Scalar::Decimal => quote!(::rust_decimal::Decimal),
        Scalar::Flag => quote!(bool),
        Scalar::DateTime | Scalar::UnixTime => quote!(crate::Timestamp),
        Scalar::Json => quote!(::serde_json::Value),
    }
}

/// A field's Rust type is optional when the field may be missing or `null`.
pub(super) fn is_optional(field: &Field) -> bool {
    !field.required || field.nullable
}

/// The Rust type of a field: its type, in `Option` when optional.
pub(super) fn field_type(api: &Api, field: &Field) -> TokenStream {
    let inner = rust_type(api, &field.ty);
    if is_optional(field) {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The innermost type of a list or map.
fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}

/// The scalar kinds serde's own decoding is too strict for: the docs send numbers, flags and
/// unix times both as JSON numbers and as numeric strings, and empty values as `""`, so these
/// decode through `crate::wire::lenient`.
fn decodes_leniently(ty: &TypeRef) -> bool {
    matches!(
        innermost(ty),
        TypeRef::Scalar(
            Scalar::Integer | Scalar::Decimal | Scalar::Flag | Scalar::DateTime | Scalar::UnixTime
        )
    )
}

/// Types whose wire form (number or string) the field's `wire` decides when sending.
fn encodes_per_wire(api: &Api, ty: &TypeRef) -> bool {
    match innermost(ty) {
        // A timestamp goes out as unix seconds or in the form it was read in, as `wire` says.
        TypeRef::Scalar(scalar) => matches!(
            scalar,
            Scalar::Integer | Scalar::Decimal | Scalar::Flag | Scalar::DateTime | Scalar::UnixTime
        ),
        TypeRef::Named(name) => api
            .named_type(name)
            .is_some_and(|t| matches!(t.kind, TypeKind::Enum { .. })),
        TypeRef::List(_) | TypeRef::Map(_) => false,
    }
}

/// The `#[serde(...)]` attribute of a field, or nothing when serde's defaults match the wire.
pub(super) fn serde_attr(api: &Api, field: &Field) -> TokenStream {
    let mut parts = Vec::new();
    if field.rust_name != field.wire_name {
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

/// Whether decoding a value of this type as `data` needs the lenient wrapper.
pub(super) fn data_needs_lenient(ty: &TypeRef) -> bool {
    decodes_leniently(ty)
}

/// A type as a reader writes it, without paths (`Vec<Record>`), for prose such as the README.
pub(super) fn display_type(api: &Api, ty: &TypeRef) -> String {
    display_type_with(ty, &|name| {
        api.named_type(name).map(|t| t.rust_name.clone())
    })
}

/// [`display_type`] with named types' Rust names looked up by `rust_name_of` (a spec key in,
/// the Rust name out), for callers that hold more than one model, such as the spec diff.
pub(crate) fn display_type_with(
    ty: &TypeRef,
    rust_name_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    match ty {
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::String => "String",
            Scalar::Integer => "i64",
            Scalar::Decimal => "Decimal",
            Scalar::Flag => "bool",
            Scalar::DateTime | Scalar::UnixTime => "Timestamp",
            Scalar::Json => "serde_json::Value",
        }
        .to_owned(),
        TypeRef::Named(name) => rust_name_of(name).unwrap_or_else(|| name.clone()),
        TypeRef::List(item) => format!("Vec<{}>", display_type_with(item, rust_name_of)),
        TypeRef::Map(value) => format!(
            "BTreeMap<String, {}>",
            display_type_with(value, rust_name_of)
        ),
    }
}
