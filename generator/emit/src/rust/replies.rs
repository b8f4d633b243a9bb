//! What each endpoint's method returns, and `src/replies.rs`: the structs for replies that
//! carry top-level members beside `data` (a token and its expiry, a total).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::{FileTokens, debug, ident, types, typing};
use spec::model::{Api, Endpoint, Field, TypeRef};
use spec::names::rust as names;

/// The reply members `paged: true` implies; `Page<T>` carries them.
const PAGING_FIELDS: [&str; 4] = ["total", "totalpage", "page", "limit"];

/// How a method turns the checked reply into what it returns.
pub(crate) enum ReplyShape<'a> {
    /// No `data`: the method returns `()`.
    Nothing,
    /// `data` is one page of a list of `item`: the method returns `Page<item>`.
    Page { item: &'a TypeRef },
    /// The method returns `data` itself.
    Data(&'a Field),
    /// Members beside `data`: the method returns the endpoint's generated reply struct.
    Whole,
}

pub(crate) fn shape(endpoint: &Endpoint) -> ReplyShape<'_> {
    let reply = &endpoint.reply;
    let has_other_fields = reply
        .fields
        .iter()
        .any(|field| !(reply.paged && PAGING_FIELDS.contains(&field.wire_name.as_str())));
    if has_other_fields {
        return ReplyShape::Whole;
    }
    match &reply.data {
        None => ReplyShape::Nothing,
        Some(data) => match (&data.ty, reply.paged) {
            (TypeRef::List(item), true) => ReplyShape::Page { item },
            _ => ReplyShape::Data(data),
        },
    }
}

/// The reply struct's name for an endpoint.
pub(super) fn reply_struct_name(endpoint: &Endpoint) -> String {
    names::reply_struct(&endpoint.name)
}

/// An optional `data` holding a list or map is returned as an empty one when missing: callers
/// iterate it either way, and `Option<Vec<_>>` would only make them write `unwrap_or_default`.
pub(super) fn returns_default_when_missing(data: &Field) -> bool {
    typing::is_optional(data) && matches!(data.ty, TypeRef::List(_) | TypeRef::Map(_))
}

/// The type an endpoint's method returns (inside `Result`).
pub(super) fn return_type(endpoint: &Endpoint) -> TokenStream {
    match shape(endpoint) {
        ReplyShape::Nothing => quote!(()),
        ReplyShape::Page { item } => {
            let item = typing::rust_type(item);
            quote!(crate::Page<#item>)
        }
        ReplyShape::Data(data) if returns_default_when_missing(data) => typing::rust_type(&data.ty),
        ReplyShape::Data(data) => typing::field_type(data),
        ReplyShape::Whole => {
            let name = ident(&reply_struct_name(endpoint));
            quote!(crate::replies::#name)
        }
    }
}

/// The expression that decodes `reply` (a `crate::client::Reply`) into the return type.
pub(super) fn decode(endpoint: &Endpoint) -> TokenStream {
    match shape(endpoint) {
        ReplyShape::Nothing => quote!(::std::result::Result::Ok(())),
        ReplyShape::Page { .. } => quote!(reply.page()),
        ReplyShape::Whole => quote!(reply.whole()),
        ReplyShape::Data(data) => {
            let optional_type = {
                let inner = typing::rust_type(&data.ty);
                quote!(::std::option::Option<#inner>)
            };
            let (decoded_type, finish) = if returns_default_when_missing(data) {
                (
                    optional_type,
                    quote!(.map(::std::option::Option::unwrap_or_default)),
                )
            } else {
                (typing::field_type(data), TokenStream::new())
            };
            quote!(reply.data::<#decoded_type>() #finish)
        }
    }
}

/// `src/replies.rs`, or `None` when no endpoint needs a reply struct.
pub(super) fn emit(api: &Api) -> Option<FileTokens<'_>> {
    let mut whole = api
        .endpoints
        .iter()
        .filter(|endpoint| matches!(shape(endpoint), ReplyShape::Whole))
        .peekable();
    whole.peek()?;
    let allow_nested = typing::allow_nested_types();
    Some(FileTokens {
        docs: quote! {
            //! Replies that carry members beside `data`, decoded whole.
            #allow_nested
        },
        items: Box::new(whole.map(|endpoint| reply_struct(api, endpoint))),
    })
}

fn reply_struct(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let name = ident(&reply_struct_name(endpoint));
    let doc = Doc::new()
        .markdown(format!(
            "The reply of [`{}`](crate::api::{}::{}).",
            endpoint.name,
            group_type(endpoint),
            names::method(&endpoint.name)
        ))
        .to_attrs();
    let fields: Vec<Field> = endpoint
        .reply
        .data
        .iter()
        .chain(&endpoint.reply.fields)
        .cloned()
        .collect();
    let derive_debug = debug::derive(&fields);
    let debug_impl = debug::impl_for(&name, &fields);
    let fields: Vec<TokenStream> = types::struct_fields(api, &fields).collect();
    quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #debug_impl
    }
}

/// The accessor type of an endpoint's group (`ProfileApi`).
pub(super) fn group_type(endpoint: &Endpoint) -> String {
    names::group_type(&endpoint.group)
}

/// What a method returns, as a reader writes it (`Page<Record>`), for prose.
pub(super) fn display_return_type(endpoint: &Endpoint) -> String {
    match shape(endpoint) {
        ReplyShape::Nothing => "()".to_owned(),
        ReplyShape::Page { item } => format!("Page<{}>", names::display_type(item)),
        ReplyShape::Data(data)
            if returns_default_when_missing(data) || !typing::is_optional(data) =>
        {
            names::display_type(&data.ty)
        }
        ReplyShape::Data(data) => format!("Option<{}>", names::display_type(&data.ty)),
        ReplyShape::Whole => reply_struct_name(endpoint),
    }
}
