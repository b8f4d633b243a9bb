//! Reads the vendor's docs in their own layout.
//!
//! Each endpoint is a block of plain text:
//!
//! ```text
//! 创建账户                                      ← title
//!
//! 接口地址                                      ← address marker, then the URL
//! https://api3.verycloud.cn/API/profile/register
//! HTTP请求方式                                  ← method marker, then the method
//! POST
//! 请求参数                                      ← parameter table: header, then one row a line
//! 名称 类型 必须 说明
//! username string 用户名
//! 请求示例                                      ← a curl command over several lines
//! curl -i -X POST https://… -H … -d '{"username": …}'
//! 响应示例                                      ← the reply, as (often invalid) JSON
//! {…}
//! ```
//!
//! The text is first made what a reader of the web page sees (see [`text`]): line endings of
//! any system, space characters as spaces, invisible format characters dropped and listed.
//! Endpoints are found by their address marker (the title is the last non-blank line before
//! it), so one endpoint's malformed reply cannot swallow the next endpoint. Whatever the
//! reader cannot make sense of becomes a [`ReadProblem`] with a line number; reading never
//! fails.

use serde::Serialize;
use serde_json::Value;

use super::lenient_json::{KeyLine, Repair};

mod curl;
mod json;
pub mod text;

use curl::read_curl;
use json::read_json_block;
pub use text::InvisibleChars;

const ADDRESS: &str = "接口地址";
const METHOD: &str = "HTTP请求方式";
const PARAMETERS: &str = "请求参数";
const REQUEST_EXAMPLE: &str = "请求示例";
const REPLY_EXAMPLE: &str = "响应示例";
const MARKERS: [&str; 5] = [ADDRESS, METHOD, PARAMETERS, REQUEST_EXAMPLE, REPLY_EXAMPLE];
const TABLE_HEADER: [&str; 4] = ["名称", "类型", "必须", "说明"];

/// Words that, standing alone in the third column, are a required mark. The docs leave the
/// column empty on every row, so a row reads `name type description`; only a token that can
/// only be a mark is taken as one, never the first word of a description.
const REQUIRED_MARKS: [&str; 9] = [
    "是", "Y", "yes", "required", "true", "必须", "必填", "√", "✓",
];
const OPTIONAL_MARKS: [&str; 9] = [
    "否",
    "N",
    "no",
    "optional",
    "false",
    "可选",
    "选填",
    "非必须",
    "非必填",
];

/// Everything read from one docs file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocsFile {
    /// Endpoints in documented order.
    pub endpoints: Vec<DocsEndpoint>,
    /// What could not be read, in line order.
    pub problems: Vec<ReadProblem>,
    /// The invisible characters the reader dropped, by code point.
    pub invisible: Vec<InvisibleChars>,
}

/// A part of the docs the reader could not make sense of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadProblem {
    /// 1-based line in the docs file.
    pub line: usize,
    /// What the reader expected and found, in one sentence.
    pub message: String,
}

/// One documented endpoint. A section the docs lack is `None` (and a [`ReadProblem`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocsEndpoint {
    /// The title line, trimmed (`创建账户`); empty when the endpoint has none.
    pub title: String,
    /// 1-based line the endpoint starts on: its title, or its address marker when it has none.
    pub first_line: usize,
    /// 1-based line of the endpoint's last non-blank line, the end of its reply example
    /// (inclusive).
    pub last_line: usize,
    /// The address line's URL.
    pub url: Option<DocsUrl>,
    /// The line under the method marker (`POST`).
    pub method: Option<Located>,
    /// The parameter table's rows in documented order.
    pub params: Vec<DocsParam>,
    /// The request example: a curl command.
    pub curl: Option<DocsCurl>,
    /// The reply example.
    pub reply_example: Option<DocsJson>,
}

/// A piece of text and the line it stands on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    /// The text, trimmed.
    pub text: String,
    /// 1-based line in the docs file.
    pub line: usize,
}

