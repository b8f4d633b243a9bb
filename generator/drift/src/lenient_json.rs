//! A forgiving JSON reader for the docs' examples.
//!
//! The vendor's examples are hand-written and often invalid: trailing commas, missing commas,
//! a key without its opening quote, a value without a key, line breaks inside strings. Drift
//! detection compares the *keys* an example shows, so it needs a value even from broken text.
//! This reader recovers the value a reader of the docs would see and lists every repair it
//! made, with a line number, so that the report can say what was wrong.

use serde::Serialize;
use serde_json::{Map, Number, Value};

/// One place where the text was not valid JSON and how it was read anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// 1-based line in the docs file.
    pub line: usize,
    /// What was wrong and how it was read (``trailing comma before `}` removed``).
    pub message: String,
}

/// A value recovered from text that may not be valid JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The value a reader of the docs would see.
    pub value: Value,
    /// Empty when the text was valid JSON apart from whitespace.
    pub repairs: Vec<Repair>,
    /// Every key the text writes, in text order, with its place in the value and its line.
    pub keys: Vec<KeyLine>,
}

/// The segment of a [`KeyLine::path`] that stands for any item of a list: `data[].id` is
/// `["data", "[]", "id"]`.
pub const LIST_ITEM: &str = "[]";

/// Where a key stands: the same key in two objects has two paths, and so two lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyLine {
    /// The keys from the top down to this one, a list's items as [`LIST_ITEM`].
    pub path: Vec<String>,
    /// 1-based line in the docs file where the key is written.
    pub line: usize,
}

/// Text too broken to recover any value from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrecoverable {
    /// 1-based line in the docs file where reading gave up.
    pub line: usize,
    /// Why no value can be read (`a string is never closed`).
    pub message: String,
}

/// Reads `text`, whose first line is line `first_line` of the docs file.
///
/// # Errors
/// When no repair makes a value of the text (a string never closed, a character where no
/// value or key can stand, text that ends early); the error says where.
pub fn recover(text: &str, first_line: usize) -> Result<Recovered, Unrecoverable> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        pos: 0,
        line: first_line,
        last_line: first_line,
        repairs: Vec::new(),
        path: Vec::new(),
        keys: Vec::new(),
    };
    let value = reader.value()?;
    reader.skip_whitespace();
    if reader.peek().is_some() {
        let line = reader.line;
        reader.repair(line, "text after the JSON value ignored");
    }
    Ok(Recovered {
        value,
        repairs: reader.repairs,
        keys: reader.keys,
    })
}

