//! Departures that no longer say what the docs say.
//!
//! A departure is the ledger entry of a place where the spec knowingly differs from the docs;
//! when the vendor changes that place, the entry must go or change with it, or it stays in the
//! spec forever, explaining nothing. So each departure is checked against the docs as they are
//! now: it is *fresh* when it explains a difference found today, or when its `docs` still
//! quotes what the docs say at its place; otherwise it is *stale*. Which text is its place
//! depends on its kind:
//!
//! | kind | on | fresh while the docs' … |
//! | --- | --- | --- |
//! | `curl-url` | endpoint | curl line posts to the URL (or path) `docs` quotes |
//! | `description` | endpoint / request field | title / row's description holds the quote, or the quote holds it |
//! | `type` | request field | row has the type word `docs` names |
//! | `request-example`, `reply-example` | endpoint, field, named type | example (any example, for a named type) holds the quote |
//! | `param-added` | request field | table still lacks the row |
//! | `param-removed` | endpoint | table still has a row the spec lacks, named in `docs` |
//!
//! `wire` and `required` departures, and departures of other kinds where the docs hold no text
//! to quote (a reply field's `description`), record an interpretation the docs drift does not
//! read, and are not checked. Neither are the departures of endpoints the docs do not document
//! (the endpoint itself is the difference reported), nor departures that quote another source
//! than these docs (an SDK, another page).

use std::collections::BTreeSet;

use super::docs::{DocsEndpoint, DocsJson, text::shown};
use super::explain::{
    Quote, departure_path, normalize_text, quotes_elided, quotes_text, quotes_these_docs,
};
use super::findings::StaleDeparture;
use super::pairing::Pair;
use super::spec_file::SpecFile;
use spec::format::DepartureKind;
use spec::model::{Api, Departure, Endpoint, Field, TypeKind, TypeRef};
use spec::source_map::child;

/// What the check of one departure found.
enum Verdict {
    Fresh,
    /// The docs drift does not read what this departure is about.
    Unchecked,
    /// What the docs say now, and the line they say it on.
    Stale(String, Option<usize>),
}

/// Every stale departure of the spec, in the spec's line order. `explained` holds the YAML
/// paths of the departures that explain a difference found today.
pub(crate) fn stale_departures(
    pairs: &[Pair<'_>],
    spec: &SpecFile,
    explained: &BTreeSet<String>,
    docs_source: Option<&str>,
) -> Vec<StaleDeparture> {
    let mut check = Check {
        spec,
        explained,
        docs_source,
        found: Vec::new(),
    };
    let mut examples: Vec<&DocsJson> = Vec::new();
    let mut paired: Vec<&Endpoint> = Vec::new();
    for pair in pairs {
        let Pair::Both { docs, spec, .. } = pair else {
            continue;
        };
        check.endpoint(docs, spec);
        examples.extend(request_example(docs));
        examples.extend(&docs.reply_example);
        paired.push(spec);
    }
    for named in reachable_types(&spec.api, &paired) {
        let judge = |departure: &Departure| in_any_example(departure, &examples);
        check.element(&named.yaml_path, &named.departures, judge);
        if let TypeKind::Object { fields } = &named.kind {
            for field in fields {
                check.element(&field.yaml_path, &field.departures, judge);
            }
        }
    }
    let mut found = check.found;
    found.sort_by(|a, b| (a.spec_line, &a.yaml_path).cmp(&(b.spec_line, &b.yaml_path)));
    found
}

struct Check<'a> {
    spec: &'a SpecFile,
    explained: &'a BTreeSet<String>,
    /// The key of the source the docs are, if known: departures quoting another source are
    /// not checked against them.
    docs_source: Option<&'a str>,
    found: Vec<StaleDeparture>,
}

