//! `src/lib.rs`: crate docs with a quick start, module declarations and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, Doc};
use super::snippets::{DOCS_BASE_URL, QuickStart, call_expression, example_endpoint};
use super::{api, mock_api, replies, runtime};
use crate::REGENERATE_COMMAND;
use spec::model::Api;
use spec::names::rust as names;

pub(super) fn emit(api: &Api, features: &runtime::Features) -> TokenStream {
    let crate_doc = crate_doc(api).to_inner_attrs();
    let mock_docs = mock_api::module_docs(api);
    let runtime_modules = runtime::module_declarations(features, &|module| match module {
        "mock" => mock_docs.clone(),
        _ => TokenStream::new(),
    });
    let reexports = runtime::reexports(features);
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
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock_api;
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
    let groups: Vec<String> = api::accessed_groups(api)
        .map(|group| {
            format!(
                "- [`client.{name}()`](Client::{name}) ({}): {}",
                docs::list_item_text(&docs::escape(&group.zh)),
                docs::list_item_text(&docs::escape(&group.en)),
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
             reading a reply past [`ClientBuilder::max_reply_size`] ([`DEFAULT_MAX_REPLY_SIZE`] by \
             default).",
        )
        .markdown("# Settings from the environment")
        .markdown(
            "[`Client::from_env`] reads `VERYCLOUD_BASE_URL` (optional), and `VERYCLOUD_TOKEN` \
             or `VERYCLOUD_USERNAME` with `VERYCLOUD_PASSWORD` (the client then logs in by \
             itself when a call first needs the token); a missing or unusable variable is \
             [`Error::MissingEnv`] or [`Error::InvalidEnv`], naming it. \
             [`ClientBuilder::from_env`] does the same and lets you change other settings.",
        )
        .markdown("# One call with other settings")
        .markdown(per_call_options(api))
        .markdown("# Tracing")
        .markdown(
            "With the `tracing` feature (on by default) every call is a `tracing` span `call` \
             (INFO) with the fields `operation`, `path` and, once it ends, `attempts`, `status` \
             (HTTP), `code` (the reply's) and `duration_ms`; each attempt is a span `attempt` \
             (DEBUG) inside it with `attempt` (from 1), `status`, `code` and `duration_ms`. \
             Events: each attempt's end and the call's end (DEBUG), a retry with its wait \
             `wait_ms` and the error (INFO), giving up on a failure a retry might have fixed \
             (WARN, with `reason`), logging in again because the token is due (INFO), and that \
             login failing (WARN). No span or event ever holds a request or reply body, a \
             header, a token, a user name or a password; `error` fields are the error's text, \
             from which the client removes every secret it knows. Without the feature \
             (`default-features = false`) the client emits nothing and `tracing` is not built.",
        )
        .markdown("# Testing your code against a mock server")
        .markdown(
            "The `mock` feature (for `[dev-dependencies]`) adds `verycloud::mock`: a loopback \
             server answering every endpoint with its documented reply, where a test sets a \
             typed reply, an API error, an HTTP status or a delay per endpoint and reads back \
             the typed requests that arrived, their tokens checked. Its module docs open with a \
             complete test; the crate's `examples/` run against it \
             (`cargo run --example quick_start --features mock`).",
        )
        .markdown(format!(
            "This crate is generated from `spec/verycloud.yaml` (API description version {}) by \
             `{REGENERATE_COMMAND}`; do not edit it by hand.",
            api.info.version
        ))
}

/// A doctest (compiled, not run): one call with a longer timeout, one without retries.
fn per_call_options(api: &Api) -> String {
    let Some(endpoint) = example_endpoint(api) else {
        return "[`Client::with_timeout`] and [`Client::with_retry`] return a view of the client \
                with that one setting changed, sharing its connections and token."
            .to_owned();
    };
    let call = call_expression(endpoint);
    let slow = call.replacen(
        "client.",
        "client.with_timeout(Duration::from_secs(120)).",
        1,
    );
    let once = call.replacen("client.", "client.with_retry(RetryPolicy::none()).", 1);
    [
        "[`Client::with_timeout`] and [`Client::with_retry`] return a view of the client with \
         that one setting changed, sharing its connections and token; calls made through \
         `client` itself keep its settings."
            .to_owned(),
        String::new(),
        "```no_run".to_owned(),
        "use std::time::Duration;".to_owned(),
        "use verycloud::RetryPolicy;".to_owned(),
        String::new(),
        "# async fn options(client: &verycloud::Client) -> Result<(), verycloud::Error> {"
            .to_owned(),
        format!("let patient = {slow}.await?;"),
        format!("let at_once = {once}.await?;"),
        "# let _ = (patient, at_once);".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]
    .join("\n")
}

/// A doctest (compiled, not run): the quick start against the real API.
fn quick_start(api: &Api) -> String {
    let code = QuickStart::new(api);
    let mut lines = vec!["```no_run".to_owned()];
    lines.extend(code.uses(true));
    lines.push(String::new());
    lines.push("# async fn quick_start() -> Result<(), Error> {".to_owned());
    lines.extend(code.body(DOCS_BASE_URL.0, DOCS_BASE_URL.1));
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines.join("\n")
}