struct Reader {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    /// The line of the last character read that is not whitespace: where the text ends, for
    /// what is missing at its end.
    last_line: usize,
    repairs: Vec<Repair>,
    /// The keys (and list items) leading to the value being read.
    path: Vec<String>,
    keys: Vec<KeyLine>,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        } else if !c.is_whitespace() {
            self.last_line = self.line;
        }
        Some(c)
    }

    /// The line a problem at the reading position stands on: at the end of the text, the line
    /// of its last character, not the empty line after a final line break.
    fn here(&self) -> usize {
        if self.pos >= self.chars.len() {
            self.last_line
        } else {
            self.line
        }
    }

    fn repair(&mut self, line: usize, message: impl Into<String>) {
        self.repairs.push(Repair {
            line,
            message: message.into(),
        });
    }

    fn fail<T>(&self, message: impl Into<String>) -> Result<T, Unrecoverable> {
        Err(Unrecoverable {
            line: self.here(),
            message: message.into(),
        })
    }

    /// Any Unicode whitespace: the docs indent with no-break spaces, which JSON does not allow
    /// but no reader of the docs notices. The caller decides whether that counts as invalid.
    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn value(&mut self) -> Result<Value, Unrecoverable> {
        self.skip_whitespace();
        match self.peek() {
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some(quote @ ('"' | '\'')) => self.string(quote).map(Value::String),
            Some(c) if c == '-' || c.is_ascii_digit() => Ok(self.number()),
            Some(c) if is_word_char(c) => Ok(self.bare_value()),
            Some(c) => self.fail(format!("unexpected `{c}` where a value should start")),
            None => self.fail("the text ends where a value should start"),
        }
    }

    fn object(&mut self) -> Result<Value, Unrecoverable> {
        self.bump();
        let mut members = Map::new();
        // Line of a comma not yet followed by a member, to report a trailing comma.
        let mut pending_comma: Option<usize> = None;
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => {
                    let line = self.here();
                    self.repair(line, "missing `}` at the end added");
                    return Ok(Value::Object(members));
                }
                Some('}') => {
                    if let Some(line) = pending_comma {
                        self.repair(line, "trailing comma before `}` removed");
                    }
                    self.bump();
                    return Ok(Value::Object(members));
                }
                Some(',') => {
                    let line = self.line;
                    self.repair(line, "extra comma removed");
                    self.bump();
                    continue;
                }
                Some(_) => {}
            }
            pending_comma = None;
            let key_line = self.line;
            let (key, quoted) = self.key()?;
            self.skip_whitespace();
            match self.peek() {
                Some(':') => {
                    self.bump();
                }
                Some(',' | '}') | None if quoted => {
                    self.repair(key_line, format!("string \"{key}\" without a key dropped"));
                    if self.peek() == Some(',') {
                        pending_comma = Some(self.line);
                        self.bump();
                    }
                    continue;
                }
                _ => self.repair(key_line, format!("missing `:` after key `{key}` added")),
            }
            self.path.push(key.clone());
            self.keys.push(KeyLine {
                path: self.path.clone(),
                line: key_line,
            });
            let value = self.value();
            self.path.pop();
            let value = value?;
            if members.insert(key.clone(), value).is_some() {
                self.repair(
                    key_line,
                    format!("duplicate key `{key}`: the last value kept"),
                );
            }
            self.skip_whitespace();
            match self.peek() {
                Some(',') => {
                    pending_comma = Some(self.line);
                    self.bump();
                }
                Some('}') | None => {}
                Some(c) if c == '"' || c == '\'' || is_word_char(c) => {
                    let line = self.line;
                    self.repair(line, "missing comma between members added");
                }
                Some(c) => {
                    return self.fail(format!("unexpected `{c}` after the value of `{key}`"));
                }
            }
        }
    }

    /// A member's key: a quoted string, or a bare word (with or without a closing quote).
    /// Returns the key and whether it was properly quoted.
    fn key(&mut self) -> Result<(String, bool), Unrecoverable> {
        match self.peek() {
            Some(quote @ ('"' | '\'')) => Ok((self.string(quote)?, quote == '"')),
            Some(c) if is_word_char(c) => {
                let line = self.line;
                let word = self.word();
                if self.peek() == Some('"') {
                    self.bump();
                    self.repair(line, format!("key `{word}` lacks its opening quote"));
                } else {
                    self.repair(line, format!("key `{word}` is not quoted"));
                }
                Ok((word, false))
            }
            Some(c) => self.fail(format!("unexpected `{c}` where a key should start")),
            None => self.fail("the text ends where a key should start"),
        }
    }

    fn array(&mut self) -> Result<Value, Unrecoverable> {
        self.bump();
        let mut items = Vec::new();
        let mut pending_comma: Option<usize> = None;
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => {
                    let line = self.here();
                    self.repair(line, "missing `]` at the end added");
                    return Ok(Value::Array(items));
                }
                Some(']') => {
                    if let Some(line) = pending_comma {
                        self.repair(line, "trailing comma before `]` removed");
                    }
                    self.bump();
                    return Ok(Value::Array(items));
                }
                Some(',') => {
                    let line = self.line;
                    self.repair(line, "extra comma removed");
                    self.bump();
                    continue;
                }
                Some(_) => {}
            }
            pending_comma = None;
            self.path.push(LIST_ITEM.to_owned());
            let item = self.value();
            self.path.pop();
            items.push(item?);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => {
                    pending_comma = Some(self.line);
                    self.bump();
                }
                Some(']') | None => {}
                Some(c) if c == '{' || c == '[' || c == '"' || c == '-' || is_word_char(c) => {
                    let line = self.line;
                    self.repair(line, "missing comma between items added");
                }
                Some(c) => return self.fail(format!("unexpected `{c}` in an array")),
            }
        }
    }

    fn string(&mut self, quote: char) -> Result<String, Unrecoverable> {
        let start_line = self.line;
        self.bump();
        if quote == '\'' {
            self.repair(start_line, "single-quoted string read as a JSON string");
        }
        let mut text = String::new();
        let mut reported_line_break = false;
        loop {
            let line = self.line;
            match self.bump() {
                None => {
                    return Err(Unrecoverable {
                        line: start_line,
                        message: "a string is never closed".to_owned(),
                    });
                }
                Some(c) if c == quote => return Ok(text),
                Some('\\') => self.escape(&mut text)?,
                Some('\n') => {
                    if !reported_line_break {
                        self.repair(line, "line break inside a string read as `\\n`");
                        reported_line_break = true;
                    }
                    text.push('\n');
                }
                Some(c) if c.is_control() => {
                    self.repair(
                        line,
                        format!(
                            "control character U+{:04X} inside a string kept",
                            u32::from(c)
                        ),
                    );
                    text.push(c);
                }
                Some(c) => text.push(c),
            }
        }
    }

    fn escape(&mut self, text: &mut String) -> Result<(), Unrecoverable> {
        let line = self.line;
        let Some(c) = self.bump() else {
            return self.fail("a string ends in a backslash");
        };
        let unescaped = match c {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            '\'' => '\'',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high)
                    && self.chars.get(self.pos) == Some(&'\\')
                    && self.chars.get(self.pos + 1) == Some(&'u')
                {
                    self.bump();
                    self.bump();
                    let low = self.hex4()?;
                    0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    high
                };
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            other => {
                self.repair(
                    line,
                    format!("unknown escape `\\{other}` kept as `{other}`"),
                );
                other
            }
        };
        text.push(unescaped);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Unrecoverable> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(digit) = self.bump().and_then(|c| c.to_digit(16)) else {
                return self.fail("`\\u` is not followed by four hex digits");
            };
            code = code * 16 + digit;
        }
        Ok(code)
    }

    fn number(&mut self) -> Value {
        let line = self.line;
        let mut text = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        {
            text.push(c);
            self.bump();
        }
        let leading_zero = text.len() > 1 && text.starts_with('0') && !text.starts_with("0.");
        match text.parse::<Number>() {
            Ok(number) if !leading_zero => Value::Number(number),
            _ => {
                self.repair(
                    line,
                    format!("`{text}` is not a JSON number: kept as a string"),
                );
                Value::String(text)
            }
        }
    }

    /// `true`, `false`, `null`, or an unquoted word kept as a string.
    fn bare_value(&mut self) -> Value {
        let line = self.line;
        let word = self.word();
        match word.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => {
                self.repair(line, format!("unquoted `{word}` read as a string"));
                Value::String(word)
            }
        }
    }

    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self.peek().filter(|&c| is_word_char(c)) {
            word.push(c);
            self.bump();
        }
        word
    }
}

