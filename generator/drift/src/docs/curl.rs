//! The request example: a curl command over several lines, with the JSON body after `-d`.

use super::json::read_json;
use super::{DocsCurl, ReadProblem, parse_url, problem};

/// The curl command: its method, URL and JSON body.
pub(super) fn read_curl(
    body: &[(usize, &str)],
    problems: &mut Vec<ReadProblem>,
) -> Option<DocsCurl> {
    let first = body
        .iter()
        .position(|(_, line)| line.trim_start().starts_with("curl"))?;
    // The command as one text, remembering where each line starts so that a word's offset
    // gives back its line. Shell line continuations (`\`) are dropped.
    let mut command = String::new();
    let mut line_starts: Vec<(usize, usize)> = Vec::new();
    for (i, line) in &body[first..] {
        line_starts.push((command.len(), *i + 1));
        let line = line.trim_end();
        command.push_str(line.strip_suffix('\\').unwrap_or(line));
        command.push('\n');
    }
    let line_of = |offset: usize| {
        line_starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= offset)
            .map_or(body[first].0 + 1, |(_, line)| *line)
    };

    let words = shell_words(&command);
    let mut curl = DocsCurl {
        line: body[first].0 + 1,
        method: None,
        url: None,
        body: None,
    };
    let mut words_iter = words.iter();
    while let Some(word) = words_iter.next() {
        if word.unterminated {
            problems.push(problem(
                line_of(word.offset) - 1,
                "a quote in the curl command is never closed",
            ));
        }
        match word.text.as_str() {
            "-X" | "--request" => curl.method = words_iter.next().map(|w| w.text.clone()),
            "-H" | "--header" => {
                words_iter.next();
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" => {
                if let Some(data) = words_iter.next() {
                    let line = line_of(data.offset);
                    curl.body = Some(read_json(&data.text, line));
                }
            }
            "--url" => {
                curl.url = words_iter
                    .next()
                    .and_then(|w| parse_url(&w.text, line_of(w.offset)))
            }
            text if curl.url.is_none()
                && (text.starts_with("http://") || text.starts_with("https://")) =>
            {
                curl.url = parse_url(text, line_of(word.offset));
            }
            _ => {}
        }
    }
    if curl.url.is_none() {
        problems.push(problem(curl.line - 1, "the curl command has no URL"));
    }
    if curl.body.is_none() {
        problems.push(problem(curl.line - 1, "the curl command has no `-d` body"));
    }
    Some(curl)
}

struct ShellWord {
    text: String,
    /// Byte offset in the command where the word's text starts (inside its quote, if quoted).
    offset: usize,
    unterminated: bool,
}

/// Splits a command into words the way a shell would for the simple quoting curl lines use.
fn shell_words(command: &str) -> Vec<ShellWord> {
    let mut words = Vec::new();
    let mut chars = command.char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = ShellWord {
            text: String::new(),
            offset,
            unterminated: false,
        };
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '\'' | '"' => {
                    if word.text.is_empty() {
                        word.offset = at + c.len_utf8();
                    }
                    let mut closed = false;
                    while let Some((_, inner)) = chars.next() {
                        if inner == c {
                            closed = true;
                            break;
                        }
                        if c == '"' && inner == '\\' {
                            if let Some((_, escaped)) = chars.next() {
                                word.text.push(escaped);
                            }
                            continue;
                        }
                        word.text.push(inner);
                    }
                    word.unterminated |= !closed;
                }
                _ => word.text.push(c),
            }
        }
        words.push(word);
    }
    words
}
