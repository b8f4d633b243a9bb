//! How callers build a struct they cannot write as a literal (`#[non_exhaustive]`): `new` with
//! the required fields, then a setter of the same name per optional field. Request structs
//! have it, and so do the named types requests use. Adding an optional field to the spec then
//! breaks no caller; adding a required one changes `new`, which is the breaking change it is.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::{ident, lints, typing};
use spec::model::Field;
use spec::names::rust as names;

/// `, Default` for the struct's derive list when `new` takes no argument, which clippy
/// (`new_without_default`) wants beside it.
pub(super) fn default_derive(fields: &[Field]) -> TokenStream {
    if fields.iter().any(|field| field.required) {
        TokenStream::new()
    } else {
        quote!(, Default)
    }
}

/// `new` and the setters, for an `impl` block; `what` names the struct in docs ("request").
pub(super) fn methods(fields: &[Field], what: &str) -> TokenStream {
    // A required nullable field is a parameter of `new` (of type `Option<_>`), not a setter.
    let required: Vec<&Field> = fields.iter().filter(|field| field.required).collect();
    let optional: Vec<&Field> = fields.iter().filter(|field| !field.required).collect();
    let constructor = constructor(fields, &required, &optional, what);
    let setters = optional.iter().map(|field| setter(field));
    quote! {
        #constructor
        #(#setters)*
    }
}

fn constructor(
    fields: &[Field],
    required: &[&Field],
    optional: &[&Field],
    what: &str,
) -> TokenStream {
    let mut doc = Doc::new().markdown(if required.is_empty() {
        format!("A {what} with no fields set.")
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|field| format!("`{}`", names::field(field)))
            .collect();
        format!("A {what} with its required fields: {}.", names.join(", "))
    });
    if !optional.is_empty() {
        doc = doc.markdown("Set optional fields with the methods of the same name.");
    }
    let doc = doc.to_attrs();
    let params = required.iter().map(|field| {
        let name = ident(&names::field(field));
        let ty = typing::field_type(field);
        quote!(#name: impl ::std::convert::Into<#ty>)
    });
    let inits = fields.iter().map(|field| {
        let name = ident(&names::field(field));
        if !field.required {
            quote!(#name: ::std::option::Option::None,)
        } else {
            quote!(#name: ::std::convert::Into::into(#name),)
        }
    });
    // Some endpoints document many required fields; a builder for them would only hide which.
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits)* }
        }
    }
}

fn setter(field: &Field) -> TokenStream {
    let name = ident(&names::field(field));
    let allow = lints::named_after_the_api(&names::field(field), lints::Receiver::Value);
    let ty = typing::rust_type(&field.ty);
    let doc = Doc::new()
        .markdown(format!(
            "Sets `{}`: {}",
            names::field(field),
            super::docs::escape(&field.en)
        ))
        .to_attrs();
    quote! {
        #doc
        #allow
        pub fn #name(mut self, #name: impl ::std::convert::Into<#ty>) -> Self {
            self.#name = ::std::option::Option::Some(::std::convert::Into::into(#name));
            self
        }
    }
}
