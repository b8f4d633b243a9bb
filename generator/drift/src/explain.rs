//! Which departure in the spec, if any, explains a difference.
//!
//! A departure explains a difference when it has the matching kind, stands on one of the
//! elements the difference concerns and, where the difference is about a specific thing the
//! docs say, its `docs` quotes what the docs say *now*: a type word, a curl URL, a
//! description, a parameter name. So when the docs change again, the old departure stops
//! explaining and the difference reopens. A departure whose `why` still starts with `TODO`
//! (as `--skeleton` drafts them) explains nothing: nobody has judged it yet.

use super::docs::text::shown;
use super::findings::{DiffKind, Difference, Explanation};
use spec::format::is_draft;
use spec::model::{Departure, Endpoint, Field};
use spec::source_map::{child, item};

/// What the docs say that a departure must quote to explain a difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Quote {
    /// Any departure of the kind explains.
    Nothing,
    /// A word (type word, parameter name) that must appear as a whole word.
    Word(String),
    /// Prose (a description, a title) that the departure must quote in full, or with `…` (or
    /// `...`) where it leaves words out.
    Text(String),
    /// A URL; quoting its path is enough.
    Url { url: String, path: String },
    /// An example's key, named as a whole word in the departure's `docs` or `why` (a key the
    /// spec's example adds is not in the docs, so only the `why` can name it).
    Key(String),
    /// The docs' lines where an example's JSON is broken: the departure quotes one of them (or
    /// a piece of one), so that a repair recorded for one mistake does not cover the next.
    Lines(Vec<String>),
}

/// Whether `departure` quotes the docs being compared, when they are the spec's source
/// `docs_source` (`None` when the spec does not say which source they are): a departure that
/// quotes another source (an SDK, another page) neither explains nor goes stale in these docs.
pub(crate) fn quotes_these_docs(departure: &Departure, docs_source: Option<&str>) -> bool {
    match &departure.source {
        None => true,
        Some(source) => docs_source == Some(source.as_str()),
    }
}

/// An element of the spec that may carry the explaining departure.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    pub yaml_path: &'a str,
    pub departures: &'a [Departure],
}

/// An endpoint as a place of the spec.
pub(crate) fn endpoint_place(endpoint: &Endpoint) -> Place<'_> {
    Place {
        yaml_path: &endpoint.yaml_path,
        departures: &endpoint.departures,
    }
}

/// A field as a place of the spec.
pub(crate) fn field_place(field: &Field) -> Place<'_> {
    Place {
        yaml_path: &field.yaml_path,
        departures: &field.departures,
    }
}

/// A difference still to be judged against the spec's departures.
pub(crate) struct Finding<'a> {
    pub kind: DiffKind,
    pub location: String,
    pub message: String,
    pub docs_line: Option<usize>,
    pub places: Vec<Place<'a>>,
    pub quote: Quote,
    /// For kinds no departure can explain: how to bring the spec in line.
    pub fix: Option<String>,
}

impl<'a> Finding<'a> {
    pub(crate) fn new(kind: DiffKind, location: impl Into<String>, message: String) -> Self {
        Finding {
            kind,
            location: location.into(),
            message,
            docs_line: None,
            places: Vec::new(),
            quote: Quote::Nothing,
            fix: None,
        }
    }

    pub(crate) fn line(mut self, line: impl Into<Option<usize>>) -> Self {
        self.docs_line = line.into();
        self
    }

    /// The elements whose departures may explain it.
    pub(crate) fn on(mut self, places: Vec<Place<'a>>) -> Self {
        self.places = places;
        self
    }

