//! Drafts spec entries for the endpoints the docs document and the spec lacks.
//!
//! The draft is meant to be merged into the spec and then curated: its `types` go under the
//! spec's `types:`, its `endpoints` under `endpoints:`. Everything a person must decide is a
//! text starting with the spec's draft marker (`TODO: translate "发票详情"`, a departure's
//! `why: "TODO: …"`), and `cargo xtask validate` lists each one as an error at its line until
//! it is settled, so a draft never reaches the generated client; apart from its drafts, the
//! draft is a valid spec. It follows the spec's own rules where the docs show enough: the
//! group of the endpoints beside it in the docs, `data` required, request types from the
//! docs' type words (adjusted where the docs' own example contradicts them), reply types from
//! the reply example, one named object type per object, amounts and ids the docs write as
//! numeric text typed `decimal` and `integer` with `wire: either`.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use super::compare::Scope;
use super::docs::{DocsEndpoint, DocsFile, DocsJson};
use super::pairing::{Pair, pair};
use spec::format::DepartureKind;
use spec::model::Api;
use spec::names::rust::pascal;
use spec::type_ref::TypeRef;

mod reply_types;
mod request_fields;
mod write;

use reply_types::{Guess, ReplyTypes, guess_value};
use request_fields::request_field;
use write::{
    departure, invalid_quote, is_scalar, json_text, json_to_yaml, push_departure, repairs_text,
    todo, todo_translate,
};

/// Spec YAML (`types:` and `endpoints:`) for every documented endpoint the spec lacks, taking
/// the docs for the spec's only `docs` source (see [`Scope::of`]).
pub fn skeleton(docs: &DocsFile, api: &Api, docs_name: &str) -> String {
    skeleton_in(docs, api, docs_name, Scope::of(api))
}

/// [`skeleton`] for docs that are `scope`'s source: each drafted endpoint cites them in its
/// `provenance` (as a spec that declares `sources` requires).
pub fn skeleton_in(docs: &DocsFile, api: &Api, docs_name: &str, scope: Scope<'_>) -> String {
    let (pairs, _) = pair(docs, api);
    // Each documented endpoint in docs order, with the spec's group where the spec has it.
    let documented: Vec<(&DocsEndpoint, Option<&str>)> = pairs
        .iter()
        .filter_map(|pair| match pair {
            Pair::DocsOnly(endpoint) => Some((*endpoint, None)),
            Pair::Both { docs, spec, .. } => Some((*docs, Some(spec.group.as_str()))),
            Pair::SpecOnly(_) => None,
        })
        .collect();
    let missing: Vec<(&DocsEndpoint, Neighbours<'_>)> = documented
        .iter()
        .enumerate()
        .filter(|(_, (_, group))| group.is_none())
        .map(|(at, (endpoint, _))| {
            let neighbours = Neighbours {
                before: documented[..at].iter().rev().find_map(|(_, g)| *g),
                after: documented[at + 1..].iter().find_map(|(_, g)| *g),
            };
            (*endpoint, neighbours)
        })
        .collect();
    let mut out = format!(
        "# Drafted by `cargo xtask docs-drift {docs_name} --skeleton`: the endpoints the docs\n\
         # document and the spec lacks. Merge `types` into the spec's `types:` and `endpoints` into\n\
         # its `endpoints:`, then settle every TODO.\n"
    );
    if missing.is_empty() {
        out.push_str("# The spec has every documented endpoint.\nendpoints: {}\n");
        return out;
    }

    let mut operation_names: BTreeSet<String> =
        api.endpoints.iter().map(|e| e.name.clone()).collect();
    let mut types = ReplyTypes::new(api.types().iter().map(|t| t.name.clone()).collect());
    let mut endpoints = Mapping::new();
    for (endpoint, neighbours) in missing {
        let name = operation_name(endpoint, &operation_names);
        operation_names.insert(name.clone());
        let entry = draft_endpoint(endpoint, &name, neighbours, api, scope.source(), &mut types);
        endpoints.insert(Yaml::from(name), entry);
    }
    let mut document = Mapping::new();
    if !types.drafted.is_empty() {
        document.insert("types".into(), Yaml::Mapping(types.drafted));
    }
    document.insert("endpoints".into(), Yaml::Mapping(endpoints));
    // Serializing a mapping of strings, numbers and booleans cannot fail.
    out.push_str(&serde_yaml::to_string(&Yaml::Mapping(document)).unwrap_or_default());
    out
}

/// The last path segment, as the spec's convention has it; prefixed with the segment before
/// (or numbered) where that name is taken.
fn operation_name(endpoint: &DocsEndpoint, taken: &BTreeSet<String>) -> String {
    let path = endpoint.url.as_ref().map_or("", |u| u.path.as_str());
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let last = segments.last().copied().unwrap_or("endpoint");
    let mut name = lower_camel(last);
    if taken.contains(&name)
        && let Some(before) = segments.len().checked_sub(2).map(|i| segments[i])
    {
        name = lower_camel(&format!("{before}_{last}"));
    }
    let stem = name.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}{n}");
        n += 1;
    }
    name
}