/// Characters of a bare word: what an unquoted key or value is made of.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '/' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(recovered: &Recovered) -> Vec<(usize, &str)> {
        recovered
            .repairs
            .iter()
            .map(|r| (r.line, r.message.as_str()))
            .collect()
    }

    #[test]
    fn valid_json_needs_no_repair() {
        let recovered = recover(r#"{"a": [1, 2.5, "x"], "b": {"c": null, "d": true}}"#, 1).unwrap();
        assert_eq!(
            recovered.value,
            json!({"a": [1, 2.5, "x"], "b": {"c": null, "d": true}})
        );
        assert!(recovered.repairs.is_empty());
    }

    #[test]
    fn trailing_commas_are_removed_with_the_comma_line() {
        let text = "{\n  \"a\": 1 ,\n  \n}";
        let recovered = recover(text, 10).unwrap();
        assert_eq!(recovered.value, json!({"a": 1}));
        assert_eq!(
            messages(&recovered),
            [(11, "trailing comma before `}` removed")]
        );
    }

    #[test]
    fn a_missing_comma_between_members_is_added() {
        let text = "{\n\"gid\": 1234567890 \"value\": \"API/x\"\n}";
        let recovered = recover(text, 1).unwrap();
        assert_eq!(
            recovered.value,
            json!({"gid": 1234567890, "value": "API/x"})
        );
        assert_eq!(
            messages(&recovered),
            [(2, "missing comma between members added")]
        );
    }

    #[test]
    fn a_key_without_its_opening_quote_is_read() {
        let recovered = recover(r#"{"id": 1, name": "测试组"}"#, 3).unwrap();
        assert_eq!(recovered.value, json!({"id": 1, "name": "测试组"}));
        assert_eq!(
            messages(&recovered),
            [(3, "key `name` lacks its opening quote")]
        );
    }

    #[test]
    fn a_string_without_a_key_is_dropped() {
        let recovered = recover(r#"{"id": 1, "API/instance/cloudDiskList"}"#, 1).unwrap();
        assert_eq!(recovered.value, json!({"id": 1}));
        assert_eq!(
            messages(&recovered),
            [(
                1,
                "string \"API/instance/cloudDiskList\" without a key dropped"
            )]
        );
    }

    #[test]
    fn a_line_break_inside_a_string_is_kept_as_newline() {
        let recovered = recover("{\"content\": \"a\nb\", \"n\": 2}", 7).unwrap();
        assert_eq!(recovered.value, json!({"content": "a\nb", "n": 2}));
        assert_eq!(
            messages(&recovered),
            [(7, "line break inside a string read as `\\n`")]
        );
    }

    #[test]
    fn no_break_spaces_count_as_whitespace() {
        let recovered = recover("{\u{a0}\"a\":\u{a0}1}", 1).unwrap();
        assert_eq!(recovered.value, json!({"a": 1}));
        assert!(recovered.repairs.is_empty());
    }

    #[test]
    fn missing_closing_brackets_are_added() {
        let recovered = recover("{\"a\": [1, 2", 1).unwrap();
        assert_eq!(recovered.value, json!({"a": [1, 2]}));
        assert_eq!(
            messages(&recovered),
            [
                (1, "missing `]` at the end added"),
                (1, "missing `}` at the end added")
            ]
        );
    }

    #[test]
    fn what_is_missing_at_the_end_is_reported_on_the_last_line_of_text() {
        let recovered = recover("{\"a\": [1,\n2\n\n", 7).unwrap();
        assert_eq!(
            messages(&recovered),
            [
                (8, "missing `]` at the end added"),
                (8, "missing `}` at the end added")
            ]
        );
        assert_eq!(recover("{\"a\":\n", 3).unwrap_err().line, 3);
    }

    #[test]
    fn an_unclosed_string_is_unrecoverable() {
        let error = recover("{\n\"a\": \"never closed}", 4).unwrap_err();
        assert_eq!(error.line, 5);
        assert_eq!(error.message, "a string is never closed");
    }

    #[test]
    fn text_after_the_value_is_reported() {
        let recovered = recover("{\"a\": 1}\n说明: 无", 1).unwrap();
        assert_eq!(recovered.value, json!({"a": 1}));
        assert_eq!(
            messages(&recovered),
            [(2, "text after the JSON value ignored")]
        );
    }

    #[test]
    fn each_key_is_placed_by_its_path_not_its_name() {
        let text = "{\"data\": {\n\"free\": {\"used\": 1},\n\"month\": [\n{\"used\": 2}\n]}}";
        let keys: Vec<(String, usize)> = recover(text, 10)
            .unwrap()
            .keys
            .into_iter()
            .map(|k| (k.path.join("."), k.line))
            .collect();
        assert_eq!(
            keys,
            [
                ("data".to_owned(), 10),
                ("data.free".to_owned(), 11),
                ("data.free.used".to_owned(), 11),
                ("data.month".to_owned(), 12),
                ("data.month.[].used".to_owned(), 13),
            ]
        );
    }

    #[test]
    fn escapes_decode_including_surrogate_pairs() {
        let recovered = recover(r#"["\u4e2d\n", "\ud83d\ude00", "a\/b"]"#, 1).unwrap();
        assert_eq!(recovered.value, json!(["中\n", "😀", "a/b"]));
        assert!(recovered.repairs.is_empty());
    }
}
