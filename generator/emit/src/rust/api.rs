//! `src/api.rs`: one accessor per group (`client.profile()`) with one method per endpoint.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, Doc};
use super::replies::{self, ReplyShape};
use super::requests;
use super::{FileTokens, ident, lints, operations, typing};
use spec::model::{Api, Endpoint, Group};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> FileTokens<'_> {
    let allow_nested = typing::allow_nested_types();
    FileTokens {
        docs: quote! {
            //! The endpoints, grouped as the docs group them: `client.<group>().<endpoint>(request)`.
            #allow_nested
        },
        items: Box::new(accessed_groups(api).map(|group| group_api(api, group))),
    }
}

/// The groups that get an accessor: those with endpoints (an accessor without methods would
/// hold a client it never uses).
pub(super) fn accessed_groups(api: &Api) -> impl Iterator<Item = &Group> {
    api.groups.iter().filter(|group| {
        api.endpoints
            .iter()
            .any(|endpoint| endpoint.group == group.key)
    })
}

fn group_api(api: &Api, group: &Group) -> TokenStream {
    let type_name = ident(&names::group_type(&group.key));
    let accessor = ident(&names::accessor(group));
    let struct_doc = Doc::new()
        .markdown(format!(
            "The endpoints of `client.{}()`.",
            names::accessor(group)
        ))
        .prose(&group.en)
        .documented(Some(&group.zh))
        .to_attrs();
    let accessor_doc = Doc::new()
        .prose(&group.en)
        .documented(Some(&group.zh))
        .to_attrs();
    let accessor_allow = lints::named_after_the_api(&names::accessor(group), lints::Receiver::Ref);
    let endpoints: Vec<&Endpoint> = api
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.group == group.key)
        .collect();
    let methods = endpoints.iter().map(|endpoint| {
        let stream = stream_method(endpoint);
        let method = method(api, endpoint);
        quote!(#method #stream)
    });
    quote! {
        #struct_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #type_name<'a> {
            client: &'a crate::Client,
        }

        impl crate::Client {
            #accessor_doc
            #accessor_allow
            pub fn #accessor(&self) -> #type_name<'_> {
                #type_name { client: self }
            }
        }

        impl<'a> #type_name<'a> {
            #(#methods)*
        }
    }
}

fn method_doc(api: &Api, endpoint: &Endpoint) -> Doc {
    let mut facts = vec![docs::code(&format!("POST {}", endpoint.path))];
    facts.push(
        if endpoint.needs_token {
            "sends the access token"
        } else {
            "needs no access token"
        }
        .to_owned(),
    );
    facts.push(
        if endpoint.read_only {
            "read-only, so retried per the client's retry policy"
        } else {
            "changes state, so never retried"
        }
        .to_owned(),
    );
    // What the method returns, where the spec says more about it than its type does (a reply
    // no source shows, kept as raw JSON).
    let data_notes = match replies::shape(endpoint) {
        ReplyShape::Data(data) => data.notes.as_deref(),
        _ => None,
    };
    let sources = crate::sources::sources_paragraph(api, endpoint);
    let doc = Doc::new()
        .prose(&endpoint.en)
        .documented(Some(&endpoint.zh))
        .markdown(format!("{}.", facts.join("; ")));
    let doc = if endpoint.name == api.info.login.endpoint {
        doc.markdown(
            "The client keeps the token this returns, and the credentials sent, exactly as \
             [`Client::login_encoded`](crate::Client::login_encoded) does: later calls carry \
             the token, and the client logs in again when it is due.",
        )
    } else {
        doc
    };
    doc.notes(endpoint.notes.as_deref())
        .notes(data_notes)
        .notes(sources.as_deref())
        .departures(&endpoint.departures)
}

fn method(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let doc = method_doc(api, endpoint).to_attrs();
    let name = ident(&names::method(&endpoint.name));
    let allow = lints::named_after_the_api(&names::method(&endpoint.name), lints::Receiver::Ref);
    let operation = operations::const_name(endpoint);
    let returns = replies::return_type(endpoint);
    let decode = replies::decode(endpoint);
    let (param, body) = if requests::has_request(endpoint) {
        let request = ident(&requests::request_struct_name(endpoint));
        (quote!(request: crate::requests::#request), quote!(&request))
    } else {
        (
            TokenStream::new(),
            quote!(&::serde_json::Map::<
                ::std::string::String,
                ::serde_json::Value,
            >::new()),
        )
    };
    let reply_binding = match replies::shape(endpoint) {
        // The envelope was checked; `()` needs nothing more from it.
        ReplyShape::Nothing => quote!(_reply),
        _ => quote!(reply),
    };
    quote! {
        #doc
        #allow
        pub async fn #name(&self, #param) -> ::std::result::Result<#returns, crate::Error> {
            let #reply_binding = self.client.call(&crate::operations::#operation, #body).await?;
            #decode
        }
    }
}

/// `<method>_stream` for a paged endpoint: every item of every page, fetched as it is read.
fn stream_method(endpoint: &Endpoint) -> Option<TokenStream> {
    let ReplyShape::Page { item } = replies::shape(endpoint) else {
        return None;
    };
    let page_field = endpoint
        .request
        .iter()
        .find(|field| field.wire_name == "page")?;
    let page = ident(&names::field(page_field));
    // A page number that may be null is an `Option` even when required.
    let (first_page, set_page) = if !typing::is_optional(page_field) {
        (quote!(request.#page), quote!(request.#page = page;))
    } else {
        (
            quote!(request.#page.unwrap_or(1)),
            quote!(request.#page = ::std::option::Option::Some(page);),
        )
    };
    let method = ident(&names::method(&endpoint.name));
    let name = ident(&names::stream_method(&endpoint.name));
    let request = ident(&requests::request_struct_name(endpoint));
    let item = typing::rust_type(item);
    let doc = Doc::new()
        .markdown(format!(
            "Every item of every page of [`{method}`](Self::{method}), starting at the request's `{page}` \
             (the first page when unset) and fetching each page as the stream reaches it."
        ))
        .markdown("The stream ends after the last page or an empty one, and at the first error, which it yields.")
        .markdown("The stream is `Unpin`: call `StreamExt::next` on it as it is, without pinning it first.")
        .to_attrs();
    Some(quote! {
        #doc
        pub fn #name(&self, request: crate::requests::#request)
            -> impl ::futures_core::Stream<Item = ::std::result::Result<#item, crate::Error>> + ::std::marker::Unpin + 'a
        {
            let api = *self;
            let first_page = #first_page;
            crate::paging::stream(first_page, move |page| {
                // Fully qualified: an optional field named `clone` has a setter of that name.
                let mut request = ::std::clone::Clone::clone(&request);
                #set_page
                async move { api.#method(request).await }
            })
        }
    })
}