/// An absolute URL split at its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocsUrl {
    /// As written.
    pub url: String,
    /// Scheme and host: `https://api3.verycloud.cn`.
    pub base: String,
    /// `/API/profile/register`; `/` when the URL has no path.
    pub path: String,
    /// 1-based line in the docs file.
    pub line: usize,
}

/// One row of a parameter table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocsParam {
    /// The 名称 column: the wire name, an ASCII identifier (`username`).
    pub name: String,
    /// `None` when the row has no type word (also a [`ReadProblem`]).
    pub type_word: Option<String>,
    /// The 必须 column, when it holds a recognisable mark (it is empty throughout the docs).
    pub required_mark: Option<String>,
    /// The 说明 column; a row continued on the following lines has them joined by a space.
    pub description: String,
    /// 1-based line the row starts on.
    pub line: usize,
    /// The row's last line: later than `line` when the row wraps.
    pub last_line: usize,
}

impl DocsParam {
    /// What the required mark says, if there is one.
    pub fn required(&self) -> Option<bool> {
        let mark = self.required_mark.as_deref()?;
        Some(REQUIRED_MARKS.iter().any(|m| m.eq_ignore_ascii_case(mark)))
    }
}

/// The request example's curl command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocsCurl {
    /// The line the command starts on.
    pub line: usize,
    /// `-X`'s argument.
    pub method: Option<String>,
    /// The URL the command posts to.
    pub url: Option<DocsUrl>,
    /// `-d`'s argument.
    pub body: Option<DocsJson>,
}

/// A JSON example as the docs print it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocsJson {
    /// The text as a reader sees it (see [`text`]): the no-break spaces the docs indent with
    /// are spaces, invisible characters are gone.
    pub text: String,
    /// The line the text starts on.
    pub line: usize,
    /// The value: parsed, or recovered from invalid text; `None` when unrecoverable.
    pub value: Option<Value>,
    /// Every key the text writes and its line; empty when unrecoverable.
    pub keys: Vec<KeyLine>,
    /// Why the text is not valid JSON; `None` when it is.
    pub invalid: Option<InvalidJson>,
}

/// How an example fails to be JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidJson {
    /// The first error, as a strict JSON parser reports it.
    pub error: String,
    /// 1-based line in the docs file where the text stops being JSON.
    pub line: usize,
    /// Each repair that recovered a value, in text order; empty when none could.
    pub repairs: Vec<Repair>,
}

/// Reads the docs' text. Never fails: what it cannot read is listed in [`DocsFile::problems`].
pub fn read_docs(text: &str) -> DocsFile {
    let reader = text::reader_text(text);
    let lines: Vec<&str> = reader.lines.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim() == ADDRESS)
        .collect();
    if anchors.is_empty() {
        problems.push(problem(
            0,
            format!("no `{ADDRESS}` line: not the layout of the VeryCloud docs"),
        ));
    }

    // Where each endpoint starts: its title line, or its address line when it has no title.
    let mut starts = Vec::with_capacity(anchors.len());
    let mut floor = 0;
    for &anchor in &anchors {
        let title = (floor..anchor).rev().find(|&i| !lines[i].trim().is_empty());
        starts.push(title.filter(|&i| looks_like_title(lines[i])));
        if let Some(i) = title.filter(|&i| !looks_like_title(lines[i])) {
            problems.push(problem(
                i,
                format!("the line before `{ADDRESS}` does not look like a title"),
            ));
        } else if title.is_none() {
            problems.push(problem(anchor, format!("no title line before `{ADDRESS}`")));
        }
        floor = anchor + 1;
    }

    let mut endpoints = Vec::with_capacity(anchors.len());
    for (n, &anchor) in anchors.iter().enumerate() {
        let start = starts[n].unwrap_or(anchor);
        let end = anchors
            .get(n + 1)
            .map_or(lines.len(), |&next| starts[n + 1].unwrap_or(next));
        let title = starts[n]
            .map(|i| lines[i].trim().to_owned())
            .unwrap_or_default();
        endpoints.push(read_endpoint(
            &lines,
            title,
            start,
            anchor,
            end,
            &mut problems,
        ));
    }
    problems.sort_by_key(|p| p.line);
    DocsFile {
        endpoints,
        problems,
        invisible: reader.invisible,
    }
}

