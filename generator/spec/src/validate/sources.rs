//! `sources`, each endpoint's `provenance`, the `source` a departure quotes and which examples
//! are `constructed`: the spec's record of where each fact was read.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::diagnostics::Reporter;
use crate::format::{RawDeparture, RawEndpoint, RawField, RawSource, RawType, SourceKind};
use crate::source_map::{child, item};

pub(crate) fn check_sources(sources: &IndexMap<String, RawSource>, reporter: &mut Reporter<'_>) {
    for (key, source) in sources {
        let path = child("sources", key);
        if !is_source_key(key) {
            reporter.error(
                &path,
                format!("the source key `{key}` is not kebab-case"),
                "write lowercase ASCII letters, digits and `-`, starting with a letter: `java-sdk`",
            );
        }
        if source.title.trim().is_empty() {
            reporter.error(
                &child(&path, "title"),
                "the title is empty",
                "name the source as a reader should see it: `VeryCloud's official Java SDK`",
            );
        }
        check_keys_of_kind(source, &path, reporter);
    }
}

/// Each kind needs its own keys and takes no other: a docs file is named by `file`, a page by
/// `url`, an SDK file by the repository's `url` and its `file` path (and optionally `commit`).
fn check_keys_of_kind(source: &RawSource, path: &str, reporter: &mut Reporter<'_>) {
    let kind = source.kind.as_str();
    let (needs, forbids): (&[&str], &[&str]) = match source.kind {
        SourceKind::Docs => (&["file"], &["commit"]),
        SourceKind::Page => (&["url"], &["file", "commit"]),
        SourceKind::Sdk => (&["url", "file"], &[]),
    };
    let value = |key: &str| match key {
        "file" => source.file.as_deref(),
        "url" => source.url.as_deref(),
        _ => source.commit.as_deref(),
    };
    for &key in needs {
        if value(key).is_none_or(|v| v.trim().is_empty()) {
            reporter.error(
                path,
                format!("a source of kind `{kind}` needs `{key}`"),
                key_hint(source.kind, key),
            );
        }
    }
    for &key in forbids {
        if value(key).is_some() {
            reporter.error(
                &child(path, key),
                format!("a source of kind `{kind}` takes no `{key}`"),
                format!(
                    "remove it, or correct `kind` (sources of kind `{}` take {})",
                    kind,
                    needs
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            );
        }
    }
    if let Some(url) = &source.url
        && !is_web_address(url)
    {
        reporter.error(
            &child(path, "url"),
            format!("`{url}` is not an http(s) address"),
            "write the full address: `https://github.com/VeryCloud/java-sdk`",
        );
    }
    if let Some(commit) = &source.commit
        && (!(7..=40).contains(&commit.len()) || !commit.chars().all(|c| c.is_ascii_hexdigit()))
    {
        reporter.error(
            &child(path, "commit"),
            format!("`{commit}` is not a commit id"),
            "write the commit that was read, as 7 to 40 hex digits (`git rev-parse HEAD`)",
        );
    }
}

fn key_hint(kind: SourceKind, key: &str) -> &'static str {
    match (kind, key) {
        (SourceKind::Docs, _) => "name the docs file: `file: verycloud-api-docs.txt`",
        (SourceKind::Page, _) => "give the page's address: `url: https://docs.verycloud.cn/…`",
        (SourceKind::Sdk, "url") => {
            "give the repository's address: `url: https://github.com/VeryCloud/java-sdk`"
        }
        (SourceKind::Sdk, _) => {
            "give the file's path in the repository: `file: src/com/verycloud/api/CDNAPI.java`"
        }
    }
}