    pub(crate) fn quoting(mut self, quote: Quote) -> Self {
        self.quote = quote;
        self
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Whether a departure explains it, when the docs compared are the spec's source
    /// `docs_source` (`None` when the spec does not say which source they are). A departure
    /// that quotes another source (an SDK, another page) explains nothing in these docs.
    pub(crate) fn judge(self, docs_source: Option<&str>) -> Difference {
        let explained_by = self.kind.departure_kind().and_then(|kind| {
            self.places.iter().find_map(|place| {
                place
                    .departures
                    .iter()
                    .enumerate()
                    .find(|(_, d)| {
                        d.kind == kind
                            && quotes_these_docs(d, docs_source)
                            && !is_draft(&d.why)
                            && self.quote.is_quoted_by(d)
                    })
                    .map(|(index, d)| Explanation {
                        yaml_path: place.yaml_path.to_owned(),
                        departure: departure_path(place.yaml_path, index),
                        docs: d.docs.clone(),
                        why: d.why.clone(),
                    })
            })
        });
        let remedy = explained_by
            .is_none()
            .then(|| shown(&self.remedy()).into_owned());
        Difference {
            kind: self.kind,
            location: shown(&self.location).into_owned(),
            message: shown(&self.message).into_owned(),
            docs_line: self.docs_line,
            explained_by,
            remedy,
        }
    }

    fn remedy(&self) -> String {
        let Some(kind) = self.kind.departure_kind() else {
            return self
                .fix
                .clone()
                .unwrap_or_else(|| "bring the spec in line with the docs".to_owned());
        };
        let places: Vec<String> = self
            .places
            .iter()
            .map(|p| format!("`{}`", p.yaml_path))
            .collect();
        let quoting = match &self.quote {
            Quote::Nothing => String::new(),
            Quote::Word(word) => format!(" whose `docs` names `{word}`"),
            Quote::Text(text) => format!(" whose `docs` quotes \"{text}\""),
            Quote::Url { url, .. } => format!(" whose `docs` quotes `{url}`"),
            Quote::Key(key) => format!(" whose `docs` or `why` names `{key}`"),
            Quote::Lines(lines) => match lines.first() {
                Some(line) => format!(" whose `docs` quotes the broken line `{line}`"),
                None => String::new(),
            },
        };
        format!(
            "correct the spec, or record a `{}` departure on {}{quoting}",
            kind.as_str(),
            places.join(" or ")
        )
    }
}

/// The YAML path of an element's departure: `endpoints.register.departures[0]`.
pub(crate) fn departure_path(element: &str, index: usize) -> String {
    item(&child(element, "departures"), index)
}

impl Quote {
    pub(crate) fn is_quoted_by(&self, departure: &Departure) -> bool {
        let docs = departure.docs.as_str();
        let names =
            |text: &str, word: &str| ascii_words(text).any(|w| w.eq_ignore_ascii_case(word));
        match self {
            Quote::Nothing => true,
            Quote::Word(word) => names(docs, word),
            Quote::Text(text) => quotes_text(docs, text),
            Quote::Url { url, path } => contains_bounded(docs, url) || contains_bounded(docs, path),
            Quote::Key(key) if is_ascii_word(key) => names(docs, key) || names(&departure.why, key),
            Quote::Key(key) => docs.contains(key.as_str()) || departure.why.contains(key.as_str()),
            Quote::Lines(lines) => {
                let quoted = normalize_text(docs);
                lines.iter().map(|line| normalize_text(line)).any(|line| {
                    !line.is_empty()
                        && !quoted.is_empty()
                        && (quoted.contains(&line)
                            || line.contains(&quoted)
                            || quotes_elided(&quoted, &line))
                })
            }
        }
    }
}

fn is_ascii_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Runs of ASCII letters, digits and `_`: the words a type word or a parameter name can be.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Whether `needle` occurs in `haystack` not followed by more of a path or a word, so that
/// `/API/profile/update` is not found in `/API/profile/updateX`.
fn contains_bounded(haystack: &str, needle: &str) -> bool {
    !needle.is_empty()
        && haystack.match_indices(needle).any(|(at, _)| {
            !haystack[at + needle.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '/')
        })
}

pub(crate) fn quotes_text(departure_docs: &str, text: &str) -> bool {
    let quoted = normalize_text(departure_docs);
    let text = normalize_text(text);
    text.is_empty() || quoted.contains(&text) || quotes_elided(&quoted, &text)
}

/// Whether `quoted`, with `…` (or `...`) standing for whatever the quote leaves out, is found
/// in `text`: its pieces occur in order. A quote without an ellipsis must occur whole.
pub(crate) fn quotes_elided(quoted: &str, text: &str) -> bool {
    let quoted = quoted.replace("...", "…");
    if !quoted.contains('…') {
        return false;
    }
    let pieces: Vec<&str> = quoted
        .split('…')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.is_empty() {
        return false;
    }
    let mut rest = text;
    for piece in pieces {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Whitespace runs become one space; surrounding quotes go. The docs' whitespace carries no
/// meaning (their tables are rendered HTML), so neither does a spec author's.
pub(crate) fn normalize_text(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_matches(['"', '“', '”', '「', '」', '`']);
    trimmed.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spec::format::DepartureKind;

    impl Quote {
        fn quoted_by(&self, docs: &str) -> bool {
            self.is_quoted_by(&departure(docs, "because"))
        }
    }

    fn departure(docs: &str, why: &str) -> Departure {
        Departure {
            kind: DepartureKind::Type,
            docs: docs.to_owned(),
            why: why.to_owned(),
            source: None,
        }
    }

    #[test]
    fn a_draft_departure_explains_nothing() {
        let judged = |why: &str| {
            let departures = [departure("int", why)];
            Finding::new(DiffKind::Type, "request.qq", "m".to_owned())
                .on(vec![Place {
                    yaml_path: "endpoints.update.request.qq",
                    departures: &departures,
                }])
                .quoting(Quote::Word("int".to_owned()))
                .judge(None)
                .explained_by
                .map(|e| e.departure)
        };
        assert_eq!(
            judged("An identifier.").as_deref(),
            Some("endpoints.update.request.qq.departures[0]")
        );
        assert_eq!(judged("TODO: check what QQ numbers are"), None);
    }

    #[test]
    fn a_word_must_stand_alone() {
        let int = Quote::Word("int".to_owned());
        assert!(int.quoted_by("int"));
        assert!(int.quoted_by("type `int`; values are words"));
        assert!(!int.quoted_by("integer"));
        assert!(!int.quoted_by("string"));
    }

    #[test]
    fn a_url_is_quoted_by_itself_or_its_path() {
        let url = Quote::Url {
            url: "https://api3.verycloud.cn/API/profile/update".to_owned(),
            path: "/API/profile/update".to_owned(),
        };
        assert!(url.quoted_by("curl … https://api3.verycloud.cn/API/profile/update"));
        assert!(url.quoted_by("/API/profile/update"));
        assert!(!url.quoted_by("/API/profile/updateX"));
        assert!(!url.quoted_by("/API/profile/subaccountAdd"));
    }

    #[test]
    fn a_key_is_named_in_the_docs_or_the_why() {
        let key = Quote::Key("old_password".to_owned());
        assert!(key.is_quoted_by(&departure(
            "{\"new_password\": \"1\"}",
            "The example leaves out old_password."
        )));
        assert!(key.is_quoted_by(&departure("\"old_password\": 1", "because")));
        assert!(!key.is_quoted_by(&departure(
            "\"phone\": \"135\" ,",
            "Trailing comma removed."
        )));
        assert!(!key.is_quoted_by(&departure("old_password_2", "because")));
    }

    #[test]
    fn a_broken_line_is_quoted_whole_or_in_part() {
        let lines = Quote::Lines(vec!["\"gid\": 1234567890 \"value\": \"API/x\",".to_owned()]);
        assert!(lines.quoted_by("\"gid\": 1234567890 \"value\": \"API/x\", … }, ]"));
        assert!(lines.quoted_by("\"gid\": 1234567890 \"value\""));
        assert!(lines.quoted_by("\"gid\": … \"value\": \"API/x\","));
        assert!(!lines.quoted_by("\"phone\": \"135\" ,"));
        assert!(!lines.quoted_by(""));
    }

    #[test]
    fn text_is_quoted_in_full_or_cut_short_with_an_ellipsis() {
        let text = Quote::Text("权限,例如:{'1': [1,2,3]} 类型包括:1 云主机".to_owned());
        assert!(text.quoted_by("权限,例如:{'1': [1,2,3]}\n类型包括:1 云主机"));
        assert!(text.quoted_by("权限,例如:{'1': [1,2,3]}…"));
        assert!(text.quoted_by("权限,例如:… 类型包括:1 云主机"));
        assert!(
            !text.quoted_by("权限,例如:{'1': [1,2,3]}"),
            "a quote cut short says so with an ellipsis"
        );
        assert!(!text.quoted_by("类型包括:2 …"));
        assert!(!text.quoted_by("…"));
    }
}