/// A title is prose, not the tail of the previous endpoint's JSON.
fn looks_like_title(line: &str) -> bool {
    let line = line.trim();
    !(line.starts_with(['{', '}', '[', ']', '"', ',']) || line.ends_with([',', '{', '[']))
}

/// A problem on the line at 0-based `index`; what the message quotes is shown visibly.
fn problem(index: usize, message: impl Into<String>) -> ReadProblem {
    let message = message.into();
    ReadProblem {
        line: index + 1,
        message: text::shown(&message).into_owned(),
    }
}

/// Lines `start..end` (0-based, exclusive) hold the endpoint; `anchor` is its address marker.
fn read_endpoint(
    lines: &[&str],
    title: String,
    start: usize,
    anchor: usize,
    end: usize,
    problems: &mut Vec<ReadProblem>,
) -> DocsEndpoint {
    let mut marker_at: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(anchor) {
        if let Some(marker) = MARKERS.iter().find(|m| line.trim() == **m) {
            if marker_at.iter().any(|(_, seen)| seen == marker) {
                problems.push(problem(
                    i,
                    format!("`{marker}` appears twice in one endpoint; the second ignored"),
                ));
            } else {
                marker_at.push((i, marker));
            }
        }
    }
    // A section runs from after its marker to the next marker or the end of the endpoint.
    let section = |marker: &str| -> Option<Vec<(usize, &str)>> {
        let position = marker_at.iter().position(|(_, m)| *m == marker)?;
        let from = marker_at[position].0 + 1;
        let to = marker_at
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| i >= from)
            .min()
            .unwrap_or(end);
        Some((from..to).map(|i| (i, lines[i])).collect())
    };
    for marker in MARKERS {
        if section(marker).is_none() {
            problems.push(problem(
                anchor,
                format!("endpoint `{title}` has no `{marker}` section"),
            ));
        }
    }

    let url = section(ADDRESS)
        .and_then(|body| read_single_line(&body, ADDRESS, problems))
        .and_then(|line| {
            let url = parse_url(&line.text, line.line);
            if url.is_none() {
                problems.push(problem(
                    line.line - 1,
                    format!("`{}` is not an http(s) URL", line.text),
                ));
            }
            url
        });
    let method = section(METHOD).and_then(|body| read_single_line(&body, METHOD, problems));
    let params = section(PARAMETERS)
        .map(|body| read_params(&body, problems))
        .unwrap_or_default();
    let curl = section(REQUEST_EXAMPLE).and_then(|body| {
        let curl = read_curl(&body, problems);
        if curl.is_none() {
            problems.push(problem(
                anchor,
                format!("endpoint `{title}` has no curl command under `{REQUEST_EXAMPLE}`"),
            ));
        }
        curl
    });
    let reply_example = section(REPLY_EXAMPLE).and_then(|body| {
        let json = read_json_block(&body, problems);
        if json.is_none() {
            problems.push(problem(
                anchor,
                format!("endpoint `{title}` has an empty `{REPLY_EXAMPLE}`"),
            ));
        }
        json
    });
    let last_line = (start..end)
        .rev()
        .find(|&i| !lines[i].trim().is_empty())
        .unwrap_or(start)
        + 1;
    DocsEndpoint {
        title,
        first_line: start + 1,
        last_line,
        url,
        method,
        params,
        curl,
        reply_example,
    }
}

