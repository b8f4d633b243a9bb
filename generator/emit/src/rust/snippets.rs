//! The code the crate docs, the README and the examples show: the quick start, and the call
//! chains it is built from, laid out as rustfmt lays them out.

use super::{replies, requests};
use spec::model::{Api, Endpoint};
use spec::names::rust as names;

/// The quick start's base URL in the docs (the default, said out loud) and its comment.
pub(super) const DOCS_BASE_URL: (&str, Option<&str>) = (
    "\"https://api3.verycloud.cn\"",
    Some("the default; a test server's address in tests"),
);

/// The quick start: log in, make a call and tell an API error from others, walk every page
/// of a list. The crate docs, the README and `examples/quick_start.rs` each wrap it.
pub(super) struct QuickStart {
    /// `use` lines but the crate's own.
    uses: Vec<String>,
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
        QuickStart {
            uses,
            call: example_endpoint(api).map(|endpoint| call_segments("client", endpoint)),
            stream,
        }
    }

    /// The `use` lines. `error_in_signature`: the code around the body names `Error` (its
    /// function returns it), which the body itself names only when it makes a call.
    pub(super) fn uses(&self, error_in_signature: bool) -> Vec<String> {
        let mut uses = self.uses.clone();
        uses.push(if error_in_signature || self.call.is_some() {
            "use verycloud::{Client, Error};".to_owned()
        } else {
            "use verycloud::Client;".to_owned()
        });
        uses
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

/// `server`, `<group>()`, `<method>()`: the segments of an endpoint's mock on the mock server,
/// which takes no request whatever the client method takes.
pub(super) fn mock_segments(endpoint: &Endpoint) -> Vec<String> {
    vec![
        "server".to_owned(),
        format!("{}()", names::group_accessor(&endpoint.group)),
        format!("{}()", names::method(&endpoint.name)),
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