fn lower_camel(text: &str) -> String {
    let upper = pascal(text);
    let mut chars = upper.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The groups of the nearest documented endpoints the spec has, before and after one it lacks.
#[derive(Clone, Copy)]
struct Neighbours<'a> {
    before: Option<&'a str>,
    after: Option<&'a str>,
}

/// How the group was guessed, for the draft's notes.
enum GroupFrom {
    Neighbours,
    Directory,
    Nothing,
}

/// The group of the endpoints beside it in the docs, which document each group's endpoints
/// together (the one before it where its two neighbours differ: a new endpoint is more often
/// added at a section's end); else the most common group of the spec's endpoints in its
/// directory (`/API/cdn/`); else the first group.
fn guess_group(path: &str, neighbours: Neighbours<'_>, api: &Api) -> (String, GroupFrom) {
    if let Some(group) = neighbours.before.or(neighbours.after) {
        return (group.to_owned(), GroupFrom::Neighbours);
    }
    let directory = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    for endpoint in &api.endpoints {
        if endpoint.path.rsplit_once('/').map_or("", |(dir, _)| dir) == directory {
            *counts.entry(endpoint.group.as_str()).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0).reverse()))
        .map(|(g, _)| (*g).to_owned());
    match best {
        Some(group) => (group, GroupFrom::Directory),
        None => (
            api.groups
                .first()
                .map(|g| g.key.clone())
                .unwrap_or_default(),
            GroupFrom::Nothing,
        ),
    }
}

/// Read-only when the name says the call only reads: lists, details, balances, logs.
fn guess_read_only(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "list",
        "detail",
        "balance",
        "logs",
        "permissions",
        "info",
        "query",
    ]
    .iter()
    .any(|word| lower.ends_with(word))
        || lower.starts_with("get")
}

