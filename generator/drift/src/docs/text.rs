//! The docs' text as a reader of the web page sees it.
//!
//! People save the docs by copying a web page into an editor, which leaves characters no one
//! can see: no-break spaces and other space characters where the page indents, zero-width
//! spaces and other format characters (Unicode category Cf: U+200B, U+2060, U+FEFF, soft
//! hyphens, direction marks) wherever the page had them, and the line endings of whatever
//! system saved the file. Before anything is read, every line is made what a reader sees:
//!
//! - a line ends at `\n`, `\r\n` or a lone `\r`, as editors count lines, so line numbers in
//!   reports are the editor's;
//! - every whitespace character (space characters, tabs, line and paragraph separators) is a
//!   space;
//! - every format character is dropped, and counted, so that the report can say which ones the
//!   docs hold and on which lines ([`InvisibleChars`]).
//!
//! Other control characters are kept: they are not something a page leaves, and the readers
//! report them where they break the layout. Whatever text a report shows passes through
//! [`shown`], which names each character that cannot be seen instead of printing it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// One kind of invisible character the reader dropped, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvisibleChars {
    /// The code point, as `U+200B`.
    pub code_point: String,
    /// Its Unicode name (`ZERO WIDTH SPACE`).
    pub name: String,
    /// How many the docs hold.
    pub count: usize,
    /// The 1-based lines that hold one or more, in order.
    pub lines: Vec<usize>,
}

/// The docs' lines as a reader sees them, and the invisible characters dropped from them.
pub(crate) struct ReaderText {
    pub lines: Vec<String>,
    pub invisible: Vec<InvisibleChars>,
}

/// `text` as a reader sees it: see the module documentation.
pub(crate) fn reader_text(text: &str) -> ReaderText {
    let mut dropped: BTreeMap<char, (usize, Vec<usize>)> = BTreeMap::new();
    let lines = split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let mut seen = String::with_capacity(line.len());
            for c in line.chars() {
                if c == ' ' {
                    seen.push(c);
                } else if c.is_whitespace() {
                    seen.push(' ');
                } else if is_format(c) {
                    let (count, lines) = dropped.entry(c).or_default();
                    *count += 1;
                    if lines.last() != Some(&(index + 1)) {
                        lines.push(index + 1);
                    }
                } else {
                    seen.push(c);
                }
            }
            seen
        })
        .collect();
    let invisible = dropped
        .into_iter()
        .map(|(c, (count, lines))| InvisibleChars {
            code_point: code_point(c),
            name: name(c),
            count,
            lines,
        })
        .collect();
    ReaderText { lines, invisible }
}

/// Lines ending at `\n`, `\r\n` or a lone `\r`; a final line break starts no line, as with
/// [`str::lines`].
pub fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                lines.push(&text[start..at]);
                at += 1;
                start = at;
            }
            b'\r' => {
                lines.push(&text[start..at]);
                at += if bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = at;
            }
            _ => at += 1,
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// A format character (Unicode category Cf): zero width, drawn as nothing.
fn is_format(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
}

/// A character that draws as nothing, or as something other than itself: a format character,
/// or a control character other than the line break and the tab.
fn is_unseen(c: char) -> bool {
    is_format(c) || (c.is_control() && c != '\n' && c != '\t')
}

/// `U+200B`.
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The character's Unicode name; control characters, which have none, by their alias or as
/// a control character.
fn name(c: char) -> String {
    unicode_names2::name(c).map_or_else(
        || {
            if c.is_control() {
                "a control character".to_owned()
            } else {
                "a character without a name".to_owned()
            }
        },
        |name| name.to_string(),
    )
}

/// A character by code point and name: `U+200B ZERO WIDTH SPACE`.
pub fn describe(c: char) -> String {
    format!("{} {}", code_point(c), name(c))
}

/// `text` with every character that cannot be seen (format and control characters) written as
/// `⟨U+200B ZERO WIDTH SPACE⟩`, so that a report never shows two different texts as the same.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unseen) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    for c in text.chars() {
        if is_unseen(c) {
            out.push('⟨');
            out.push_str(&describe(c));
            out.push('⟩');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_as_editors_end_them() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("a\r\r\nb"), ["a", "", "b"]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn spaces_become_spaces_and_format_characters_go_and_are_counted() {
        let text = "\u{feff}title\u{200b}\n\u{a0}\u{3000}\t\"a\"\u{2060}: 1\n\u{200b}\u{200b}x";
        let read = reader_text(text);
        assert_eq!(read.lines, ["title", "   \"a\": 1", "x"]);
        let found: Vec<(&str, &str, usize, &[usize])> = read
            .invisible
            .iter()
            .map(|i| {
                (
                    i.code_point.as_str(),
                    i.name.as_str(),
                    i.count,
                    i.lines.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("U+200B", "ZERO WIDTH SPACE", 3, &[1, 3][..]),
                ("U+2060", "WORD JOINER", 1, &[2][..]),
                ("U+FEFF", "ZERO WIDTH NO-BREAK SPACE", 1, &[1][..]),
            ]
        );
    }

    #[test]
    fn shown_names_what_cannot_be_seen() {
        assert_eq!(shown("修改头像"), "修改头像");
        assert_eq!(
            shown("修改头像\u{200b}"),
            "修改头像⟨U+200B ZERO WIDTH SPACE⟩"
        );
        assert_eq!(
            shown("a\u{ad}b\u{1}"),
            "a⟨U+00AD SOFT HYPHEN⟩b⟨U+0001 a control character⟩"
        );
        assert_eq!(
            shown("a\u{a0}b\tc"),
            "a\u{a0}b\tc",
            "spaces are seen as spaces"
        );
    }
}