/// The one non-blank line a section holds (the URL, the method).
fn read_single_line(
    body: &[(usize, &str)],
    marker: &str,
    problems: &mut Vec<ReadProblem>,
) -> Option<Located> {
    let mut non_blank = body.iter().filter(|(_, line)| !line.trim().is_empty());
    let first = non_blank.next();
    for (i, line) in non_blank {
        problems.push(problem(
            *i,
            format!(
                "unexpected line after `{marker}` ignored: `{}`",
                line.trim()
            ),
        ));
    }
    first.map(|(i, line)| Located {
        text: line.trim().to_owned(),
        line: i + 1,
    })
}

/// Splits `https://host/path` into its base and path. `line` is 1-based.
fn parse_url(text: &str, line: usize) -> Option<DocsUrl> {
    let url = text.trim().trim_matches(['\'', '"']);
    let scheme_end = url.find("://")? + 3;
    let scheme = &url[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("http://") || scheme.eq_ignore_ascii_case("https://")) {
        return None;
    }
    let path_start = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    let path = &url[path_start..];
    Some(DocsUrl {
        url: url.to_owned(),
        base: url[..path_start].to_owned(),
        path: if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        },
        line,
    })
}

fn read_params(body: &[(usize, &str)], problems: &mut Vec<ReadProblem>) -> Vec<DocsParam> {
    let mut rows: Vec<&(usize, &str)> = body
        .iter()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    if let Some((i, header)) = rows.first().copied() {
        let words: Vec<&str> = header.split_whitespace().collect();
        if words == TABLE_HEADER {
            rows.remove(0);
        } else if words.first() == Some(&TABLE_HEADER[0]) {
            problems.push(problem(
                *i,
                format!(
                    "table header reads `{}`, expected `{}`",
                    header.trim(),
                    TABLE_HEADER.join(" ")
                ),
            ));
            rows.remove(0);
        } else {
            problems.push(problem(
                *i,
                format!(
                    "no `{}` header before the first row",
                    TABLE_HEADER.join(" ")
                ),
            ));
        }
    }

    let mut params: Vec<DocsParam> = Vec::new();
    for (i, line) in rows {
        match read_row(line, *i + 1) {
            Some(row) => {
                if row.type_word.is_none() {
                    problems.push(problem(*i, format!("row `{}` has no type word", row.name)));
                }
                params.push(row);
            }
            None => match params.last_mut() {
                // A description that runs on: the docs wrap long cells onto their own line.
                Some(previous) => {
                    previous.description = join_description(&previous.description, line.trim());
                    previous.last_line = *i + 1;
                }
                None => problems.push(problem(
                    *i,
                    format!(
                        "line is neither a parameter row nor part of one: `{}`",
                        line.trim()
                    ),
                )),
            },
        }
    }
    params
}

/// A table row, or `None` when the line does not start with a parameter name (it continues
/// the row before). A name is an ASCII identifier; the type word after it is ASCII too.
fn read_row(line: &str, line_number: usize) -> Option<DocsParam> {
    let (name, rest) = next_word(line)?;
    if !is_identifier(name) {
        return None;
    }
    let (type_word, rest) = match next_word(rest) {
        Some((word, after)) if is_type_word(word) => (Some(word.to_owned()), after),
        _ => (None, rest),
    };
    let (required_mark, rest) = match next_word(rest) {
        Some((word, after)) if is_required_mark(word) => (Some(word.to_owned()), after),
        _ => (None, rest),
    };
    Some(DocsParam {
        name: name.to_owned(),
        type_word,
        required_mark,
        description: rest.trim().to_owned(),
        line: line_number,
        last_line: line_number,
    })
}

fn join_description(first: &str, more: &str) -> String {
    if first.is_empty() {
        more.to_owned()
    } else {
        format!("{first} {more}")
    }
}

/// The first whitespace-separated word of `text` and what follows it.
fn next_word(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    Some((&text[..end], &text[end..]))
}

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_type_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '<' | '>' | '[' | ']'))
}

fn is_required_mark(word: &str) -> bool {
    REQUIRED_MARKS
        .iter()
        .chain(&OPTIONAL_MARKS)
        .any(|mark| mark.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests;
