//! The help texts of the command line, from the spec's prose: one line for `-h`, paragraphs
//! for `--help`. They go into string literals, so any text is safe.

/// `text` on one line, its runs of white space (line breaks too) as one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs that are there, trimmed, separated by blank lines.
pub(super) fn paragraphs<const N: usize>(paragraphs: [Option<String>; N]) -> String {
    paragraphs
        .into_iter()
        .flatten()
        .map(|paragraph| paragraph.trim().to_owned())
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A flag's one-line help: the English description and the docs' words (`Page number, from 1
/// (页码)`).
pub(super) fn help(en: &str, zh: Option<&str>) -> String {
    let en = one_line(en);
    let en = en.strip_suffix('.').unwrap_or(&en);
    match zh.map(one_line).filter(|zh| !zh.is_empty()) {
        Some(zh) => format!("{en} ({zh})"),
        None => en.to_owned(),
    }
}

/// The help of an enum code: its name, meaning and the docs' label (`refund: A refund (退款)`).
pub(super) fn code_help(name: &str, en: &str, zh: Option<&str>) -> String {
    format!("{name}: {}", help(en, zh))
}

/// An example value as a flag takes it: a string as it is, anything else as compact JSON.
pub(super) fn example(example: &serde_json::Value) -> String {
    match example {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lines() {
        assert_eq!(
            help("Page number,\n from 1.", Some("页码")),
            "Page number, from 1 (页码)"
        );
        assert_eq!(help("Items per page", None), "Items per page");
        assert_eq!(
            paragraphs([
                Some(" a ".to_owned()),
                None,
                Some(String::new()),
                Some("b".to_owned())
            ]),
            "a\n\nb"
        );
        assert_eq!(example(&serde_json::json!("x y")), "x y");
        assert_eq!(example(&serde_json::json!([1, 2])), "[1,2]");
    }
}
