//! `src/requests.rs`: one request struct per endpoint that takes body fields.
//!
//! Design: public fields (callers may read and set them) under `#[non_exhaustive]` (callers
//! cannot write struct literals), built with `new(required fields…)` and chained setters for
//! the optional ones. Adding an optional field to the spec therefore breaks no caller; adding
//! a required one changes `new`, which is the breaking change it is. The access token is
//! never a field: the client adds it to the body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::{FileTokens, debug, ident, lints, replies, types, typing};
use spec::model::{Api, Endpoint, Field};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> FileTokens<'_> {
    let allow_nested = typing::allow_nested_types();
    FileTokens {
        docs: quote! {
            //! Request bodies, one struct per endpoint that takes fields. Build one with `new`
            //! (the required fields) and chain setters for the optional ones.
            #allow_nested
        },
        items: Box::new(
            api.endpoints
                .iter()
                .filter(|endpoint| has_request(endpoint))
                .map(|endpoint| request(api, endpoint)),
        ),
    }
}

/// Endpoints without body fields take no request argument at all.
pub(super) fn has_request(endpoint: &Endpoint) -> bool {
    !endpoint.request.is_empty()
}

pub(super) fn request_struct_name(endpoint: &Endpoint) -> String {
    names::request_struct(&endpoint.name)
}

fn request(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let name = ident(&request_struct_name(endpoint));
    let mut doc = Doc::new().markdown(format!(
        "The request of [`{}`](crate::api::{}::{}): {}",
        endpoint.name,
        replies::group_type(endpoint),
        names::method(&endpoint.name),
        super::docs::escape(&endpoint.en)
    ));
    if endpoint.needs_token {
        doc = doc.markdown("The access token is not a field: the client adds it to the body.");
    }
    let doc = doc.to_attrs();
    let fields: Vec<TokenStream> = types::struct_fields(api, &endpoint.request).collect();
    let derive_debug = debug::derive(&endpoint.request);
    let debug_impl = debug::impl_for(&name, &endpoint.request);
    // A required nullable field is a parameter of `new` (of type `Option<_>`), not a setter.
    let required: Vec<&Field> = endpoint
        .request
        .iter()
        .filter(|field| field.required)
        .collect();
    let optional: Vec<&Field> = endpoint
        .request
        .iter()
        .filter(|field| !field.required)
        .collect();
    // `new()` without arguments wants a `Default` impl beside it (clippy::new_without_default).
    let default = if required.is_empty() {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    let constructor = constructor(endpoint, &required, &optional);
    let setters = optional.iter().map(|field| setter(field));
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #debug_impl

        impl #name {
            #constructor
            #(#setters)*
        }
    }
}

fn constructor(endpoint: &Endpoint, required: &[&Field], optional: &[&Field]) -> TokenStream {
    let mut doc = Doc::new().markdown(if required.is_empty() {
        "A request with no fields set.".to_owned()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|field| format!("`{}`", names::field(field)))
            .collect();
        format!("A request with its required fields: {}.", names.join(", "))
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
    let inits = endpoint.request.iter().map(|field| {
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
