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
    lines.extend(code.uses.iter().cloned());
    lines.push(String::new());
    lines.push("# async fn quick_start() -> Result<(), Error> {".to_owned());
    lines.extend(code.body(DOCS_BASE_URL.0, DOCS_BASE_URL.1));
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines.join("\n")
}

/// The quick start's base URL in the docs (the default, said out loud) and its comment.
pub(super) const DOCS_BASE_URL: (&str, Option<&str>) = (
    "\"https://api3.verycloud.cn\"",
    Some("the default; a test server's address in tests"),
);

/// The quick start: log in, make a call and tell an API error from others, walk every page
/// of a list. The crate docs, the README and `examples/quick_start.rs` each wrap it.
pub(super) struct QuickStart {
    /// `use` lines.
    pub(super) uses: Vec<String>,
    /// The call it makes, as chain segments (`client`, `profile()`, `detail()`), if the API
    /// has one to make.
    call: Option<Vec<String>>,
    /// The paged listing it walks: the request's construction and the stream call's segments.
    stream: Option<(String, Vec<String>)>,
}

impl QuickStart {
    pub(super) fn new(api: &Api) -> Self {
        let mut uses = Vec::new();
        let stream = paged_example(api).map(|endpoint| {
            let request = format!(
                "verycloud::requests::{}::new()",
                requests::request_struct_name(endpoint)
            );
            let call = vec![
                "client".to_owned(),
                format!("{}()", names::group_accessor(&endpoint.group)),
                format!("{}(request)", names::stream_method(&endpoint.name)),
            ];
            (request, call)
        });
        if stream.is_some() {
            uses.push(
                "use futures_util::StreamExt as _; // futures-util = \"0.3\": `next()` on streams"
                    .to_owned(),
            );
        }
        uses.push("use verycloud::{Client, Error};".to_owned());
        QuickStart {
            uses,
            call: example_endpoint(api).map(|endpoint| call_segments("client", endpoint)),
            stream,
        }
    }

    /// The statements, unindented, laid out as rustfmt lays them out four spaces in. The
    /// client is built with `base_url` (an expression) and, when `comment` is given, that
    /// comment after it.
    pub(super) fn body(&self, base_url: &str, comment: Option<&str>) -> Vec<String> {
        let builder = [
            "Client::builder()".to_owned(),
            format!("base_url({base_url})"),
            "build()?".to_owned(),
        ];
        let mut lines = match comment {
            Some(comment) => vec![
                format!("let client = {}", builder[0]),
                format!("    .{} // {comment}", builder[1]),
                format!("    .{};", builder[2]),
            ],
            None => chain("let client = ", &builder, ";", false),
        };
        lines.push("client.login(\"example_user\", \"my password\").await?;".to_owned());
        if let Some(call) = &self.call {
            let mut call = call.clone();
            call.push("await".to_owned());
            lines.push(String::new());
            lines.push(
                "// Any reply `code` but success is `Error::Api`, even with HTTP 200.".to_owned(),
            );
            lines.extend(chain("match ", &call, " {", true));
            lines.extend([
                "    Ok(reply) => println!(\"{reply:?}\"),".to_owned(),
                "    Err(Error::Api { code, message, .. }) => eprintln!(\"the API refused: {code} {message}\"),"
                    .to_owned(),
                "    Err(other) => return Err(other.into()),".to_owned(),
                "}".to_owned(),
            ]);
        }
        if let Some((request, call)) = &self.stream {
            lines.extend([
                String::new(),
                "// Every item of every page, each page fetched as the stream reaches it."
                    .to_owned(),
                format!("let request = {request};"),
            ]);
            lines.extend(chain("let mut items = ", call, ";", false));
            lines.extend([
                "while let Some(item) = items.next().await {".to_owned(),
                "    println!(\"{:?}\", item?);".to_owned(),
                "}".to_owned(),
            ]);
        }
        lines
    }
}

/// A method chain (`segments` joined by `.`) after `prefix` and before `suffix`, as rustfmt
/// lays it out in a function body: on one line when the chain is at most 60 characters wide
/// and the line at most 100 (four spaces of indentation counted); else one segment a line.
/// `block`: the suffix opens a block (`match … {`), whose brace then gets a line of its own.
pub(super) fn chain(prefix: &str, segments: &[String], suffix: &str, block: bool) -> Vec<String> {
    const CHAIN_WIDTH: usize = 60;
    const MAX_WIDTH: usize = 100;
    let joined = segments.join(".");
    if joined.chars().count() <= CHAIN_WIDTH
        && 4 + prefix.chars().count() + joined.chars().count() + suffix.chars().count() <= MAX_WIDTH
    {
        return vec![format!("{prefix}{joined}{suffix}")];
    }
    let mut lines = Vec::new();
    let mut segments = segments.iter();
    if let Some(root) = segments.next() {
        lines.push(format!("{prefix}{root}"));
    }
    lines.extend(segments.map(|segment| format!("    .{segment}")));
    if block {
        lines.push(suffix.trim().to_owned());
    } else if let Some(last) = lines.last_mut() {
        last.push_str(suffix);
    }
    lines
}

/// `client.<group>().<method>(<request>)` for an endpoint whose request fields are optional.
pub(super) fn call_expression(endpoint: &Endpoint) -> String {
    call_segments("client", endpoint).join(".")
}

/// `root`, `<group>()`, `<method>(<request>)`: the segments of a call of `endpoint`, whose
/// request fields are optional.
pub(super) fn call_segments(root: &str, endpoint: &Endpoint) -> Vec<String> {
    let argument = if requests::has_request(endpoint) {
        format!(
            "verycloud::requests::{}::new()",
            requests::request_struct_name(endpoint)
        )
    } else {
        String::new()
    };
    vec![
        root.to_owned(),
        format!("{}()", names::group_accessor(&endpoint.group)),
        format!("{}({argument})", names::method(&endpoint.name)),
    ]
}

/// The paged, read-only endpoint with only optional request fields whose documented reply
/// has the fewest pages (so that walking it against the mock server stays short).
pub(super) fn paged_example(api: &Api) -> Option<&Endpoint> {
    api.endpoints
        .iter()
        .filter(|endpoint| {
            endpoint.read_only
                && matches!(replies::shape(endpoint), replies::ReplyShape::Page { .. })
                && endpoint.request.iter().all(|field| !field.required)
                && endpoint
                    .request
                    .iter()
                    .any(|field| field.wire_name == "page")
        })
        .min_by_key(|endpoint| documented_pages(endpoint))
}

/// The documented reply's `totalpage`, a number or a numeric string; 1 when it has none.
fn documented_pages(endpoint: &Endpoint) -> i64 {
    match endpoint.reply_example.get("totalpage") {
        Some(serde_json::Value::Number(number)) => number.as_i64().unwrap_or(i64::MAX),
        Some(serde_json::Value::String(text)) => text.trim().parse().unwrap_or(i64::MAX),
        _ => 1,
    }
}

/// The first read-only endpoint that needs the token and no argument beyond optional fields.
pub(super) fn example_endpoint(api: &Api) -> Option<&Endpoint> {
    api.endpoints.iter().find(|endpoint| {
        endpoint.read_only
            && endpoint.needs_token
            && endpoint.request.iter().all(|field| !field.required)
    })
}