impl Check<'_> {
    fn element(
        &mut self,
        yaml_path: &str,
        departures: &[Departure],
        judge: impl Fn(&Departure) -> Verdict,
    ) {
        for (index, departure) in departures.iter().enumerate() {
            let path = departure_path(yaml_path, index);
            if self.explained.contains(&path) || !quotes_these_docs(departure, self.docs_source) {
                continue;
            }
            let Verdict::Stale(now, docs_line) = judge(departure) else {
                continue;
            };
            let message = format!(
                "stale departure: its `docs` quotes `{}`, but {now}; remove it or update it",
                departure.docs.trim()
            );
            self.found.push(StaleDeparture {
                spec_line: self.spec.line(&child(&path, "docs")),
                yaml_path: path,
                kind: departure.kind.as_str().to_owned(),
                docs: departure.docs.clone(),
                message: shown(&message).into_owned(),
                docs_line,
            });
        }
    }

    fn endpoint(&mut self, docs: &DocsEndpoint, spec: &Endpoint) {
        self.element(&spec.yaml_path, &spec.departures, |departure| {
            endpoint_departure(departure, docs, spec)
        });
        for field in &spec.request {
            let row = docs.params.iter().find(|row| row.name == field.wire_name);
            self.element(&field.yaml_path, &field.departures, |departure| {
                match (departure.kind, row) {
                    (DepartureKind::RequestExample, _) => {
                        in_example(departure, request_example(docs), "request")
                    }
                    (DepartureKind::ParamAdded, Some(row)) => Verdict::Stale(
                        format!("the docs' table now has `{}`", row.name),
                        Some(row.line),
                    ),
                    (DepartureKind::ParamAdded, None) => Verdict::Fresh,
                    (DepartureKind::Type | DepartureKind::Description, None) => Verdict::Stale(
                        format!("the docs' table no longer has `{}`", field.wire_name),
                        None,
                    ),
                    (DepartureKind::Type, Some(row)) => match &row.type_word {
                        Some(word) if Quote::Word(word.clone()).is_quoted_by(departure) => {
                            Verdict::Fresh
                        }
                        Some(word) => Verdict::Stale(
                            format!("the docs' type word is now `{word}`"),
                            Some(row.line),
                        ),
                        None => Verdict::Stale(
                            "the docs' row has no type word".to_owned(),
                            Some(row.line),
                        ),
                    },
                    (DepartureKind::Description, Some(row)) => {
                        quoted_text(departure, &row.description, row.line, "description")
                    }
                    _ => Verdict::Unchecked,
                }
            });
        }
        for field in spec.reply.data.iter().chain(&spec.reply.fields) {
            self.element(
                &field.yaml_path,
                &field.departures,
                |departure| match departure.kind {
                    DepartureKind::ReplyExample => {
                        in_example(departure, docs.reply_example.as_ref(), "reply")
                    }
                    _ => Verdict::Unchecked,
                },
            );
        }
    }
}

fn endpoint_departure(departure: &Departure, docs: &DocsEndpoint, spec: &Endpoint) -> Verdict {
    match departure.kind {
        DepartureKind::CurlUrl => match docs.curl.as_ref().and_then(|c| c.url.as_ref()) {
            Some(url) => {
                let quote = Quote::Url {
                    url: url.url.clone(),
                    path: url.path.clone(),
                };
                if quote.is_quoted_by(departure) || found_in(&departure.docs, &url.url) {
                    Verdict::Fresh
                } else {
                    Verdict::Stale(
                        format!("the curl line now posts to `{}`", url.url),
                        Some(url.line),
                    )
                }
            }
            None => Verdict::Stale(
                "the docs' curl command has no URL".to_owned(),
                docs.curl.as_ref().map(|c| c.line),
            ),
        },
        DepartureKind::Description => quoted_text(departure, &docs.title, docs.first_line, "title"),
        DepartureKind::RequestExample => in_example(departure, request_example(docs), "request"),
        DepartureKind::ReplyExample => in_example(departure, docs.reply_example.as_ref(), "reply"),
        // Not explaining a difference, it names no row the docs have and the spec lacks.
        DepartureKind::ParamRemoved => {
            let named = docs
                .params
                .iter()
                .find(|row| Quote::Word(row.name.clone()).is_quoted_by(departure));
            match named {
                Some(row) if spec.request.iter().any(|f| f.wire_name == row.name) => {
                    Verdict::Stale(
                        format!("the spec's request now has `{}` too", row.name),
                        Some(row.line),
                    )
                }
                Some(_) => Verdict::Fresh,
                None => Verdict::Stale(
                    "no row of the docs' table has the name it quotes".to_owned(),
                    None,
                ),
            }
        }
        // A wire name one source sends and another does not quotes no docs text this reads.
        DepartureKind::ParamAdded
        | DepartureKind::Type
        | DepartureKind::Required
        | DepartureKind::Wire
        | DepartureKind::ParamRenamed => Verdict::Unchecked,
    }
}