/// Each endpoint's `provenance`: known sources, each once, each with the locator its kind
/// takes; and, once a spec declares `sources`, an entry on every endpoint.
pub(crate) fn check_provenance(
    endpoints: &IndexMap<String, RawEndpoint>,
    sources: &IndexMap<String, RawSource>,
    reporter: &mut Reporter<'_>,
) {
    for (name, endpoint) in endpoints {
        let path = child("endpoints", name);
        if endpoint.provenance.is_empty() {
            if !sources.is_empty() && reporter.map().get(&child(&path, "provenance")).is_none() {
                reporter.error(
                    &path,
                    format!("`{name}` does not say where it was read"),
                    "add `provenance:` with an entry per source, as `- {source: account-docs, line: 3}`: the spec declares `sources`, so every endpoint cites them",
                );
            } else if reporter.map().get(&child(&path, "provenance")).is_some() {
                reporter.error(
                    &child(&path, "provenance"),
                    "`provenance` is empty",
                    "list where the endpoint was read, or leave the key out",
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (index, entry) in endpoint.provenance.iter().enumerate() {
            let entry_path = item(&child(&path, "provenance"), index);
            let Some(source) = sources.get(&entry.source) else {
                reporter.error(
                    &child(&entry_path, "source"),
                    format!("undefined source `{}`", entry.source),
                    known_sources(sources),
                );
                continue;
            };
            if !seen.insert(entry.source.as_str()) {
                reporter.error(
                    &child(&entry_path, "source"),
                    format!("`{}` is cited twice", entry.source),
                    "cite each source once; the one place in it where the endpoint is",
                );
            }
            check_locator(entry, source.kind, &entry_path, reporter);
        }
    }
}

fn check_locator(
    entry: &crate::format::RawProvenance,
    kind: SourceKind,
    path: &str,
    reporter: &mut Reporter<'_>,
) {
    let wanted = kind.locator();
    let given: Vec<&str> = [
        ("line", entry.line.is_some()),
        ("section", entry.section.is_some()),
        ("method", entry.method.is_some()),
    ]
    .into_iter()
    .filter_map(|(key, present)| present.then_some(key))
    .collect();
    for key in given.iter().filter(|key| **key != wanted) {
        reporter.error(
            &child(path, key),
            format!(
                "`{key}` does not point into `{}`, a source of kind `{}`",
                entry.source,
                kind.as_str()
            ),
            format!(
                "a source of kind `{}` is cited by `{wanted}`; remove `{key}`",
                kind.as_str()
            ),
        );
    }
    if !given.contains(&wanted) {
        reporter.error(
            path,
            format!("the citation of `{}` lacks its `{wanted}`", entry.source),
            locator_hint(kind),
        );
        return;
    }
    match kind {
        SourceKind::Docs if entry.line == Some(0) => reporter.error(
            &child(path, "line"),
            "line 0 is no line",
            "lines count from 1: give the line of the endpoint's title",
        ),
        SourceKind::Page
            if entry
                .section
                .as_deref()
                .is_some_and(|s| s.trim().is_empty()) =>
        {
            reporter.error(
                &child(path, "section"),
                "the section is empty",
                locator_hint(kind),
            )
        }
        SourceKind::Sdk if !entry.method.as_deref().is_some_and(is_method_name) => reporter.error(
            &child(path, "method"),
            format!(
                "`{}` is not a method name",
                entry.method.as_deref().unwrap_or_default()
            ),
            locator_hint(kind),
        ),
        _ => {}
    }
}

fn locator_hint(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Docs => "add `line:` with the line of the endpoint's title in the docs file",
        SourceKind::Page => "add `section:` with the heading of the endpoint's section, verbatim",
        SourceKind::Sdk => {
            "add `method:` with the name of the SDK method that calls the endpoint, as `domainList`"
        }
    }
}

/// A departure's `source` is a declared source; on an endpoint or one of its fields, one the
/// endpoint cites, since that is where the quoted words were read.
pub(crate) fn check_departure_sources(
    endpoints: &IndexMap<String, RawEndpoint>,
    types: &IndexMap<String, RawType>,
    sources: &IndexMap<String, RawSource>,
    reporter: &mut Reporter<'_>,
) {
    for (name, named) in types {
        let path = child("types", name);
        let check = |departures: &[RawDeparture], at: &str, reporter: &mut Reporter<'_>| {
            departures_cite(departures, at, sources, None, true, reporter);
        };
        check(&named.departures, &path, reporter);
        for (wire_name, field) in named.fields.iter().flatten() {
            let field_path = child(&child(&path, "fields"), wire_name);
            check(&field.departures, &field_path, reporter);
        }
    }
    for (name, endpoint) in endpoints {
        let path = child("endpoints", name);
        let cited: BTreeSet<&str> = endpoint
            .provenance
            .iter()
            .map(|p| p.source.as_str())
            .collect();
        let cites_docs = endpoint.provenance.is_empty()
            || endpoint.provenance.iter().any(|p| {
                sources
                    .get(&p.source)
                    .is_some_and(|s| s.kind == SourceKind::Docs)
            });
        let cited = (!endpoint.provenance.is_empty()).then_some(&cited);
        departures_cite(
            &endpoint.departures,
            &path,
            sources,
            cited,
            cites_docs,
            reporter,
        );
        for (field_path, field) in endpoint_fields(endpoint, &path) {
            departures_cite(
                &field.departures,
                &field_path,
                sources,
                cited,
                cites_docs,
                reporter,
            );
        }
    }
}

fn endpoint_fields<'a>(
    endpoint: &'a RawEndpoint,
    path: &str,
) -> impl Iterator<Item = (String, &'a RawField)> {
    let request = child(path, "request");
    let reply = child(path, "reply");
    let reply_fields = child(&reply, "fields");
    let data_path = child(&reply, "data");
    endpoint
        .request
        .iter()
        .map(move |(wire, field)| (child(&request, wire), field))
        .chain(
            endpoint
                .reply
                .data
                .iter()
                .map(move |data| (data_path.clone(), data)),
        )
        .chain(
            endpoint
                .reply
                .fields
                .iter()
                .map(move |(wire, field)| (child(&reply_fields, wire), field)),
        )
}

