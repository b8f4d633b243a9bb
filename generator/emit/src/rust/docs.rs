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
                list_item_text(&escape(&departure.docs)),
                list_item_text(&escape(&departure.why))
            ));
        }
        self.markdown(list)
    }

    /// The usual documentation of a field: English, the docs' text, the wire name when the
    /// Rust name differs, notes and departures.
    pub(super) fn field(field: &Field) -> Self {
        let mut doc = Self::new().prose(&field.en).documented(field.zh.as_deref());
        if names::field(field) != field.wire_name {
            doc = doc.markdown(format!("Wire name: {}.", code(&field.wire_name)));
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

/// Spec prose made safe for rustdoc: the text reads as written, and nothing in it is taken for
/// code, markup or a link. Its `code spans` are kept (a run of backticks closed by a run as
/// long, as Markdown pairs them); everywhere else:
///
/// - each line loses its leading and trailing blanks (four leading ones would start a code
///   block, which rustdoc compiles as a doctest), and line breaks of any kind become `\n`;
/// - what starts a block at the start of a line is escaped: headings, list items, quotes,
///   fences of backticks or tildes, thematic breaks and setext underlines, tables;
/// - brackets, angle brackets, backslashes, `*`, `~`, `|`, a `_` at a word's edge, an `&`
///   that could start an entity and an unpaired backtick are escaped, and bare URLs are
///   wrapped in `<>` (rustdoc warns about bare ones);
/// - tabs become spaces (clippy warns about them), other control characters and the
///   characters that reorder text (which rustc refuses in comments) are written as `U+XXXX`.
pub(super) fn escape(text: &str) -> String {
    normalized(text)
        .split('\n')
        .map(|line| escape_line(line.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` as a Markdown list item's text: continuation lines indented under the item, so that
/// they stay in it rather than continuing it lazily (which clippy warns about).
pub(super) fn list_item_text(text: &str) -> String {
    text.replace('\n', "\n  ")
}

/// `text` as one code span (`` `a`b` `` becomes ``` ``a`b`` ```), on one line, for names and
/// paths that may hold anything.
pub(super) fn code(text: &str) -> String {
    let text = normalized(text).replace('\n', " ");
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span that starts or ends with a backtick needs a space inside its fence, which
    // Markdown strips again.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Line breaks as `\n`, tabs as spaces, and the characters a comment cannot show as written.
fn normalized(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => out.push('\n'),
            '\t' => out.push(' '),
            // The bidirectional controls (rustc's `text_direction_codepoint_in_comment`).
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                out.push_str(&format!("U+{:04X}", u32::from(c)));
            }
            c if c.is_control() => out.push_str(&format!("U+{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let Some(open) = rest.find('`') else {
            out.push_str(&escape_plain(rest));
            break;
        };
        out.push_str(&escape_plain(&rest[..open]));
        let from_tick = &rest[open..];
        let run = from_tick.len() - from_tick.trim_start_matches('`').len();
        let after_run = &from_tick[run..];
        match closing_run(after_run, run) {
            Some(close) => {
                // A code span, kept as written.
                let span_end = run + close + run;
                out.push_str(&from_tick[..span_end]);
                rest = &from_tick[span_end..];
            }
            None => {
                out.push_str(&"\\`".repeat(run));
                rest = after_run;
            }
        }
    }
    escape_block_start(&out)
}

/// Where a run of exactly `run` backticks starts in `text`, if one does.
fn closing_run(text: &str, run: usize) -> Option<usize> {
    let mut offset = 0;
    while let Some(found) = text[offset..].find('`') {
        let start = offset + found;
        let length = text[start..].len() - text[start..].trim_start_matches('`').len();
        if length == run {
            return Some(start);
        }
        offset = start + length;
    }
    None
}

/// Escapes what would start a block at the start of an escaped line: `#` headings, `-`/`+`
/// list items, thematic breaks and setext underlines (`-`, `=`, `_`), and `1.` or `1)`
/// ordered list items. (`*`, `>`, `|`, `~`, `<` and backticks are escaped wherever they are.)
fn escape_block_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=', '_']) {
        return format!("\\{line}");
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let url_start = url_start(rest);
        let (plain, url) = rest.split_at(url_start.unwrap_or(rest.len()));
        escape_chars(plain, &mut out);
        if url.is_empty() {
            break;
        }
        // An address runs to the first character no URL holds as written (non-ASCII letters
        // may stand in one, and the docs write `…` in elided ones).
        let end = url
            .find(|c: char| {
                c.is_whitespace()
                    || c.is_control()
                    || "<>\"'()[]`\\{}|^，。；、（）【】「」“”‘’".contains(c)
            })
            .unwrap_or(url.len());
        let (address, after) = url.split_at(end);
        // A sentence's closing punctuation is not part of the address.
        let address_end = address
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_', '~'])
            .len();
        let (address, trailing) = address.split_at(address_end);
        out.push('<');
        out.push_str(address);
        out.push('>');
        escape_chars(trailing, &mut out);
        rest = after;
    }
    out
}

