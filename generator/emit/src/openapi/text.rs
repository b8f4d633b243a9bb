//! The prose of the document: the API description with its conventions, operation
//! descriptions, and the small joins every description uses.

use spec::model::{Api, Departure, Endpoint};

/// The present, non-blank parts joined as Markdown paragraphs; `None` when nothing is left.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let kept: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!kept.is_empty()).then(|| kept.join("\n\n"))
}

/// `info.description`: the spec's own description, then the conventions every operation
/// shares, which a reader of the OpenAPI file could not guess from the schemas alone.
pub fn api_description(api: &Api) -> String {
    let info = &api.info;
    let envelope = &info.envelope;
    let login = &info.login;
    let conventions = format!(
        "## Conventions\n\n\
         - Every operation is a `POST` whose body is a JSON object.\n\
         - **Token in the body.** Operations marked `x-token-in-body` carry the access token as \
         the body field `{token}`, not in a header. `{login_op}` returns it as \
         `{access_token}`, valid until `{expires}` (Unix seconds).\n\
         - **Reply envelope.** Every reply is `{{\"{code}\": {success}, \"{message}\": \"…\", \
         \"{data}\": …}}` with HTTP status 200. `{code}` {success} means success; **any other \
         `{code}` is a failure, even though the HTTP status is 200**, and `{message}` says why. \
         The reply schemas require only `{code}` and `{message}`, because a failure carries no \
         more; what a successful reply always carries is listed in each reply schema's \
         `x-required-on-success`. `x-verycloud-envelope` states the same for tools.\n\
         - **Numbers as strings.** Replies often write numbers as strings (`\"uid\": \"1234566894\"`, \
         `\"price\": \"29122.0219\"`). Where the docs show both forms, the schema accepts a number \
         or a numeric string (`anyOf`); money amounts are decimal strings or JSON numbers, as \
         documented; flags are 0 or 1; date-times are Beijing time as `2015/03/19 13:21` or \
         `2015-03-19 13:21`.\n\
         - **Closed requests, open replies.** Request bodies are closed \
         (`additionalProperties: false`) so that a misspelt member is caught; reply objects stay \
         open, as servers add members.",
        token = info.token_field,
        login_op = login.endpoint,
        access_token = login.access_token_field,
        expires = login.expires_field,
        code = envelope.code_field,
        message = envelope.message_field,
        data = envelope.data_field,
        success = envelope.success_code,
    );
    let notes = bullet_list("## Notes", info.notes.iter().map(String::as_str));
    paragraphs([
        Some(info.description.as_str()),
        Some(&conventions),
        notes.as_deref(),
    ])
    .unwrap_or_default()
}

/// An operation's description: the documented title, the spec's notes, where it was read
/// and, briefly, where the spec departs from the docs.
pub fn operation_description(api: &Api, endpoint: &Endpoint) -> String {
    let title = format!("文档标题 (documented title): {}", endpoint.zh);
    let sources = crate::sources::sources_paragraph(api, endpoint);
    let departures: Vec<String> = endpoint.departures.iter().map(departure_line).collect();
    let departures = bullet_list(
        "Departures from the vendor's documentation:",
        departures.iter().map(String::as_str),
    );
    paragraphs([
        Some(title.as_str()),
        endpoint.notes.as_deref(),
        sources.as_deref(),
        crate::sources::constructed_note(endpoint),
        departures.as_deref(),
    ])
    .unwrap_or_default()
}

fn departure_line(departure: &Departure) -> String {
    let quoted_from = match &departure.source {
        Some(source) => format!("`{source}`"),
        None => "docs".to_owned(),
    };
    format!(
        "`{}`: {} ({quoted_from}: {})",
        departure.kind.as_str(),
        departure.why.trim(),
        departure.docs.trim()
    )
}

fn bullet_list<'a>(heading: &str, items: impl Iterator<Item = &'a str>) -> Option<String> {
    let lines: Vec<String> = items.map(|item| format!("- {}", item.trim())).collect();
    (!lines.is_empty()).then(|| format!("{heading}\n\n{}", lines.join("\n")))
}