fn request_example(docs: &DocsEndpoint) -> Option<&DocsJson> {
    docs.curl.as_ref().and_then(|c| c.body.as_ref())
}

/// A description or title: the departure quotes it whole (or cut short with `…`), or quotes a
/// part of it.
fn quoted_text(departure: &Departure, text: &str, line: usize, what: &str) -> Verdict {
    if quotes_text(&departure.docs, text) || found_in(&departure.docs, text) {
        Verdict::Fresh
    } else {
        Verdict::Stale(
            format!("the docs' {what} is now \"{}\"", text.trim()),
            Some(line),
        )
    }
}

fn in_example(departure: &Departure, example: Option<&DocsJson>, side: &str) -> Verdict {
    match example {
        Some(json) if found_in(&departure.docs, &json.text) => Verdict::Fresh,
        Some(json) => Verdict::Stale(
            format!("the docs' {side} example no longer says so"),
            Some(json.line),
        ),
        None => Verdict::Stale(format!("the docs have no {side} example"), None),
    }
}

fn in_any_example(departure: &Departure, examples: &[&DocsJson]) -> Verdict {
    match departure.kind {
        DepartureKind::RequestExample | DepartureKind::ReplyExample => {
            if examples.iter().any(|j| found_in(&departure.docs, &j.text)) {
                Verdict::Fresh
            } else {
                Verdict::Stale("no example of the docs says so".to_owned(), None)
            }
        }
        _ => Verdict::Unchecked,
    }
}

/// Whether `text` holds the quote: whitespace does not count, `⏎` stands for a line break and
/// `…` (or `...`) for words left out.
fn found_in(quote: &str, text: &str) -> bool {
    let quote = normalize_text(&quote.replace('⏎', " "));
    let text = normalize_text(text);
    !quote.is_empty() && (text.contains(&quote) || quotes_elided(&quote, &text))
}

/// The named types the paired endpoints' fields lead to, in spec order.
fn reachable_types<'a>(api: &'a Api, endpoints: &[&Endpoint]) -> Vec<&'a spec::model::NamedType> {
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<&TypeRef> = endpoints
        .iter()
        .flat_map(|e| e.fields())
        .map(|f| &f.ty)
        .collect();
    while let Some(ty) = pending.pop() {
        let Some(name) = ty.innermost_named() else {
            continue;
        };
        let Some(named) = api.named_type(name) else {
            continue;
        };
        if !reached.insert(named.name.as_str()) {
            continue;
        }
        if let TypeKind::Object { fields } = &named.kind {
            pending.extend(fields.iter().map(|f: &Field| &f.ty));
        }
    }
    api.types()
        .iter()
        .filter(|t| reached.contains(t.name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_in_the_docs_text_whatever_its_spacing() {
        let text = "{\n  \"phone\": \"13545678945\" ,\n  \n}";
        assert!(found_in("\"phone\": \"13545678945\" ,", text));
        assert!(!found_in(
            "\"phone\": \"13545678945\" ,",
            "{\"phone\": \"13545678945\"}"
        ));
        assert!(found_in(
            "\"content\": \"主机:i-l0cinjvx⏎备份:b_n22ovkdx\"",
            "{\"content\": \"主机:i-l0cinjvx\n备份:b_n22ovkdx\"}"
        ));
        assert!(found_in(
            "\"gid\": 1 … }, ]",
            "\"gid\": 1 \"value\": 2\n},\n]"
        ));
        assert!(!found_in("", "anything"));
    }
}
