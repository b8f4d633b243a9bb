//! `src/mock_api.rs` (with the `mock` feature): the typed half of the mock server. One accessor
//! per group on `verycloud::mock::MockServer` (`server.profile()`) with one method per
//! endpoint, each giving the runtime's `mock::Endpoint` typed with the endpoint's request type,
//! the type its client method returns, and how to write and read that reply.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::replies::{self, ReplyShape};
use super::requests;
use super::snippets::{call_segments, chain, example_endpoint, mock_segments};
use super::{FileTokens, ident, lints, operations, typing};
use spec::model::{Api, Endpoint, Group};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> FileTokens<'_> {
    let allow_nested = typing::allow_nested_types();
    FileTokens {
        docs: quote! {
            //! The mock server's endpoints, grouped as the client's: `server.<group>().<endpoint>()`
            //! is a typed [`Endpoint`](crate::mock::Endpoint). With the `mock` feature only; the
            //! server and how to use it are in [`mock`](crate::mock).
            #allow_nested
        },
        // The groups the client has accessors for: a mock of a group without endpoints would
        // hold a server it never uses.
        items: Box::new(super::api::accessed_groups(api).map(|group| group_mock(api, group))),
    }
}

/// The opening of the `mock` module's docs, on its declaration in `lib.rs` (rustdoc puts it
/// before the runtime's own docs of the module): what the module is, and a test that runs as a
/// doctest, written for this API's endpoints.
pub(super) fn module_docs(api: &Api) -> TokenStream {
    Doc::new()
        .markdown(
            "A mock of the API's server for testing your own code: typed, on loopback, built on \
             [`wiremock`](https://docs.rs/wiremock). Needs the `mock` feature: \
             `verycloud = { version = \"…\", features = [\"mock\"] }` under `[dev-dependencies]`.",
        )
        .markdown(example_test(api).join("\n"))
        .to_attrs()
}

/// The doctest: the defaults, a typed reply, an API error, HTTP failures and the requests that
/// arrived, all on one endpoint that needs the token and no argument; only the defaults where
/// the API has no such endpoint.
fn example_test(api: &Api) -> Vec<String> {
    let mut lines: Vec<String> = [
        "```",
        "use verycloud::mock::MockServer;",
        "use verycloud::Error;",
        "",
        "# #[tokio::main(flavor = \"current_thread\")]",
        "# async fn main() -> Result<(), Box<dyn std::error::Error>> {",
        "// Every endpoint answers with its documented reply until a test says otherwise.",
        "let server = MockServer::start().await;",
        "let client = server.client()?; // base URL set, holding the token the server issued",
    ]
    .map(str::to_owned)
    .into();
    match example_endpoint(api) {
        Some(endpoint) => {
            let call = call_segments("client", endpoint);
            let mock = mock_segments(endpoint);
            let with = |tail: &[&str]| -> Vec<String> {
                let mut segments = mock.clone();
                segments.extend(tail.iter().map(|segment| (*segment).to_owned()));
                segments
            };
            let mut awaited = call.clone();
            awaited.push("await?".to_owned());
            let mut matched = call.clone();
            matched.push("await".to_owned());
            let refused = if api.info.envelope.success_code == 0 {
                1
            } else {
                0
            };
            lines.extend([
                String::new(),
                "// A typed reply: here the documented one; change what the test is about."
                    .to_owned(),
            ]);
            lines.extend(chain("let reply = ", &with(&["documented()?"]), ";", false));
            lines.extend(chain("", &with(&["returns(reply)", "await"]), ";", false));
            lines.extend(chain("", &awaited, ";", false));
            lines.extend([
                String::new(),
                "// An API error (HTTP 200, a `code` other than success), as the real server sends them."
                    .to_owned(),
            ]);
            lines.extend(chain(
                "",
                &with(&[&format!("fails_with({refused}, \"refused\")"), "await"]),
                ";",
                false,
            ));
            lines.extend(chain("match ", &matched, " {", true));
            lines.extend([
                format!(
                    "    Err(Error::Api {{ code: {refused}, message, .. }}) => assert_eq!(message, \"refused\"),"
                ),
                "    other => panic!(\"expected an API error, got {other:?}\"),".to_owned(),
                "}".to_owned(),
                String::new(),
                "// Failures: HTTP 503 twice, then the documented reply again; read-only calls retry."
                    .to_owned(),
            ]);
            lines.extend(chain(
                "",
                &with(&["fails_with_status(503)", "times(2)", "await"]),
                ";",
                false,
            ));
            lines.extend(chain(
                "",
                &with(&["documented_reply()", "await"]),
                ";",
                false,
            ));
            lines.extend(chain("", &awaited, ";", false));
            lines.extend([
                String::new(),
                "// What arrived, typed, each request's token checked against the one the server issued."
                    .to_owned(),
            ]);
            lines.extend(chain(
                "let requests = ",
                &with(&["received()", "await?"]),
                ";",
                false,
            ));
            lines.push(
                "assert_eq!(requests.len(), 5); // the typed reply, the error, 503, 503, the retry"
                    .to_owned(),
            );
        }
        None => lines.extend([
            String::new(),
            "// The server has been asked nothing yet.".to_owned(),
            "assert!(server.received_operations().await.is_empty());".to_owned(),
            "drop(client);".to_owned(),
        ]),
    }
    lines.extend(["# Ok(())", "# }", "```"].map(str::to_owned));
    lines
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
    let allow = lints::named_after_the_api(&method, lints::Receiver::Ref);
    let operation = operations::const_name(endpoint);
    let client_type = replies::group_type(endpoint);
    let doc = Doc::new()
        .markdown(format!(
            "The mock of [`{method}`](crate::api::{client_type}::{method}) ({}): set its \
             reply, or list the requests it received.",
            super::docs::code(&format!("POST {}", endpoint.path))
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
        #allow
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