fn draft_endpoint(
    endpoint: &DocsEndpoint,
    name: &str,
    neighbours: Neighbours<'_>,
    api: &Api,
    source: Option<&str>,
    types: &mut ReplyTypes,
) -> Yaml {
    let path = endpoint
        .url
        .as_ref()
        .map_or(String::new(), |u| u.path.clone());
    let (group, group_from) = guess_group(&path, neighbours, api);
    let token_field = api.info.token_field.as_str();
    let request_json = endpoint.curl.as_ref().and_then(|c| c.body.as_ref());
    let mut request_example = match request_json.and_then(|j| j.value.clone()) {
        Some(Json::Object(members)) => members,
        _ => serde_json::Map::new(),
    };
    let token = endpoint.params.iter().any(|p| p.name == token_field)
        || request_example.contains_key(token_field);
    let mut departures = Vec::new();
    if let Some(curl_url) = endpoint.curl.as_ref().and_then(|c| c.url.as_ref())
        && endpoint.url.as_ref().is_some_and(|u| u.url != curl_url.url)
    {
        departures.push(departure(
            DepartureKind::CurlUrl,
            &curl_url.url,
            &todo("the curl line posts elsewhere than the address line; say which is right."),
        ));
    }
    if let Some(invalid) = request_json.and_then(|j| j.invalid.as_ref()) {
        departures.push(departure(
            DepartureKind::RequestExample,
            &invalid_quote(request_json),
            &todo(&repairs_text(invalid)),
        ));
    }
    if token && !request_example.contains_key(token_field) {
        request_example.insert(token_field.to_owned(), Json::String("TOKEN".to_owned()));
        departures.push(departure(
            DepartureKind::RequestExample,
            "(the example has no token)",
            &todo(&format!(
                "`{token_field}` added to the example, since the endpoint takes the token."
            )),
        ));
    }

    // Request fields: the table's rows, then keys only the example shows.
    let mut request = Mapping::new();
    for row in endpoint.params.iter().filter(|p| p.name != token_field) {
        let example = request_example.get(&row.name);
        request.insert(
            row.name.clone().into(),
            request_field(row.type_word.as_deref(), &row.description, example),
        );
    }
    for (key, value) in &request_example {
        if key == token_field || endpoint.params.iter().any(|p| p.name == *key) {
            continue;
        }
        let guess = guess_value(
            value,
            key,
            &format!("{}{}", pascal(name), pascal(key)),
            types,
        );
        let mut field = field_from_guess(&guess, Some(value));
        push_departure(
            &mut field,
            departure(
                DepartureKind::ParamAdded,
                &format!("(the request example sends `{key}`)"),
                &todo("the table does not list this key."),
            ),
        );
        request.insert(key.clone().into(), Yaml::Mapping(field));
    }

    let (reply, reply_example, data_is_list) = draft_reply(
        endpoint.reply_example.as_ref(),
        name,
        api,
        types,
        &mut departures,
    );
    let paged = is_paged(&request, &reply, data_is_list);
    let mut reply = reply;
    if paged {
        reply.insert("paged".into(), true.into());
    }

    let mut guesses = vec![
        "the English texts",
        "required-ness (the docs never say)",
        "the types (from the docs' type words and examples)",
    ];
    guesses.push(match group_from {
        GroupFrom::Neighbours => "`group` (from the endpoints beside it in the docs)",
        GroupFrom::Directory => "`group` (from the endpoints in its directory)",
        GroupFrom::Nothing => "`group` (no endpoint is beside it or in its directory)",
    });
    guesses.push("`read_only` (from its name)");
    let notes = todo(&format!(
        "drafted from docs lines {}–{}; settle {}.",
        endpoint.first_line,
        endpoint.last_line,
        guesses.join(", ")
    ));

    let mut entry = Mapping::new();
    entry.insert("path".into(), path.into());
    entry.insert("group".into(), group.into());
    entry.insert("zh".into(), endpoint.title.clone().into());
    entry.insert("en".into(), todo_translate(&endpoint.title).into());
    entry.insert("token".into(), token.into());
    entry.insert("read_only".into(), guess_read_only(name).into());
    entry.insert("notes".into(), notes.into());
    if let Some(source) = source {
        let mut citation = Mapping::new();
        citation.insert("source".into(), source.into());
        citation.insert("line".into(), (endpoint.first_line as u64).into());
        entry.insert(
            "provenance".into(),
            Yaml::Sequence(vec![Yaml::Mapping(citation)]),
        );
    }
    if !departures.is_empty() {
        entry.insert("departures".into(), Yaml::Sequence(departures));
    }
    if !request.is_empty() {
        entry.insert("request".into(), Yaml::Mapping(request));
    }
    entry.insert("reply".into(), Yaml::Mapping(reply));
    let mut examples = Mapping::new();
    let request_text = match request_json {
        // The docs' own text where it is valid and unchanged: their spacing, their key order.
        Some(json)
            if json.invalid.is_none()
                && json.value.as_ref() == Some(&Json::Object(request_example.clone())) =>
        {
            format!("{}\n", json.text.trim())
        }
        _ => json_text(&Json::Object(request_example), false),
    };
    examples.insert("request".into(), request_text.into());
    examples.insert("reply".into(), json_text(&reply_example, true).into());
    entry.insert("examples".into(), Yaml::Mapping(examples));
    Yaml::Mapping(entry)
}

