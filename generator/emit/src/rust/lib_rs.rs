//! `src/lib.rs`: crate docs with a quick start, module declarations and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, Doc};
use super::{replies, requests, runtime};
use crate::REGENERATE_COMMAND;
use spec::model::{Api, Endpoint};
use spec::names::rust as names;

pub(super) fn emit(api: &Api) -> TokenStream {
    let crate_doc = crate_doc(api).to_inner_attrs();
    let runtime_modules = runtime::module_declarations();
    let reexports = runtime::reexports();
    // Every module is generated output whose layout the generator decides (prettyplease's,
    // or the runtime's as written); rustfmt is told to leave them be so that
    // `cargo fmt --check` cannot disagree with `cargo xtask codegen --check`.
    let replies_module = if replies::emit(api).is_some() {
        quote! { #[rustfmt::skip] pub mod replies; }
    } else {
        TokenStream::new()
    };
    quote! {
        #crate_doc
        #![deny(missing_docs)]

        #runtime_modules

        #[rustfmt::skip]
        pub mod api;
        #[rustfmt::skip]
        mod operations;
        #replies_module
        #[rustfmt::skip]
        pub mod requests;
        #[rustfmt::skip]
        pub mod types;

        #reexports
    }
}

fn crate_doc(api: &Api) -> Doc {
    let groups: Vec<String> = api
        .groups
        .iter()
        .map(|group| {
            format!(
                "- [`client.{name}()`](Client::{name}) ({}): {}",
                docs::escape(&group.zh),
                docs::escape(&group.en),
                name = names::accessor(group)
            )
        })
        .collect();
    Doc::new()
        .prose(&api.info.title)
        .prose(&api.info.description)
        .markdown("# Quick start")
        .markdown(quick_start(api))
        .markdown(
            "Calls are grouped as the vendor's docs group them, each taking its request struct \
             (from [`requests`]) and returning typed data (from [`types`]):",
        )
        .markdown(groups.join("\n"))
        .markdown(
            "Every call is a `POST` with a JSON body. The client puts the access token in the body, \
             logs in again before a token expires when it knows the credentials, treats any reply \
             `code` but success as an [`Error`] even on HTTP 200, and retries only read-only calls.",
        )
        .markdown(
            "Against a sloppy or hostile server it stays safe: it follows no redirect (the token \
             and the password travel in the body, and no body is ever sent to another origin), \
             reads numbers and money from their exact text, honours `Retry-After`, and stops \
             reading a reply past [`ClientBuilder::max_reply_size`] (16 MiB by default).",
        )
        .markdown(format!(
            "This crate is generated from `spec/verycloud.yaml` (API description version {}) by \
             `{REGENERATE_COMMAND}`; do not edit it by hand.",
            api.info.version
        ))
}

/// A doctest (compiled, not run) that logs in and makes one read-only call.
fn quick_start(api: &Api) -> String {
    let mut lines = vec!["```no_run".to_owned()];
    lines.extend(
        quick_start_code(api)
            .into_iter()
            .map(|(hidden, line)| if hidden { format!("# {line}") } else { line }),
    );
    lines.push("```".to_owned());
    lines.join("\n")
}

/// The quick start's lines, each marked whether rustdoc hides it (the function around the
/// example, which the README shows).
pub(super) fn quick_start_code(api: &Api) -> Vec<(bool, String)> {
    let mut lines = vec![
        (
            true,
            "async fn quick_start() -> Result<(), verycloud::Error> {".to_owned(),
        ),
        (
            false,
            "let client = verycloud::Client::builder().build()?;".to_owned(),
        ),
        (
            false,
            "client.login(\"example_user\", \"my password\").await?;".to_owned(),
        ),
    ];
    if let Some(endpoint) = example_endpoint(api) {
        let group = names::group_accessor(&endpoint.group);
        let argument = if requests::has_request(endpoint) {
            format!(
                "verycloud::requests::{}::new()",
                requests::request_struct_name(endpoint)
            )
        } else {
            String::new()
        };
        lines.push((
            false,
            format!(
                "let reply = client.{group}().{}({argument}).await?;",
                names::method(&endpoint.name)
            ),
        ));
        lines.push((false, "println!(\"{reply:?}\");".to_owned()));
    }
    lines.push((true, "Ok(())".to_owned()));
    lines.push((true, "}".to_owned()));
    lines
}

/// The first read-only endpoint that needs the token and no argument beyond optional fields.
pub(super) fn example_endpoint(api: &Api) -> Option<&Endpoint> {
    api.endpoints.iter().find(|endpoint| {
        endpoint.read_only
            && endpoint.needs_token
            && endpoint.request.iter().all(|field| !field.required)
    })
}
