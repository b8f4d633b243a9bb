//! Examples as JSON: parsed when valid, recovered with repairs when not.

use serde_json::Value;

use super::super::lenient_json;
use super::{DocsJson, InvalidJson, ReadProblem};

/// The reply example: the section's text from its first to its last non-blank line.
pub(super) fn read_json_block(
    body: &[(usize, &str)],
    problems: &mut Vec<ReadProblem>,
) -> Option<DocsJson> {
    let first = body.iter().position(|(_, line)| !line.trim().is_empty())?;
    let last = body.iter().rposition(|(_, line)| !line.trim().is_empty())?;
    let text: Vec<&str> = body[first..=last].iter().map(|(_, line)| *line).collect();
    let json = read_json(&text.join("\n"), body[first].0 + 1);
    if json.value.is_none()
        && let Some(invalid) = &json.invalid
    {
        problems.push(ReadProblem {
            line: invalid.line,
            message: format!(
                "example JSON unreadable even with repairs: {}",
                invalid.error
            ),
        });
    }
    Some(json)
}

/// Parses an example; `line` is the 1-based line its text starts on.
pub(super) fn read_json(text: &str, line: usize) -> DocsJson {
    // The docs' HTML rendering indents with no-break spaces; the reader made them spaces
    // before, so they are not held against the example.
    let text = text.to_owned();
    // Read leniently even when the text is valid, for the line of each key.
    let recovered = lenient_json::recover(&text, line);
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => DocsJson {
            keys: recovered.map(|r| r.keys).unwrap_or_default(),
            text,
            line,
            value: Some(value),
            invalid: None,
        },
        Err(error) => {
            // A parser that stops at the end of the text counts the empty line after a final
            // line break; the text's last line with something on it is the one to show.
            let last_line = line + text.trim_end().lines().count().saturating_sub(1);
            let error_line = (line + error.line().saturating_sub(1)).min(last_line);
            let message = strip_position(&error.to_string());
            match recovered {
                Ok(recovered) => DocsJson {
                    text,
                    line,
                    value: Some(recovered.value),
                    keys: recovered.keys,
                    invalid: Some(InvalidJson {
                        error: message,
                        line: error_line,
                        repairs: recovered.repairs,
                    }),
                },
                Err(unrecoverable) => DocsJson {
                    text,
                    line,
                    value: None,
                    keys: Vec::new(),
                    invalid: Some(InvalidJson {
                        error: format!("{message}; {}", unrecoverable.message),
                        line: unrecoverable.line.min(error_line),
                        repairs: Vec::new(),
                    }),
                },
            }
        }
    }
}

/// serde_json's message without its ` at line L column C` tail: positions are reported in
/// the docs file's own lines instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}