/// `cited`: the sources the endpoint cites (`None` off endpoints, or where it cites none);
/// `cites_docs`: whether a departure without `source` has docs to quote, which it means.
fn departures_cite(
    departures: &[RawDeparture],
    path: &str,
    sources: &IndexMap<String, RawSource>,
    cited: Option<&BTreeSet<&str>>,
    cites_docs: bool,
    reporter: &mut Reporter<'_>,
) {
    for (index, departure) in departures.iter().enumerate() {
        let departure_path = item(&child(path, "departures"), index);
        let Some(source) = &departure.source else {
            if !cites_docs {
                reporter.error(
                    &departure_path,
                    "the departure does not say which source it quotes",
                    format!(
                        "add `source:`, one of {}: a departure without one quotes the vendor's docs, and the endpoint's provenance cites none",
                        cited
                            .into_iter()
                            .flatten()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            continue;
        };
        let at = child(&departure_path, "source");
        if !sources.contains_key(source) {
            reporter.error(
                &at,
                format!("undefined source `{source}`"),
                known_sources(sources),
            );
        } else if let Some(cited) = cited
            && !cited.contains(source.as_str())
        {
            reporter.error(
                &at,
                format!(
                    "the departure quotes `{source}`, which the endpoint's provenance does not cite"
                ),
                format!(
                    "cite `{source}` in the endpoint's `provenance`, or name one it cites: {}",
                    cited
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

/// Which examples are `constructed`: each side once.
pub(crate) fn check_constructed(
    endpoints: &IndexMap<String, RawEndpoint>,
    reporter: &mut Reporter<'_>,
) {
    for (name, endpoint) in endpoints {
        let path = child(&child(&child("endpoints", name), "examples"), "constructed");
        let mut seen = BTreeSet::new();
        for (index, side) in endpoint.examples.constructed.iter().enumerate() {
            if !seen.insert(*side) {
                reporter.error(
                    &item(&path, index),
                    format!("`{}` is listed twice", side.as_str()),
                    "list each constructed example once: `constructed: [request, reply]`",
                );
            }
        }
    }
}

fn known_sources(sources: &IndexMap<String, RawSource>) -> String {
    if sources.is_empty() {
        "declare it under the top-level `sources`".to_owned()
    } else {
        format!(
            "use a key of `sources`: {}",
            sources
                .keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn is_source_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && !key.ends_with('-')
        && !key.contains("--")
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_method_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_keys_are_kebab_case() {
        assert!(is_source_key("java-sdk"));
        assert!(is_source_key("account-docs2"));
        assert!(!is_source_key("Java-SDK"));
        assert!(!is_source_key("java_sdk"));
        assert!(!is_source_key("-sdk"));
        assert!(!is_source_key("sdk-"));
        assert!(!is_source_key("a--b"));
        assert!(!is_source_key(""));
    }

    #[test]
    fn method_names_are_identifiers() {
        assert!(is_method_name("domainList"));
        assert!(is_method_name("get_bill"));
        assert!(!is_method_name("CDNAPI::domainList"));
        assert!(!is_method_name("1st"));
        assert!(!is_method_name(""));
    }

    #[test]
    fn addresses_are_http() {
        assert!(is_web_address("https://github.com/VeryCloud/java-sdk"));
        assert!(is_web_address("http://docs.verycloud.cn/guide/api/cdn"));
        assert!(!is_web_address("github.com/VeryCloud/java-sdk"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https:///x"));
        assert!(!is_web_address("https://a b"));
    }
}
