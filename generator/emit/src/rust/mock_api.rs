//! `src/mock_api.rs` (with the `mock` feature): the typed half of the mock server. One accessor
//! per group on `verycloud::mock::MockServer` (`server.profile()`) with one method per
//! endpoint, each giving the runtime's `mock::Endpoint` typed with the endpoint's request type,
//! the type its client method returns, and how to write and read that reply.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::replies::{self, ReplyShape};
use super::requests;
use super::{FileTokens, ident, operations, typing};
use spec::model::{Api, Endpoint, Group};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> FileTokens<'_> {
    FileTokens {
        docs: quote! {
            //! The mock server's endpoints, grouped as the client's: `server.<group>().<endpoint>()`
            //! is a typed [`Endpoint`](crate::mock::Endpoint). With the `mock` feature only; the
            //! server and how to use it are in [`mock`](crate::mock).
        },
        items: Box::new(api.groups.iter().map(|group| group_mock(api, group))),
    }
}

fn group_mock(api: &Api, group: &Group) -> TokenStream {
    let type_name = ident(&names::mock_group_type(&group.key));
    let accessor = ident(&names::accessor(group));
    let client_type = names::group_type(&group.key);
    let struct_doc = Doc::new()
        .markdown(format!(
            "The endpoints of `server.{accessor}()`, the mock twins of [`client.{accessor}()`](crate::api::{client_type})."
        ))
        .to_attrs();
    let accessor_doc = Doc::new()
        .markdown(format!(
            "The mock endpoints of the group `{accessor}`: {}",
            super::docs::escape(&group.en)
        ))
        .to_attrs();
    let methods = api
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.group == group.key)
        .map(endpoint_mock);
    quote! {
        #struct_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #type_name<'a> {
            server: &'a crate::mock::MockServer,
        }

        impl crate::mock::MockServer {
            #accessor_doc
            pub fn #accessor(&self) -> crate::mock_api::#type_name<'_> {
                crate::mock_api::#type_name { server: self }
            }
        }

        impl<'a> #type_name<'a> {
            #(#methods)*
        }
    }
}

fn endpoint_mock(endpoint: &Endpoint) -> TokenStream {
    let method = names::method(&endpoint.name);
    let name = ident(&method);
    let operation = operations::const_name(endpoint);
    let client_type = replies::group_type(endpoint);
    let doc = Doc::new()
        .markdown(format!(
            "The mock of [`{method}`](crate::api::{client_type}::{method}) (`POST {}`): set its \
             reply, or list the requests it received.",
            endpoint.path
        ))
        .to_attrs();
    let request = if requests::has_request(endpoint) {
        let request = ident(&requests::request_struct_name(endpoint));
        quote!(crate::requests::#request)
    } else {
        quote!(crate::mock::NoFields)
    };
    let returns = replies::return_type(endpoint);
    let encode = match replies::shape(endpoint) {
        ReplyShape::Nothing => quote!(crate::mock::nothing),
        ReplyShape::Page { item } => {
            let item = typing::rust_type(item);
            quote!(crate::mock::page::<#item>)
        }
        ReplyShape::Data(_) => quote!(crate::mock::data::<#returns>),
        ReplyShape::Whole => quote!(crate::mock::whole::<#returns>),
    };
    let decode = replies::decode(endpoint);
    let reply = match replies::shape(endpoint) {
        ReplyShape::Nothing => quote!(_reply),
        _ => quote!(reply),
    };
    quote! {
        #doc
        pub fn #name(&self) -> crate::mock::Endpoint<'a, #request, #returns> {
            crate::mock::Endpoint::new(
                self.server,
                &crate::operations::#operation,
                #encode,
                |#reply: &crate::client::Reply| #decode,
            )
        }
    }
}
