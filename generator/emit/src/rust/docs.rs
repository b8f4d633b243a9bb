//! Doc comments built from the spec's prose.
//!
//! Spec text is written for people, not for rustdoc: it may hold brackets rustdoc would take
//! for links, angle brackets it would take for HTML, bare URLs it warns about, or indented
//! lines it would compile as doctests. [`Doc`] escapes all of that so the generated crate
//! documents cleanly under `RUSTDOCFLAGS="-D warnings"`.

use proc_macro2::TokenStream;
use quote::quote;

use spec::format::DepartureKind;
use spec::model::{Departure, Field};
use spec::names::rust as names;

/// Paragraphs of one doc comment, rendered as `#[doc = "..."]` attributes.
#[derive(Debug, Default)]
pub(super) struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// A paragraph of Markdown written by this emitter, used as is.
    pub(super) fn markdown(mut self, text: impl Into<String>) -> Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.paragraphs.push(text);
        }
        self
    }

    /// A paragraph of prose from the spec, escaped for rustdoc.
    pub(super) fn prose(self, text: &str) -> Self {
        self.markdown(escape(text))
    }

    /// The documented Chinese text, labelled.
    pub(super) fn documented(self, zh: Option<&str>) -> Self {
        match zh {
            Some(zh) => self.markdown(format!("Docs: {}", escape(zh))),
            None => self,
        }
    }

    pub(super) fn notes(self, notes: Option<&str>) -> Self {
        match notes {
            Some(notes) => self.prose(notes),
            None => self,
        }
    }

    pub(super) fn departures(self, departures: &[Departure]) -> Self {
        if departures.is_empty() {
            return self;
        }
        let mut list = String::from("Departs from the docs:");
        for departure in departures {
            let quoted_from = match &departure.source {
                Some(source) => format!("`{source}`"),
                None => "docs".to_owned(),
            };
            list.push_str(&format!(
                "\n- {} ({quoted_from}: “{}”): {}",
                departure_kind(departure.kind),
                escape(&departure.docs),
                escape(&departure.why)
            ));
        }
        self.markdown(list)
    }

    /// The usual documentation of a field: English, the docs' text, the wire name when the
    /// Rust name differs, notes and departures.
    pub(super) fn field(field: &Field) -> Self {
        let mut doc = Self::new().prose(&field.en).documented(field.zh.as_deref());
        if names::field(field) != field.wire_name {
            doc = doc.markdown(format!("Wire name: `{}`.", field.wire_name));
        }
        doc.notes(field.notes.as_deref())
            .departures(&field.departures)
    }

    /// One `#[doc]` attribute per line, with a space after `///` as rustfmt writes it.
    pub(super) fn to_attrs(&self) -> TokenStream {
        let lines = self.lines().into_iter().map(|line| {
            let line = if line.is_empty() {
                line
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        });
        quote!(#(#lines)*)
    }

    /// The same lines as inner `#![doc]` attributes, for crate docs.
    pub(super) fn to_inner_attrs(&self) -> TokenStream {
        let lines = self.lines().into_iter().map(|line| {
            let line = if line.is_empty() {
                line
            } else {
                format!(" {line}")
            };
            quote!(#![doc = #line])
        });
        quote!(#(#lines)*)
    }

    fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.extend(paragraph.lines().map(|line| line.trim_end().to_owned()));
        }
        lines
    }
}

fn departure_kind(kind: DepartureKind) -> &'static str {
    match kind {
        DepartureKind::CurlUrl => "curl URL",
        DepartureKind::Type => "type",
        DepartureKind::Description => "description",
        DepartureKind::ParamAdded => "parameter added",
        DepartureKind::ParamRemoved => "parameter removed",
        DepartureKind::RequestExample => "request example",
        DepartureKind::ReplyExample => "reply example",
        DepartureKind::Required => "required",
        DepartureKind::Wire => "wire encoding",
        DepartureKind::ParamRenamed => "parameter renamed",
    }
}

/// Spec prose made safe for rustdoc while keeping its `code spans`: outside them, brackets
/// and angle brackets are escaped, bare URLs are wrapped in `<>`, and each line loses its
/// leading blanks (four of them would start a code block, which rustdoc compiles).
pub(super) fn escape(text: &str) -> String {
    text.lines()
        .map(|line| escape_line(line.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    // Backtick-delimited code spans alternate with plain text; an unclosed span is plain text.
    let mut rest = line;
    while !rest.is_empty() {
        match rest.find('`') {
            Some(open) => {
                let (plain, from_tick) = rest.split_at(open);
                out.push_str(&escape_plain(plain));
                let after_tick = &from_tick[1..];
                match after_tick.find('`') {
                    Some(close) => {
                        out.push('`');
                        out.push_str(&after_tick[..=close]);
                        rest = &after_tick[close + 1..];
                    }
                    None => {
                        out.push_str("\\`");
                        rest = after_tick;
                    }
                }
            }
            None => {
                out.push_str(&escape_plain(rest));
                rest = "";
            }
        }
    }
    if out.starts_with('#') || out.starts_with("```") {
        out.insert(0, '\\');
    }
    out
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let url_start = ["http://", "https://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (plain, url) = match url_start {
            Some(start) => rest.split_at(start),
            None => (rest, ""),
        };
        for c in plain.chars() {
            match c {
                '[' | ']' | '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        if url.is_empty() {
            break;
        }
        let end = url
            .find(|c: char| c.is_whitespace() || "<>\"'()，。；、）".contains(c))
            .unwrap_or(url.len());
        let (address, after) = url.split_at(end);
        // A sentence's closing full stop or comma is not part of the address.
        let address_end = address.trim_end_matches(['.', ',', ';', ':']).len();
        let (address, trailing) = address.split_at(address_end);
        out.push('<');
        out.push_str(address);
        out.push('>');
        out.push_str(trailing);
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(escape("a [b] <c>"), "a \\[b\\] \\<c\\>");
        assert_eq!(escape("see http://x.cn/a_b."), "see <http://x.cn/a_b>.");
        assert_eq!(escape("`a[0]` and a[0]"), "`a[0]` and a\\[0\\]");
        assert_eq!(escape("    indented\n# heading"), "indented\n\\# heading");
        assert_eq!(escape("one ` tick"), "one \\` tick");
    }
}