fn draft_reply(
    json: Option<&DocsJson>,
    name: &str,
    api: &Api,
    types: &mut ReplyTypes,
    departures: &mut Vec<Yaml>,
) -> (Mapping, Json, bool) {
    let envelope = &api.info.envelope;
    let mut reply = Mapping::new();
    let mut data_is_list = false;
    let members = match json.and_then(|j| j.value.as_ref()) {
        Some(Json::Object(members)) => members.clone(),
        _ => {
            departures.push(departure(
                DepartureKind::ReplyExample,
                "(unreadable)",
                &todo("the docs' reply example could not be read; only the envelope is kept."),
            ));
            serde_json::Map::new()
        }
    };
    if let Some(invalid) = json.and_then(|j| j.invalid.as_ref()) {
        departures.push(departure(
            DepartureKind::ReplyExample,
            &invalid_quote(json),
            &todo(&repairs_text(invalid)),
        ));
    }
    let mut example = members;
    if example.get(&envelope.code_field).and_then(Json::as_i64) != Some(envelope.success_code)
        || !example
            .get(&envelope.message_field)
            .is_some_and(Json::is_string)
    {
        example.insert(
            envelope.code_field.clone(),
            Json::from(envelope.success_code),
        );
        example.insert(
            envelope.message_field.clone(),
            Json::String("操作完成".to_owned()),
        );
        departures.push(departure(
            DepartureKind::ReplyExample,
            "(the envelope's code or message)",
            &todo("the envelope is completed with the success code and a message."),
        ));
    }
    let mut fields = Mapping::new();
    for (key, value) in &example {
        if *key == envelope.code_field || *key == envelope.message_field {
            continue;
        }
        let stem = if *key == envelope.data_field {
            format!("{}Data", pascal(name))
        } else {
            format!("{}{}", pascal(name), pascal(key))
        };
        let guess = guess_value(value, key, &stem, types);
        let mut field = field_from_guess(&guess, Some(value));
        if *key == envelope.data_field {
            // The spec's rule: `data` is required wherever a reply declares it.
            field.insert("required".into(), true.into());
            data_is_list = matches!(guess.ty, TypeRef::List(_));
        }
        let field = Yaml::Mapping(field);
        if *key == envelope.data_field {
            reply.insert("data".into(), field);
        } else {
            fields.insert(key.clone().into(), field);
        }
    }
    if !fields.is_empty() {
        reply.insert("fields".into(), Yaml::Mapping(fields));
    }
    (reply, Json::Object(example), data_is_list)
}

/// A field of a guessed type: optional, described in TODOs, with its example where scalar.
fn field_from_guess(guess: &Guess, example: Option<&Json>) -> Mapping {
    let mut field = Mapping::new();
    field.insert("type".into(), guess.ty.expression().into());
    if let Some(wire) = guess.wire {
        field.insert("wire".into(), wire.keyword().into());
    }
    field.insert("required".into(), false.into());
    if guess.nullable {
        field.insert("nullable".into(), true.into());
    }
    field.insert("en".into(), todo_translate("").into());
    if let Some(example) = example.filter(|e| is_scalar(e) && !guess.is_json()) {
        field.insert("example".into(), json_to_yaml(example));
    }
    field
}

/// Paged as the spec means it: `page` and `limit` in, `total` and `totalpage` and a list out.
fn is_paged(request: &Mapping, reply: &Mapping, data_is_list: bool) -> bool {
    let has = |map: &Mapping, key: &str| map.contains_key(key);
    let fields = reply.get("fields").and_then(Yaml::as_mapping);
    has(request, "page")
        && has(request, "limit")
        && data_is_list
        && fields.is_some_and(|f| has(f, "total") && has(f, "totalpage"))
}