/// Where the first `http://` or `https://` (in any case) starts.
fn url_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .filter_map(|scheme| lower.find(scheme))
        .min()
}

fn escape_chars(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        let escaped = match c {
            '[' | ']' | '<' | '>' | '\\' | '*' | '~' | '|' => true,
            // `_` emphasises only at a word's edge: `user_name` stays as it is.
            '_' => {
                !before.is_some_and(|b| b.is_alphanumeric())
                    || !after.is_some_and(|a| a.is_alphanumeric())
            }
            // `&amp;`, `&#38;`: an entity would be shown as the character it names.
            '&' => after.is_some_and(|a| a.is_ascii_alphanumeric() || *a == '#'),
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::{code, escape, list_item_text};

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(escape("a [b] <c>"), "a \\[b\\] \\<c\\>");
        assert_eq!(escape("see http://x.cn/a_b."), "see <http://x.cn/a_b>.");
        assert_eq!(escape("`a[0]` and a[0]"), "`a[0]` and a\\[0\\]");
        assert_eq!(escape("    indented\n# heading"), "indented\n\\# heading");
        assert_eq!(escape("one ` tick"), "one \\` tick");
    }

    /// Each line is what rustdoc shows, never the start of a code block.
    #[test]
    fn no_fence_indent_or_list_marker_starts_a_block() {
        assert_eq!(escape("```json\n{}\n```"), "\\`\\`\\`json\n{}\n\\`\\`\\`");
        assert_eq!(escape("~~~\nx\n~~~"), "\\~\\~\\~\nx\n\\~\\~\\~");
        assert_eq!(escape("\tlet x = 1;"), "let x = 1;");
        assert_eq!(escape("-     code"), "\\-     code");
        assert_eq!(escape("- ```"), "\\- \\`\\`\\`");
        assert_eq!(escape("1.     code"), "1\\.     code");
        assert_eq!(escape("12) item"), "12\\) item");
        assert_eq!(escape("> ~~~"), "\\> \\~\\~\\~");
        assert_eq!(
            escape("+ plus\n---\n===\n* star"),
            "\\+ plus\n\\---\n\\===\n\\* star"
        );
        assert_eq!(escape("| a |\n|---|"), "\\| a \\|\n\\|---\\|");
        // A run of backticks closed by a run as long is a code span, as Markdown has it.
        assert_eq!(escape("```inline```"), "```inline```");
        assert_eq!(escape("``a `b` c``"), "``a `b` c``");
        assert_eq!(escape("``unclosed` x"), "\\`\\`unclosed\\` x");
    }

    #[test]
    fn markup_links_and_entities_stay_text() {
        assert_eq!(
            escape("<b>x</b> <!-- c -->"),
            "\\<b\\>x\\</b\\> \\<!-- c --\\>"
        );
        assert_eq!(
            escape("[t](u) [^n] [l]: u"),
            "\\[t\\](u) \\[^n\\] \\[l\\]: u"
        );
        assert_eq!(escape("&amp; & x &#38;"), "\\&amp; & x \\&#38;");
        assert_eq!(
            escape("*e* _u_ a_b ~~s~~"),
            "\\*e\\* \\_u\\_ a_b \\~\\~s\\~\\~"
        );
        assert_eq!(escape("back\\slash\\"), "back\\\\slash\\\\");
        assert_eq!(escape("*/ /*"), "\\*/ /\\*");
    }

    #[test]
    fn urls_are_wrapped_up_to_what_no_url_holds() {
        assert_eq!(
            escape("(see https://x.cn/a?b=1&c=2), then HTTP://Y.CN."),
            "(see <https://x.cn/a?b=1&c=2>), then <HTTP://Y.CN>."
        );
        assert_eq!(
            escape("“https://m.cn/…/p.jpg”，"),
            "“<https://m.cn/…/p.jpg>”，"
        );
        assert_eq!(escape("<https://x.cn>"), "\\<<https://x.cn>\\>");
    }

    #[test]
    fn characters_a_comment_cannot_hold_are_written_out() {
        assert_eq!(escape("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(
            escape("nul\u{0} bell\u{7} del\u{7f}"),
            "nulU+0000 bellU+0007 delU+007F"
        );
        assert_eq!(
            escape("r\u{202e}l \u{2066}i\u{2069}"),
            "rU+202El U+2066iU+2069"
        );
        assert_eq!(escape("p\u{2029}q\u{2028}r"), "p\nq\nr");
        assert_eq!(escape("a\tb"), "a b");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("/API/x"), "`/API/x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x` ``y``"), "``` `x` ``y`` ```");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("a\nb\u{0}"), "`a bU+0000`");
    }

    #[test]
    fn list_items_keep_their_continuation_lines() {
        assert_eq!(list_item_text("a\nb\n\nc"), "a\n  b\n  \n  c");
    }
}
