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
use super::{FileTokens, builder, debug, ident, replies, types, typing};
use spec::model::{Api, Endpoint};
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
    let default = builder::default_derive(&endpoint.request);
    let methods = builder::methods(&endpoint.request, "request");
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #debug_impl

        impl #name {
            #methods
        }
    }
}
